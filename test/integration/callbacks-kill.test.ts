import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import {
  type ConfiguredSandbox,
  defaultHotline,
  eventually,
  startAppProcess,
  startConfiguredSandbox,
  testConfigYaml,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

const NUMBER = "611223344";

/** One operator (SIPp 10); callbacks go out on the trunk's contact (SIPp 5). */
function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 120, maxLength: 5, announceEvery: 0, ringTimeout: 15, strategy: linear, wrapUp: 0 }`;
  const extra = `operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
callbacks:
  allow: ["6XXXXXXXX"]
  retries: [2]
  ringTimeout: 20
`;
  return testConfigYaml(ports, extra, hotline).replace(
    "    dtmfMode: info",
    `    dtmfMode: info\n    contact: "sip:127.0.0.1:${ports.sipp(5)}"`,
  );
}

describe("`hotline start` killed (SIGKILL) while a callback is being dialled", () => {
  let s: ConfiguredSandbox;
  let running: ChildProcess | undefined;
  let db: Knex | undefined;

  beforeAll(async () => {
    s = await startConfiguredSandbox({ yaml });
  });
  afterAll(async () => {
    running?.kill("SIGKILL");
    await db?.destroy();
    await s?.stop();
  });

  it("after the restart the callback is made again, exactly once, and reached", async () => {
    // A request left by an earlier call, pending in the database.
    db = await openDatabase(s.config.database);
    await db("callbacks").insert({
      id: "cb-kill",
      call_id: "call-kill",
      hotline: "main",
      language: "en",
      number: NUMBER,
      reason: "queue",
      requested_at: new Date(Date.now() - 60_000).toISOString(),
      place_at: new Date(Date.now() - 90_000).toISOString(),
      status: "pending",
      attempts: 0,
    });
    await db.destroy();
    db = undefined;

    // Ana takes both reservations and waits for the hotline's BYE. The caller's phone rings 6 s the
    // first time (the app is killed meanwhile; the restart cancels it), then answers and hangs up after 3 s.
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer", byeTimeoutMs: 60_000 }),
      port: s.ports.sipp(10),
      mediaPort: s.ports.media(10),
      calls: 2,
      timeoutSeconds: 130,
    });
    const callee = runSipp({
      scenario: deskPhoneScenario({ ringMs: 6000, action: "answer", talkMs: 3000 }),
      port: s.ports.sipp(5),
      mediaPort: s.ports.media(5),
      calls: 2,
      timeoutSeconds: 130,
    });
    const firstOutput: string[] = [];
    const first = await startAppProcess(s, firstOutput);
    running = first;
    await eventually(() => firstOutput.join("").includes('"msg":"calling the caller back"'), 30_000).catch((err) => {
      throw new Error(`${err}\n${firstOutput.join("").slice(-4000)}`);
    });
    await new Promise((r) => setTimeout(r, 1500));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    const secondOutput: string[] = [];
    running = await startAppProcess(s, secondOutput);
    // Two app starts on a loaded machine: the phones above wait long enough for both.
    await eventually(() => secondOutput.join("").includes('"msg":"callback reached the caller"'), 90_000).catch(
      (err) => {
        throw new Error(`${err}\n${secondOutput.join("").slice(-4000)}`);
      },
    );
    const anaRun = await ana;
    expect(anaRun.successful, anaRun.stdout.slice(-1500)).toBe(2);
    // The first ring was cancelled by the restart (SIPp counts that call failed); the second talked.
    const calleeRun = await callee;
    expect(calleeRun.successful + calleeRun.failed).toBe(2);
    expect(calleeRun.successful).toBeGreaterThanOrEqual(1);
    // Nothing more comes: give a third attempt time to show up if there were one.
    await new Promise((r) => setTimeout(r, 5000));
    running.kill("SIGTERM");
    await new Promise((r) => running?.once("exit", r));
    running = undefined;

    db = await openDatabase(s.config.database);
    const cb = await db("callbacks").where({ id: "cb-kill" }).first();
    expect(cb).toMatchObject({ status: "reached", operator: "ana", attempts: 2 });
    const attempts = await db("callback_attempts").where({ callback_id: "cb-kill" }).orderBy("started_at");
    expect(attempts.map((a) => a.result)).toEqual(["interrupted", "reached"]);
    expect((secondOutput.join("").match(/"msg":"calling the caller back"/g) ?? []).length).toBe(1);
  }, 180_000);
});
