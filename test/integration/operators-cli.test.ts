import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { ControlApi } from "../../src/operators/control-api.ts";
import { openDatabase } from "../../src/records/db.ts";
import { EngineCommands } from "../support/engine-commands.ts";
import { hotlineCli } from "../support/run.ts";

const YAML = `organization:
  name: Test College
  timezone: Europe/Madrid
  languages: [en, es]
  defaultLanguage: en
database: { filename: ./hotline.sqlite }
sounds: { dir: ./sounds }
state: { dir: ./state }
hotlines:
  main:
    languageChoice: false
    greeting: { en: "Hello, you have reached {organization}.", es: "Hola, ha llamado a {organization}." }
operators:
  maria: { name: María García, endpoint: op-maria, languages: [en, es] }
  john: { name: John Smith, endpoint: op-john, languages: [en] }
`;

/**
 * `hotline operators` as a supervisor runs it (a separate process) against the control API of a
 * "running hotline": the real API in this process, over the real ACD engine.
 */
describe("hotline operators", () => {
  let dir: string;
  let file: string;
  let config: HotlineConfig;
  let acd: EngineCommands;
  let api: ControlApi;

  const run = (...args: string[]) => hotlineCli(["operators", ...args, "-c", file], dir);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-operators-"));
    file = join(dir, "hotline.yaml");
    await writeFile(file, YAML);
    const loaded = await loadConfig(file);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => formatIssue(e)).join("\n"));
    config = loaded.config;
    acd = new EngineCommands(config, new Date());
    api = new ControlApi({ commands: acd, stateDir: config.state.dir });
    await api.start();
  });

  afterAll(async () => {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists each operator's state, since when, the reason or pending change and calls today", async () => {
    acd.now = new Date();
    acd.login("maria", "phone");
    acd.answer("maria", "call-1");
    acd.pause("maria", "break", "phone"); // pending: she is on a call
    const { code, stdout, stderr } = await run();
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^operator\s+name\s+state\s+since\s+reason \/ pending\s+calls today$/);
    expect(lines[1]).toMatch(/^maria\s+María García\s+on-call\s+\d\d:\d\d\s+then pause \(break\)\s+1$/);
    expect(lines[2]).toMatch(/^john\s+John Smith\s+logged-out\s+\d\d:\d\d\s+0$/);

    const json = await run("list", "--json");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      running: true,
      operators: [
        { operator: "maria", name: "María García", state: "on-call", pending: { kind: "pause", reason: "break" } },
        { operator: "john", name: "John Smith", state: "logged-out", callsToday: 0 },
      ],
    });
  });

  it("logs in, pauses, resumes and logs out through the running hotline, as the supervisor", async () => {
    const sources = acd.sources.length;
    expect(await run("login", "john")).toMatchObject({ code: 0, stdout: "john: logged in\n" });
    expect(acd.status("john").state).toBe("available");
    expect(await run("login", "john")).toMatchObject({ code: 0, stdout: "john was already logged in (available)\n" });
    expect(await run("pause", "john", "--reason", "lunch")).toMatchObject({
      code: 0,
      stdout: "john: paused (lunch)\n",
    });
    expect(acd.status("john")).toMatchObject({ state: "paused", reason: "lunch" });
    expect(await run("resume", "john")).toMatchObject({ code: 0, stdout: "john: available\n" });
    expect(await run("logout", "john")).toMatchObject({ code: 0, stdout: "john: logged out\n" });
    expect(acd.sources.slice(sources)).toEqual(["cli", "cli", "cli", "cli", "cli"]);
  });

  it("a logout during a call waits for its end", async () => {
    expect(await run("logout", "maria")).toMatchObject({
      code: 0,
      stdout: "maria is on a call: logged out when it ends\n",
    });
    const json = await run("login", "maria", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: "done", status: { state: "on-call" } });
  });

  it("exits 2 on a usage mistake: no or an unknown reason, an unknown operator", async () => {
    const noReason = await run("pause", "john");
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <reason>' not specified");
    const badReason = await run("pause", "john", "--reason", "coffee");
    expect(badReason.code).toBe(2);
    expect(badReason.stderr).toContain("Allowed choices are lunch, break, training, other");
    const unknown = await run("login", "jonh");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('hotline: unknown operator "jonh" (did you mean "john"?) — known: maria, john\n');
    expect(acd.status("john").state).toBe("logged-out");
  });

  it("when the hotline is not running: commands fail clearly, list shows the last recorded states", async () => {
    await api.stop();
    const login = await run("login", "john");
    expect(login).toMatchObject({
      code: 1,
      stderr: "hotline: the hotline is not running (start it with `hotline start`)\n",
    });

    const db = await openDatabase(config.database);
    try {
      await db("operator_states").insert([
        { operator: "maria", state: "paused", since: "2027-03-03T12:00:00.000Z", reason: "lunch" },
        { operator: "john", state: "logged-out", since: "2027-03-03T16:00:00.000Z", reason: null },
      ]);
    } finally {
      await db.destroy();
    }
    const list = await run("list");
    expect(list.code).toBe(0);
    expect(list.stderr).toBe(
      "the hotline is not running (start it with `hotline start`); the last known states from the records:\n",
    );
    const lines = list.stdout.trimEnd().split("\n");
    expect(lines[1]).toMatch(/^maria\s+María García\s+paused\s+2027-03-03 13:00\s+lunch$/);
    expect(lines[2]).toMatch(/^john\s+John Smith\s+logged-out\s+2027-03-03 17:00$/);
    const json = await run("list", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({
      running: false,
      operators: [
        { operator: "maria", state: "paused", since: "2027-03-03T12:00:00.000Z", reason: "lunch" },
        { operator: "john", state: "logged-out" },
      ],
    });
  });
});
