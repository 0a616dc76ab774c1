import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { phoneNote } from "../../../src/cli/commands/operators.ts";
import { EXIT_RUNTIME, EXIT_USAGE, exitCodeFor, UsageError } from "../../../src/cli/errors.ts";
import { allCommands, captured, externalConfigYaml, hotlineProgram } from "./program.ts";

const ROOT = resolve(import.meta.dirname, "../../..");

/** `hotline <args>` in-process: what it printed, and the error it ended with (if any). */
async function run(...args: string[]) {
  const r = await captured(async () => {
    try {
      await (await hotlineProgram()).parseAsync(["node", "hotline", ...args]);
      return undefined;
    } catch (e) {
      return e ?? new Error("thrown undefined");
    }
  });
  const error = r.value;
  return { stdout: r.stdout, stderr: r.stderr, error, code: error === undefined ? 0 : exitCodeFor(error) };
}

/** `hotline <args>` as a child process, through the real entry point (src/cli/index.ts). */
function child(args: string[], cwd: string) {
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/index.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let config: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-cli-conventions-"));
  config = join(dir, "hotline.yaml");
  await writeFile(config, externalConfigYaml("./never-made.sqlite"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

describe("a records database that is not there is refused, never created", () => {
  const missing = () => join(dir, "typo.sqlite");
  const readers: [string, string[]][] = [
    ["report", ["report", "-o", "reports"]],
    ["export", ["export", "--from", "2026-11-16", "--to", "2026-11-22"]],
    ["operators (the hotline not running)", ["operators"]],
    ["operators list", ["operators", "list"]],
    ["voicemail list", ["voicemail", "list"]],
    ["voicemail play", ["voicemail", "play", "vm-1", "-o", "vm.wav"]],
    ["callbacks list", ["callbacks", "list"]],
    ["callbacks done", ["callbacks", "done", "cb-1"]],
    ["recordings list", ["recordings", "list"]],
    ["recordings play", ["recordings", "play", "rec-1"]],
    ["recordings purge", ["recordings", "purge"]],
  ];

  it.each(readers)("%s --db <missing file>: exit 2, a clear line, no file", async (_, args) => {
    const r = await run(...args, "--db", missing(), "-c", config);
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toBe(`--db ${missing()}: no such database file (nothing was created)`);
    expect(r.code).toBe(2);
    expect(existsSync(missing())).toBe(false);
  });

  it.each(readers)("%s with the configured database missing: exit 2, no file", async (_, args) => {
    const r = await run(...args, "-c", config);
    expect((r.error as Error).message).toMatch(/never-made\.sqlite: no records database yet/);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "never-made.sqlite"))).toBe(false);
  });

  it("through the real entry point: exit code 2, one line on stderr", () => {
    const r = child(["report", "--db", "/typo.sqlite", "-o", "reports", "-c", config], dir);
    expect(r.stderr).toBe("hotline: --db /typo.sqlite: no such database file (nothing was created)\n");
    expect(r.code).toBe(2);
    expect(existsSync("/typo.sqlite")).toBe(false);
  });
});

describe("exit codes: 2 for a usage mistake, bad input or bad configuration; 1 for a runtime failure", () => {
  it("maps errors to codes", () => {
    expect(exitCodeFor(new UsageError("x"))).toBe(EXIT_USAGE);
    expect(exitCodeFor(new Error("ARI not reachable"))).toBe(EXIT_RUNTIME);
  });

  it.each([
    ["an unknown command", ["bogus"]],
    ["an unknown option", ["report", "--bogus", "-o", "r"]],
    ["a missing required option", ["report"]],
    ["an invalid option value", ["export", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "pdf"]],
    ["a malformed date", ["export", "--from", "16/11/2026", "--to", "2026-11-22"]],
    ["a malformed week", ["report", "--week", "2026-X47", "-o", "r"]],
    ["the wrong transfer arguments", ["transfer", "call-1"]],
    ["an unknown operator", ["operators", "login", "nobody"]],
  ])("%s → 2", async (_, args) => {
    const r = await run(...args, "-c", config);
    expect(r.code).toBe(2);
  });

  it("a configuration with errors → 2, for check and for any other command", async () => {
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "organization:\n  name: X\n  timezone: Mars/Olympus\n");
    const check = child(["check", "-c", bad], dir);
    expect(check.stderr).toMatch(/bad\.yaml:3:13: organization\.timezone: /);
    expect(check.code).toBe(2);
    expect(child(["report", "-o", "r", "-c", bad], dir).code).toBe(2);
  });

  it("the hotline not running, for a command that needs it → 1", () => {
    const r = child(["operators", "login", "x", "-c", config], dir);
    // Unknown operator first: bad input.
    expect(r.code).toBe(2);
    const monitor = child(["monitor", "--list", "-c", config], dir);
    expect(monitor.stderr).toMatch(/not running/);
    expect(monitor.code).toBe(1);
  });

  it("the README states the convention", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/Exit codes, the same for every command: \*\*0\*\* done; \*\*1\*\* a runtime failure/);
    expect(readme).toMatch(/\*\*2\*\* the command cannot run as asked/);
  });
});

describe("--version", () => {
  it("prints package.json's version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = child(["--version"], dir);
    expect(r.stdout).toBe(`${version}\n`);
    expect(r.code).toBe(0);
  });
});

describe("export --format xlsx", () => {
  it("refuses to write binary to a terminal and says to use -o", async () => {
    const tty = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
    Object.defineProperty(process.stdout, "isTTY", { value: true, configurable: true });
    try {
      const r = await run("export", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "xlsx", "-c", config);
      expect((r.error as Error).message).toMatch(/give -o FILE/);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
    } finally {
      if (tty) Object.defineProperty(process.stdout, "isTTY", tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });
});

describe("one spelling of each option", () => {
  it("every option that names an output file or folder is -o, --out", async () => {
    const outputs = allCommands(await hotlineProgram()).flatMap(({ path, command }) =>
      command.options
        .filter((o) => /^--(out|output)\b/.test(o.long ?? "") || o.short === "-o")
        .map((o) => [path.join(" "), o.flags.split(" ")[0] + (o.short ? "" : " (no -o)")]),
    );
    expect(outputs.length).toBeGreaterThan(2);
    for (const [command, flags] of outputs) expect(`${command}: ${flags}`).toBe(`${command}: -o,`);
  });

  it("every command that reads the records database takes --db", async () => {
    const program = await hotlineProgram();
    const byPath = new Map(allCommands(program).map(({ path, command }) => [path.join(" "), command]));
    const readers = [
      "report",
      "seed",
      "export",
      "operators list",
      "voicemail list",
      "voicemail play",
      "callbacks list",
      "callbacks done",
      "recordings list",
      "recordings play",
      "recordings purge",
    ];
    for (const name of readers)
      expect([name, byPath.get(name)?.options.some((o) => o.long === "--db")]).toEqual([name, true]);
  });
});

describe("hotline operators: why the ACD passes a phone by", () => {
  it("tells an unregistered desk phone from a busy one", () => {
    expect(phoneNote({ deviceBusy: false })).toBeUndefined();
    expect(phoneNote({ deviceBusy: true, phone: "online" })).toBe("phone busy");
    expect(phoneNote({ deviceBusy: true, phone: "offline" })).toBe("phone unregistered/offline");
    expect(phoneNote({ deviceBusy: true, phone: "unknown" })).toBe("phone unregistered/offline");
    expect(phoneNote({ deviceBusy: true })).toBe("phone busy or unregistered");
  });
});
