import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxInstance } from "../../../src/asterisk/sandbox/instance.ts";
import type { SandboxSpec } from "../../../src/asterisk/sandbox/spec.ts";
import { privatePaths } from "../../../src/cli/private-paths.ts";
import type { HotlineConfig } from "../../../src/config/index.ts";
import { openDatabase } from "../../../src/records/db.ts";
import { Journal } from "../../../src/records/journal.ts";
import { findPaths, looseFileWarnings, withUmask } from "../../../src/records/private-files.ts";

const mode = (path: string) => statSync(path).mode & 0o777;

describe("private files, under a permissive umask", () => {
  let dir: string;
  let umask: number;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hotline-private-"));
    umask = process.umask(0o002);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the SQLite database, its -wal and -shm are 0600 in a 0700 folder", async () => {
    const filename = join(dir, "db", "hotline.sqlite");
    const db = await openDatabase({ client: "sqlite", filename });
    try {
      await db("calls").insert({ id: "c1", started_at: new Date().toISOString() });
      expect(mode(join(dir, "db"))).toBe(0o700);
      for (const f of [filename, `${filename}-wal`, `${filename}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    } finally {
      await db.destroy();
    }
  });

  it("the records journal is 0600 in a 0700 folder, also after it is rewritten", () => {
    const path = join(dir, "state", "records.journal");
    const { journal } = Journal.open(path, { compactBytes: 1 });
    const op = { kind: "insert", table: "calls", row: { id: "c1" } } as never;
    journal.append([
      { seq: 1, op },
      { seq: 2, op },
    ]);
    expect(mode(join(dir, "state"))).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    journal.committed(1, [{ seq: 2, op }]);
    journal.close();
    expect(mode(path)).toBe(0o600);
    Journal.open(path).journal.close();
    expect(mode(path)).toBe(0o600);
  });

  it("the sandbox's instance, log and spool folders are 0700, even ones made looser before", async () => {
    const spec = { dir: join(dir, "asterisk") } as SandboxSpec;
    mkdirSync(join(spec.dir, "log"), { recursive: true, mode: 0o755 });
    chmodSync(join(spec.dir, "log"), 0o755);
    await new SandboxInstance(spec).makeDirs();
    for (const sub of ["", "log", "spool", "spool/recording", "spool/voicemail"])
      expect([sub, mode(join(spec.dir, sub))]).toEqual([sub, 0o700]);
  });

  it("Asterisk is started with umask 077, and the app's umask is left as it was", () => {
    const shown = withUmask(0o077, () => spawnSync("sh", ["-c", "umask"], { encoding: "utf8" }).stdout.trim());
    expect(shown).toBe("0077");
    expect(process.umask(0o002)).toBe(0o002);
  });
});

describe("warning about looser files", () => {
  it("names each file or folder that group or others may use, with the fix", () => {
    expect(
      looseFileWarnings([
        { path: "var/hotline.sqlite", mode: 0o100644, directory: false },
        { path: "var/recordings", mode: 0o40750, directory: true },
        { path: "var/records.journal", mode: 0o100600, directory: false },
        { path: "var/asterisk/log", mode: 0o40700, directory: true },
      ]),
    ).toEqual([
      "var/hotline.sqlite: warning: mode 0644 lets other users at callers' numbers; chmod 600 var/hotline.sqlite",
      "var/recordings: warning: mode 0750 lets other users at callers' numbers; chmod 700 var/recordings",
    ]);
  });

  it("checks the configuration's database, journal, recordings and the sandbox's logs and spool", () => {
    const root = mkdtempSync(join(tmpdir(), "hotline-loose-"));
    try {
      const config = {
        database: { client: "sqlite", filename: join(root, "hotline.sqlite") },
        state: { dir: join(root, "state") },
        recordings: { dir: join(root, "recordings") },
        asterisk: { mode: "sandbox" },
      } as unknown as HotlineConfig;
      const paths = privatePaths(config, join(root, "asterisk"));
      expect(paths).toEqual(
        expect.arrayContaining([
          join(root, "hotline.sqlite-wal"),
          join(root, "state", "records.journal"),
          join(root, "recordings"),
          join(root, "asterisk", "log", "full.log"),
          join(root, "asterisk", "spool", "recording"),
        ]),
      );
      writeFileSync(join(root, "hotline.sqlite"), "", { mode: 0o644 });
      chmodSync(join(root, "hotline.sqlite"), 0o644);
      mkdirSync(join(root, "recordings"), { mode: 0o700 });
      chmodSync(join(root, "recordings"), 0o700);
      const lines = looseFileWarnings(findPaths(paths));
      expect(lines).toEqual([expect.stringContaining(`${join(root, "hotline.sqlite")}: warning: mode 0644`)]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
