import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { createKnex } from "../../src/records/db.ts";
import { eventually } from "../support/app.ts";
import { testPortBlock } from "../support/ports.ts";
import { HOTLINE_BIN as BIN, hotlineCli } from "../support/run.ts";

function configYaml(base: number, extraNumbers = ""): string {
  return `organization:
  name: Test College
  timezone: Europe/Madrid
  languages: [en, es]
  defaultLanguage: en
asterisk:
  mode: sandbox
  sandbox: { sipPort: ${base}, httpPort: ${base + 1}, amiPort: ${base + 2}, rtpStart: ${base + 100}, rtpEnd: ${base + 299}, dir: ./asterisk }
database: { filename: ./hotline.sqlite }
sounds: { dir: ./sounds }
trunks:
  - { name: test-trunk, match: ["127.0.0.1:${base + 3}"], channels: 10 }
numbers:
  - { did: "+34910000001", hotline: main, campaign: newspaper }
${extraNumbers}hotlines:
  main:
    languageChoice: false
    greeting: { en: "Hello, you have reached {organization}.", es: "Hola, ha llamado a {organization}." }
`;
}

describe("the hotline command, as an admin runs it (real processes, real Asterisk)", () => {
  let dir: string;
  let base: number;
  let config: string;
  let app: ChildProcess | undefined;
  let appLog = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-cli-"));
    base = await testPortBlock(400);
    config = join(dir, "hotline.yaml");
    await writeFile(config, configYaml(base));
  });

  afterAll(async () => {
    app?.kill("SIGKILL");
    await hotlineCli(["asterisk", "stop", "--config", config], dir);
    await rm(dir, { recursive: true, force: true });
  });

  const call = (did: string, caller: string) =>
    runSipp({
      scenario: "caller-greeting.xml",
      target: `127.0.0.1:${base}`,
      port: base + 3,
      mediaPort: base + 300,
      service: did,
      keys: { caller },
    });

  const record = async (caller: string) => {
    const db = createKnex({ client: "sqlite", filename: join(dir, "hotline.sqlite") });
    try {
      return await eventually(async () => {
        const row = await db<CallRow>("calls").where({ caller_number: caller }).first();
        return row?.ended_at ? row : undefined;
      });
    } finally {
      await db.destroy();
    }
  };

  it("check → start (sandbox + app) → status → a call → hot reload → SIGTERM stops both", async () => {
    const check = await hotlineCli(["check", "--config", config], dir);
    expect(check.stdout + check.stderr).toContain("OK");
    expect(check.code).toBe(0);

    app = spawn(process.execPath, [BIN, "start", "--config", config, "--drain", "5"], {
      cwd: dir,
      env: { ...process.env, CI: "true" },
    });
    app.stdout?.on("data", (d: Buffer) => {
      appLog += d.toString();
    });
    app.stderr?.on("data", (d: Buffer) => {
      appLog += d.toString();
    });
    await eventually(() => appLog.includes("ARI connected"), 30_000);
    expect(appLog).toContain("sandbox Asterisk started");

    const status = await hotlineCli(["asterisk", "status", "--config", config, "--json"], dir);
    expect(status.code).toBe(0);
    const health = JSON.parse(status.stdout) as { running: boolean; version: string; trunks: { name: string }[] };
    expect(health.running).toBe(true);
    expect(health.version).toMatch(/^22\./);
    expect(health.trunks.map((t) => t.name)).toEqual(["test-trunk"]);

    expect((await call("+34910000001", "611000001")).successful).toBe(1);
    expect(await record("611000001")).toMatchObject({
      outcome: "completed",
      campaign: "newspaper",
      trunk: "test-trunk",
    });

    // A broken edit is refused with its location; the running configuration stays in force.
    await writeFile(config, `${configYaml(base)}bogus_key: 1\n`);
    await eventually(() => appLog.includes("configuration change rejected"), 10_000);
    expect(appLog).toMatch(/hotline\.yaml:\d+:\d+: bogus_key/);
    // A valid edit applies to the next call: a new advertised number.
    await writeFile(
      config,
      configYaml(base, '  - { did: "+34910000009", hotline: main, campaign: flyer, language: es }\n'),
    );
    // The watcher's "configuration reloaded" comes before the prompts are built and the app takes it.
    await eventually(() => appLog.includes("configuration reloaded: new calls use it"), 10_000);
    expect((await call("+34910000009", "611000002")).successful).toBe(1);
    expect(await record("611000002")).toMatchObject({ outcome: "completed", campaign: "flyer", language: "es" });

    const exited = new Promise<number | null>((done) => app?.once("close", done));
    app.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(appLog).toContain('"msg":"stopped"');
    app = undefined;

    // `start` started the sandbox Asterisk, so it stopped it too: nothing is left running.
    expect(appLog).toContain("sandbox Asterisk stopped (this command started it)");
    const stop = await hotlineCli(["asterisk", "stop", "--config", config], dir);
    expect(stop.stdout).toContain("Asterisk was not running");
    const after = await hotlineCli(["asterisk", "status", "--config", config], dir);
    expect(after.code).toBe(3);
    expect(await readFile(join(dir, "asterisk", "credentials.json"), "utf8")).toMatch(/"password"/);
  }, 120_000);

  it("refuses a broken configuration with file:line:col and exit code 2", async () => {
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "organization:\n  name: X\n  timezone: Mars/Olympus\n");
    const result = await hotlineCli(["start", "--config", bad], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:3:13: organization\.timezone: /);
  });
});
