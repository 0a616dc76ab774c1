import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sqlite3 from "sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRow } from "../../src/records/call-records.ts";
import { CallRecords } from "../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import { type Backend, recordWriterSuite } from "../unit/records/writer-suite.ts";

const files = new Map<Knex, string>();
const dirs: string[] = [];

const sqlite: Backend = {
  async open() {
    const dir = await mkdtemp(join(tmpdir(), "hotline-records-sqlite-"));
    dirs.push(dir);
    const filename = join(dir, "records.sqlite");
    const db = await openDatabase({ client: "sqlite", filename, lockTimeoutMs: 20 });
    files.set(db, filename);
    return db;
  },
  async blockWrites(db) {
    // Another connection's exclusive transaction: our writes get SQLITE_BUSY after the 20 ms lock wait.
    const other = new sqlite3.Database(files.get(db) as string);
    await new Promise<void>((ok, fail) => other.exec("BEGIN EXCLUSIVE", (err) => (err ? fail(err) : ok())));
    return () =>
      new Promise<void>((ok, fail) =>
        other.exec("COMMIT", (err) => (err ? fail(err) : other.close((e) => (e ? fail(e) : ok())))),
      );
  },
  async insertionOrder(db, table) {
    return ((await db(table).select("id").orderBy("rowid")) as { id: string }[]).map((r) => r.id);
  },
  async close(db) {
    await db.destroy();
  },
};

describe("record writer on SQLite (a real file)", () => {
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  recordWriterSuite(sqlite);
});

describe("a crash before the flush (a real SIGKILL)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-records-crash-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("the writes a killed process journalled land when the next process starts", async () => {
    const filename = join(dir, "records.sqlite");
    const journal = join(dir, "state", "records.journal");
    const script = join(dir, "writer.mts"); // .mts: an ES module wherever the folder is
    const src = resolve(import.meta.dirname, "../../src/records");
    // A process that records 100 calls and is killed (SIGKILL, no handlers run) before any batch is due.
    await writeFile(
      script,
      `import { CallRecords } from ${JSON.stringify(join(src, "call-records.ts"))};
import { openDatabase } from ${JSON.stringify(join(src, "db.ts"))};
const db = await openDatabase({ client: "sqlite", filename: ${JSON.stringify(filename)} });
const records = new CallRecords(db, undefined, { journal: ${JSON.stringify(journal)}, batchMs: 60_000, batchRows: 1e9 });
for (let i = 0; i < 100; i++) {
  records.started({ id: "k" + i, startedAt: new Date(Date.UTC(2026, 10, 20, 9, 0, i)) });
  records.update("k" + i, { topic: "fees", menu_path: String(i) });
}
process.kill(process.pid, "SIGKILL");
`,
    );
    const tsx = resolve(import.meta.dirname, "../../node_modules/tsx/dist/esm/index.mjs");
    const signal = await new Promise<NodeJS.Signals | null>((done) => {
      const child = spawn(process.execPath, ["--import", tsx, script], { stdio: "inherit" });
      child.on("exit", (_code, sig) => done(sig));
    });
    expect(signal).toBe("SIGKILL");

    const db = await openDatabase({ client: "sqlite", filename });
    try {
      expect(await db("calls")).toHaveLength(0); // nothing reached the database…
      const records = new CallRecords(db, undefined, { journal }); // …until the next start replays the journal
      await records.close();
      const rows = (await db("calls").orderBy("rowid")) as CallRow[];
      expect(rows.map((r) => [r.id, r.topic, r.menu_path])).toEqual(
        Array.from({ length: 100 }, (_, i) => [`k${i}`, "fees", String(i)]),
      );
    } finally {
      await db.destroy();
    }
  });
});

describe("hotline export (the real command on a real file)", () => {
  let dir: string;
  let filename: string;
  const root = resolve(import.meta.dirname, "../..");
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(root, "bin/hotline.mjs"), "export", "--config", join(root, "config/hotline.example.yaml"), ...args],
        (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-export-"));
    filename = join(dir, "records.sqlite");
    const db = await openDatabase({ client: "sqlite", filename });
    const records = new CallRecords(db, undefined, {
      trunks: [{ name: "main-trunk", costPerMinute: 0.012, currency: "EUR", billingIncrement: 60 }],
    });
    // 23:30 Madrid on the 20th is 22:30Z: inside --to 2026-11-20; 23:30Z (00:30 on the 21st) is not.
    for (const [id, startedAt] of [
      ["in", "2026-11-20T22:30:00Z"],
      ["out", "2026-11-20T23:30:00Z"],
    ] as const) {
      const t = Date.parse(startedAt);
      records.started({ id, hotline: "admissions", trunk: "main-trunk", startedAt: new Date(t) });
      records.answered(id, new Date(t + 1000));
      records.queueEvent({ callId: id, hotline: "admissions", at: new Date(t + 2000), event: "enter", position: 1 });
      records.ended(id, { endedAt: new Date(t + 62_000), outcome: { kind: "caller-hangup" } });
    }
    await records.close();
    await db.destroy();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("csv: the day's calls in the organization's zone", async () => {
    const { code, stdout } = await run(["--db", filename, "--from", "2026-11-20", "--to", "2026-11-20"]);
    expect(code).toBe(0);
    const lines = stdout.split("\r\n");
    expect(lines).toHaveLength(3); // header, one call, final CRLF
    expect(lines[1]).toMatch(/^in,2026-11-20T23:30:00\+01:00,/);
    expect(lines[1]).toContain(",120,0.02,EUR,");
  });

  it("xlsx to a file and queue_log to standard output", async () => {
    const out = join(dir, "calls.xlsx");
    const xlsx = await run([
      "--db",
      filename,
      "--from",
      "2026-11-20",
      "--to",
      "2026-11-21",
      "--format",
      "xlsx",
      "--out",
      out,
    ]);
    expect(xlsx.code).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
    const log = await run(["--db", filename, "--from", "2026-11-21", "--to", "2026-11-21", "--format", "queue_log"]);
    expect(log.stdout).toBe(`${Date.parse("2026-11-20T23:30:02Z") / 1000}|out|admissions|NONE|ENTERQUEUE|||1\n`);
  });

  it("refuses a bad range or format with one clear line", async () => {
    const bad = await run(["--db", filename, "--from", "2026-11-21", "--to", "2026-11-20"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--to is before --from");
    const format = await run(["--db", filename, "--from", "2026-11-20", "--to", "2026-11-20", "--format", "pdf"]);
    expect(format.code).not.toBe(0);
  });
});
