import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  nextSteps,
  renderSystemd,
  STOP_MARGIN_SECONDS,
  type SystemdConfig,
  type SystemdInput,
  standardLayout,
  systemdInputFor,
  systemdWarnings,
  writableDirs,
} from "../../../src/deploy/systemd.ts";
import { captured, hotlineProgram } from "../cli/program.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const BIN = join(ROOT, "bin", "hotline.mjs");
const ANALYZE = "/usr/bin/systemd-analyze";

function config(overrides: Partial<SystemdConfig> = {}): SystemdConfig {
  return {
    path: "/srv/hl/hotline.yaml",
    dir: "/srv/hl",
    asterisk: { mode: "sandbox", sandbox: { dir: "/srv/hl/var/asterisk" } },
    database: { client: "sqlite", filename: "/srv/hl/var/hotline.sqlite" },
    state: { dir: "/srv/hl/var/state" },
    recordings: { dir: "/srv/data/recordings" },
    sounds: { dir: "/srv/hl/sounds" },
    report: { outDir: "../reports" },
    ...overrides,
  };
}

function file(files: { name: string; text: string }[], name: string): string {
  const found = files.find((f) => f.name === name);
  if (!found) throw new Error(`${name} not rendered (got ${files.map((f) => f.name).join(", ")})`);
  return found.text;
}

/** The value(s) of a directive, in order of appearance. */
function directive(unit: string, key: string): string[] {
  return unit
    .split("\n")
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));
}

