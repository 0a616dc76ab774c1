import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import type { AriEvent } from "../../src/asterisk/ari/generated.ts";
import { type AppConfig, type HotlineApp, startHotline } from "../../src/main.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { startTestSandbox, type TestSandbox } from "./sandbox.ts";

export interface TestHotline {
  sbx: TestSandbox;
  app: HotlineApp;
  config: AppConfig;
  events: AriEvent[];
  /** Everything the app logged (info and up), parsed. */
  logs: LogLine[];
  dir: string;
  stop(): Promise<void>;
}

/** A small bilingual configuration: one hotline, one number per campaign. */
export function testConfig(dir: string): AppConfig {
  return {
    organization: { name: "Northfield University", defaultLanguage: "en", languages: ["en", "es"] },
    numbers: [
      { did: "+34910000001", hotline: "main", campaign: "newspaper" },
      { did: "+34910000002", hotline: "main", campaign: "radio", language: "es" },
    ],
    hotlines: {
      main: {
        greeting: {
          en: "Hello, you have reached {organization}.",
          es: "Hola, ha llamado a {organization}.",
        },
      },
    },
    sounds: { dir: join(dir, "sounds") },
    database: { client: "sqlite", filename: join(dir, "hotline.sqlite") },
  };
}

/** A real sandbox Asterisk plus the app, in this process, on a fresh database. */
export async function startTestHotline(): Promise<TestHotline> {
  const dir = await mkdtemp(join(tmpdir(), "hotline-app-"));
  const config = testConfig(dir);
  await buildPrompts(config);
  const logs: LogLine[] = [];
  const sbx = await startTestSandbox({ soundsDir: config.sounds.dir, languages: config.organization.languages });
  let app: HotlineApp;
  try {
    app = await startHotline(config, {
      connection: {
        ari: { url: sbx.instance.ariUrl, ...sbx.spec.ari },
        ami: { host: "127.0.0.1", port: sbx.ports.ami, ...sbx.spec.ami },
        app: sbx.spec.app,
      },
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
  } catch (err) {
    await sbx.stop();
    throw err;
  }
  const events: AriEvent[] = [];
  app.ari.on("event", (e) => events.push(e));
  return {
    sbx,
    app,
    config,
    events,
    logs,
    dir,
    async stop() {
      await app.stop().catch(() => undefined);
      await sbx.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
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
