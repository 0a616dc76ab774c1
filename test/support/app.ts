import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import type { AriEvent } from "../../src/asterisk/ari/generated.ts";
import { sandboxConnection, sandboxForConfig } from "../../src/asterisk/sandbox/from-config.ts";
import type { SandboxInstance } from "../../src/asterisk/sandbox/instance.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import { type HotlineApp, startHotline } from "../../src/main.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { testPortBlock } from "./ports.ts";
import { HOTLINE_BIN } from "./run.ts";
import { runForTest, type TestPorts, testPorts } from "./sandbox.ts";

export interface TestHotline {
  instance: SandboxInstance;
  ports: TestPorts;
  app: HotlineApp;
  config: HotlineConfig;
  events: AriEvent[];
  /** Everything the app logged (info and up), parsed. */
  logs: LogLine[];
  dir: string;
  stop(): Promise<void>;
}

/**
 * A small bilingual configuration on the test's own ports: one always-open hotline, the trunk
 * identified by SIPp signalling ports 0–4. Tests append or replace parts with `extra`.
 */
export function testConfigYaml(ports: TestPorts, extra = "", hotline = defaultHotline()): string {
  return `organization:
  name: Northfield University
  timezone: Europe/Madrid
  languages: [en, es]
  defaultLanguage: en
asterisk:
  mode: sandbox
  sandbox: { sipPort: ${ports.sip}, httpPort: ${ports.http}, amiPort: ${ports.ami}, rtpStart: ${ports.sip + 100}, rtpEnd: ${ports.sip + 299}, dir: ./asterisk }
database: { filename: ./hotline.sqlite }
sounds: { dir: ./sounds }
state: { dir: ./state }
trunks:
  - name: test-trunk
    match: [${[0, 1, 2, 3, 4].map((i) => `"127.0.0.1:${ports.sipp(i)}"`).join(", ")}]
    channels: 60
    dtmfMode: info
numbers:
  - { did: "+34910000001", hotline: main, campaign: newspaper }
  - { did: "+34910000002", hotline: main, campaign: radio, language: es }
hotlines:
  main:
${hotline}
${extra}`;
}

export function defaultHotline(): string {
  return `    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."`;
}

/** The default hotline with a one-key menu (silence too) to the topic `general`, waiting in `queue`; `rest` follows. */
export function generalQueueHotline(queue: string, rest: string): string {
  return `${defaultHotline()}
    menu:
      timeout: 2
      retries: 0
      default: general
      options:
        "1": { topic: general }
    queue: ${queue}
${rest}`;
}

export interface ConfiguredSandbox {
  instance: SandboxInstance;
  ports: TestPorts;
  config: HotlineConfig;
  /** The configuration file (hotline.yaml) is in here, with the database and the sandbox. */
  dir: string;
  file: string;
  stop(): Promise<void>;
}

/** A real sandbox Asterisk (and rendered prompts) made from a YAML configuration, without the app. */
export async function startConfiguredSandbox(
  options: { yaml?: (ports: TestPorts) => string } = {},
): Promise<ConfiguredSandbox> {
  const dir = await mkdtemp(join(tmpdir(), "hotline-app-"));
  const ports = testPorts(await testPortBlock(400));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, (options.yaml ?? testConfigYaml)(ports));
  const config = await loadTestConfig(file);
  await buildPrompts(config);
  const instance = await sandboxForConfig(config);
  return { instance, ports, config, dir, file, stop: await runForTest(instance, dir) };
}

/**
 * `hotline start` as its own process, as an admin runs it; resolves once it takes calls (or, for a
 * standby, once its output says `readyWhen`).
 */
export function startAppProcess(
  s: ConfiguredSandbox,
  output: string[],
  options: { args?: readonly string[]; readyWhen?: string } = {},
): Promise<ChildProcess> {
  const readyWhen = options.readyWhen ?? "hotline running";
  const child = spawn(process.execPath, [HOTLINE_BIN, "start", "-c", s.file, ...(options.args ?? [])], {
    cwd: s.dir,
    env: { ...process.env, CI: "true" },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output.join("")}`)), 30_000);
    const onData = (d: Buffer) => {
      output.push(d.toString());
      if (output.join("").includes(readyWhen)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    child.on("exit", (code) => reject(new Error(`the app exited (${code}):\n${output.join("")}`)));
  });
}

/** The app and a real sandbox Asterisk made from a YAML configuration, in this process. */
export async function startTestHotline(options: { yaml?: (ports: TestPorts) => string } = {}): Promise<TestHotline> {
  const sandbox = await startConfiguredSandbox(options);
  const { instance, ports, config, dir } = sandbox;
  const logs: LogLine[] = [];
  let app: HotlineApp;
  try {
    app = await startHotline(config, {
      connection: sandboxConnection(instance),
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
  } catch (err) {
    await sandbox.stop();
    throw err;
  }
  const events: AriEvent[] = [];
  app.ari.on("event", (e) => events.push(e));
  return {
    instance,
    ports,
    app,
    config,
    events,
    logs,
    dir,
    async stop() {
      await app.stop().catch(() => undefined);
      await sandbox.stop();
    },
  };
}

/**
 * Hot reload as the file watcher does it: `yaml` (for the test's ports) written beside the test's
 * configuration, loaded and applied; new calls use it, the sandbox and its desk phones stay.
 */
export async function applyYaml(h: TestHotline, yaml: string): Promise<void> {
  const file = join(h.dir, `variant-${++variants}.yaml`);
  await writeFile(file, yaml);
  h.app.applyConfig(await loadTestConfig(file));
}

let variants = 0;

async function loadTestConfig(file: string): Promise<HotlineConfig> {
  const loaded = await loadConfig(file);
  if (!loaded.ok) throw new Error(`test configuration:\n${loaded.errors.map((e) => formatIssue(e)).join("\n")}`);
  return loaded.config;
}

/**
 * One caller on the trunk — SIPp on signalling port `line` and media port `media` (default 0) — dials
 * `did` as `caller` and does what `scenario` says; resolves with the call's record once it is closed.
 */
export async function callAndRecord(
  h: TestHotline,
  call: { did: string; caller: string; scenario: string; line?: number; media?: number },
): Promise<CallRow> {
  const result = await runSipp({
    scenario: call.scenario,
    target: `127.0.0.1:${h.ports.sip}`,
    port: h.ports.sipp(call.line ?? 0),
    mediaPort: h.ports.media(call.media ?? 0),
    service: call.did,
    keys: { caller: call.caller },
  });
  if (result.errors || result.successful !== 1) {
    throw new Error(`the caller failed: ${result.errors}\n${result.stdout.slice(-1500)}`);
  }
  return eventually(async () => {
    const row = await h.app.db<CallRow>("calls").where({ caller_number: call.caller }).first();
    return row?.ended_at ? row : undefined;
  });
}

/** Poll until check() returns a value (not undefined/false), or fail after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Captures the app's logs for assertions; HOTLINE_TEST_LOG=1 also shows them while a test runs. */
export function testLogger(lines: LogLine[]) {
  return pino(
    { level: "info" },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
        if (process.env.HOTLINE_TEST_LOG) process.stderr.write(line);
      },
    },
  );
}