describe("rendering the units for a configuration", () => {
  const input = systemdInputFor(config(), { node: "/usr/bin/node", bin: "/opt/hotline/bin/hotline.mjs" });
  const files = renderSystemd(input);
  const app = file(files, "hotline.service");
  const asterisk = file(files, "hotline-asterisk.service");

  it("runs `hotline start` on this configuration with this Node, as the service user", () => {
    expect(directive(app, "ExecStart")).toEqual([
      "/usr/bin/node /opt/hotline/bin/hotline.mjs start --config /srv/hl/hotline.yaml --drain 10",
    ]);
    expect(directive(app, "User")).toEqual(["hotline"]);
    expect(directive(app, "WorkingDirectory")).toEqual(["/srv/hl"]);
    expect(directive(app, "Restart")).toEqual(["on-failure"]);
    expect(directive(app, "KillSignal")).toEqual(["SIGTERM"]);
  });

  it("waits longer than the drain before killing the app", () => {
    const drained = renderSystemd({ ...input, drainSeconds: 45 });
    const unit = file(drained, "hotline.service");
    expect(directive(unit, "ExecStart")[0]).toMatch(/ --drain 45$/);
    expect(Number(directive(unit, "TimeoutStopSec")[0])).toBe(45 + STOP_MARGIN_SECONDS);
  });

  it("may write only the configuration's folders, each once, none inside another", () => {
    // The database's folder (WAL files), state, recordings, sounds, reports (relative to the file), sandbox.
    expect(writableDirs(input)).toEqual(["/srv/data/recordings", "/srv/hl/sounds", "/srv/hl/var", "/srv/reports"]);
    expect(directive(app, "ReadWritePaths")).toEqual(["/srv/data/recordings /srv/hl/sounds /srv/hl/var /srv/reports"]);
    expect(directive(app, "ProtectSystem")).toEqual(["strict"]);
    // The sandbox unit may unpack Asterisk on a first start.
    expect(directive(asterisk, "ReadWritePaths")[0]?.split(" ")).toContain("/var/lib/hotline/asterisk-22");
  });

  it("is hardened, without MemoryDenyWriteExecute (V8's JIT needs writable code pages)", () => {
    for (const unit of [app, asterisk]) {
      expect(directive(unit, "NoNewPrivileges")).toEqual(["yes"]);
      expect(directive(unit, "CapabilityBoundingSet")).toEqual([""]);
      expect(directive(unit, "RestrictAddressFamilies")).toEqual(["AF_UNIX AF_INET AF_INET6 AF_NETLINK"]);
      expect(directive(unit, "SystemCallFilter")[0]).toBe("@system-service");
      expect(directive(unit, "ProtectHome")).toEqual(["yes"]);
      expect(directive(unit, "PrivateTmp")).toEqual(["yes"]);
      expect(directive(unit, "MemoryDenyWriteExecute")).toEqual([]);
    }
  });

  it("starts the sandbox Asterisk in its own unit, which the app requires and follows", () => {
    expect(directive(app, "Requires")).toEqual(["hotline-asterisk.service"]);
    expect(directive(app, "After")[0]?.split(" ")).toContain("hotline-asterisk.service");
    expect(directive(asterisk, "Type")).toEqual(["forking"]);
    expect(directive(asterisk, "PIDFile")).toEqual(["/srv/hl/var/asterisk/run/hotline-asterisk.pid"]);
    expect(directive(asterisk, "ExecStop")[0]).toMatch(/ asterisk stop --config \/srv\/hl\/hotline\.yaml$/);
  });

  it("with an external Asterisk: one unit, no sandbox, no database folder for PostgreSQL", () => {
    const external = systemdInputFor(
      config({ asterisk: { mode: "external", sandbox: {} }, database: { client: "pg", filename: "/x/ignored" } }),
      { node: "/usr/bin/node", bin: "/opt/hotline/bin/hotline.mjs" },
    );
    const rendered = renderSystemd(external);
    expect(rendered.map((f) => f.name)).toEqual(["hotline.service", "hotline.sysusers.conf", "hotline.tmpfiles.conf"]);
    const unit = file(rendered, "hotline.service");
    expect(directive(unit, "Requires")).toEqual([]);
    expect(directive(unit, "ReadWritePaths")[0]).not.toContain("/x");
  });

  it("makes the user and its folders (sysusers.d, tmpfiles.d), owner-only", () => {
    expect(file(files, "hotline.sysusers.conf")).toContain('u hotline - "hotline telephone hotline" /var/lib/hotline');
    const tmp = file(files, "hotline.tmpfiles.conf");
    for (const dir of writableDirs(input)) expect(tmp).toContain(`d ${dir} 0700 hotline hotline -`);
  });

  it("quotes a path with spaces and escapes systemd's % specifiers", () => {
    const odd = renderSystemd({ ...input, config: "/srv/my hotline/100%.yaml" });
    expect(directive(file(odd, "hotline.service"), "ExecStart")[0]).toContain('--config "/srv/my hotline/100%%.yaml"');
  });

  it("warns about paths the sandboxing would hide", () => {
    const warnings = systemdWarnings({ ...input, config: "/home/ana/hotline.yaml", writable: ["/tmp/state"] });
    expect(warnings).toEqual([
      "the configuration is under /home, which the unit hides (ProtectHome/PrivateTmp): /home/ana/hotline.yaml",
      "a folder the app writes is under /tmp, which the unit hides (ProtectHome/PrivateTmp): /tmp/state",
    ]);
    expect(systemdWarnings(input)).toEqual([]);
  });

  it("lists the commands to run, systemctl among them, and runs none", () => {
    const steps = nextSteps(input, "/etc/systemd/system");
    expect(steps).toContain("systemctl daemon-reload");
    expect(steps).toContain("systemctl enable --now hotline-asterisk.service hotline.service");
    expect(steps[0]).toBe("systemd-sysusers /etc/systemd/system/hotline.sysusers.conf");
  });
});

describe("config/systemd/", () => {
  it("holds the render for the layout docs/deployment.md describes", () => {
    for (const f of renderSystemd(standardLayout())) {
      expect(readFileSync(join(ROOT, "config/systemd", f.name), "utf8"), f.name).toBe(f.text);
    }
  });
});

/** systemd-analyze with its output; `verify` checks that ExecStart's binaries exist, so paths are this machine's. */
function analyze(...args: string[]) {
  const r = spawnSync(ANALYZE, args, { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("systemd-analyze on the units rendered for this machine", () => {
  let dir: string;
  let units: string[];
  const here = (over: Partial<SystemdInput> = {}): SystemdInput => ({
    ...systemdInputFor(config(), { node: process.execPath, bin: BIN }),
    ...over,
  });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-systemd-"));
    units = [];
    for (const f of renderSystemd(here())) {
      await writeFile(join(dir, f.name), f.text);
      if (f.name.endsWith(".service")) units.push(join(dir, f.name));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is installed (the Debian package systemd; .ci/run installs it)", () => {
    expect(existsSync(ANALYZE), `${ANALYZE} is missing: apt-get install systemd`).toBe(true);
  });

  it("verify: both units pass", () => {
    // verify checks the executable (node); the script it runs must be there too.
    expect(existsSync(BIN)).toBe(true);
    const r = analyze("verify", ...units);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("verify: catches a unit whose ExecStart is not there (so a pass means something)", async () => {
    const broken = join(dir, "broken", "hotline.service");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(dir, "broken"), { recursive: true });
    const app = renderSystemd(here({ node: "/nonexistent/node", sandbox: false }))[0];
    await writeFile(broken, app?.text ?? "");
    const r = analyze("verify", broken);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/nonexistent\/node/);
  });

  it.each(["hotline.service", "hotline-asterisk.service"])("security: %s's exposure is at most 2.0", (name) => {
    const r = analyze("security", "--offline=yes", "--threshold=20", join(dir, name));
    const score = Number(/Overall exposure level for \S+: ([\d.]+)/.exec(r.out)?.[1]);
    expect(score, r.out.slice(-400)).toBeLessThanOrEqual(2);
    expect(r.code).toBe(0);
  });
});

describe("hotline install systemd", () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "hotline-install-"));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });
  const example = join(ROOT, "config/hotline.example.yaml");
  const run = async (...args: string[]) =>
    captured(async () => (await hotlineProgram()).parseAsync(["node", "hotline", "install", "systemd", ...args]));

  it("without --out prints the units for this configuration", async () => {
    const r = await run("-c", example);
    expect(r.stdout).toContain("# ── hotline.service\n");
    expect(r.stdout).toContain(`ExecStart=${process.execPath} ${BIN} start --config ${example} --drain 10`);
    expect(r.stdout).toContain("# ── hotline-asterisk.service\n");
  });

  it("with --out writes them and prints the systemctl commands, running none", async () => {
    const r = await run("-c", example, "--out", out, "--user", "hl", "--drain", "30");
    const unit = await readFile(join(out, "hotline.service"), "utf8");
    expect(directive(unit, "User")).toEqual(["hl"]);
    expect(directive(unit, "TimeoutStopSec")).toEqual([String(30 + STOP_MARGIN_SECONDS)]);
    expect(existsSync(join(out, "hotline-asterisk.service"))).toBe(true);
    expect(r.stdout).toContain(`wrote ${join(out, "hotline.service")}\n`);
    expect(r.stdout).toContain("  systemctl daemon-reload\n");
    expect(r.stdout).toContain("  systemctl enable --now hotline-asterisk.service hotline.service\n");
  });

  it("refuses a bad --user or --drain (exit 2)", async () => {
    await expect(run("-c", example, "--user", "Root Admin")).rejects.toThrow(/--user Root Admin: not a user name/);
    await expect(run("-c", example, "--drain", "soon")).rejects.toThrow(/--drain soon: expected whole seconds/);
  });
});

describe("logs under systemd", () => {
  it("are JSON lines when standard output is not a terminal (the journal's stream)", () => {
    const env = { ...process.env };
    delete env.CI;
    delete env.HOTLINE_LOG_LEVEL;
    const r = spawnSync(
      join(ROOT, "node_modules/.bin/tsx"),
      [
        "-e",
        `import { createLogger } from ${JSON.stringify(join(ROOT, "src/logger.ts"))};
         createLogger({ name: "hotline", buffered: true }).info({ calls: 2 }, "hotline running");`,
      ],
      { encoding: "utf8", env, timeout: 30_000 },
    );
    expect(r.stderr).toBe("");
    const line = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, name: "hotline", calls: 2, msg: "hotline running" });
  });
});
