import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
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

/** One operator, first come first served, no wrap-up: whoever waits longest is next. */
function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 120, maxLength: 5, announceEvery: 0, ringTimeout: 15, strategy: linear, wrapUp: 0 }`;
  const extra = `operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
`;
  return testConfigYaml(ports, extra, hotline);
}

describe("the app is killed while callers wait and one talks (real Asterisk, SIPp, `hotline start` killed with SIGKILL)", () => {
  let s: ConfiguredSandbox;
  let second: ChildProcess | undefined;
  let db: Knex | undefined;

  beforeAll(async () => {
    s = await startConfiguredSandbox({ yaml });
  });
  afterAll(async () => {
    second?.kill("SIGKILL");
    await db?.destroy();
    await s?.stop();
  });

  it("after the restart the conversation goes on and the waiting callers are served, in order", async () => {
    const firstOutput: string[] = [];
    const first = await startAppProcess(s, firstOutput);
    // Ana takes three calls, 8 s each.
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 500, action: "answer", talkMs: 8000 }),
      port: s.ports.sipp(10),
      mediaPort: s.ports.media(10),
      calls: 3,
      timeoutSeconds: 90,
    });
    const caller = (line: number, number: string) =>
      runSipp({
        scenario: callerScenario([{ expectHangup: 80_000 }]),
        target: `127.0.0.1:${s.ports.sip}`,
        port: s.ports.sipp(line),
        mediaPort: s.ports.media(line),
        service: "+34910000001",
        keys: { caller: number },
        timeoutSeconds: 90,
      });
    const a = caller(0, "612000101");
    await new Promise((r) => setTimeout(r, 1000));
    const b = caller(1, "612000102");
    await new Promise((r) => setTimeout(r, 1000));
    const c = caller(2, "612000103");
    // A talks with Ana; B and C wait. Then the app dies without a word.
    await eventually(() => firstOutput.join("").includes('"msg":"operator answered"'), 15_000);
    await eventually(() => (firstOutput.join("").match(/"msg":"caller queued"/g) ?? []).length === 3, 15_000);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    const secondOutput: string[] = [];
    second = await startAppProcess(s, secondOutput);
    for (const result of [await a, await b, await c, await ana]) {
      expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    }
    expect((await ana).successful).toBe(3);
    const log = secondOutput.join("");
    expect(log).toContain("conversation adopted after a restart");
    expect(log).toContain('"resumed":true');

    second.kill("SIGTERM");
    await new Promise((r) => second?.once("exit", r));
    second = undefined;
    db = await openDatabase(s.config.database);
    const rows = await db<CallRow>("calls").whereIn("caller_number", ["612000101", "612000102", "612000103"]);
    const byCaller = new Map(rows.map((r) => [r.caller_number, r]));
    for (const number of ["612000101", "612000102", "612000103"]) {
      expect(byCaller.get(number)).toMatchObject({ outcome: "answered", answered_by: "ana" });
    }
    // Served in the order they came: B (who waited longer) before C.
    const answeredAt = (n: string) => Date.parse(byCaller.get(n)?.operator_answered_at ?? "");
    expect(answeredAt("612000102")).toBeLessThan(answeredAt("612000103"));
    // Their queue story is told once, across both runs of the app.
    const events = await db("queue_events")
      .where({ call_id: byCaller.get("612000102")?.id })
      .orderBy("at");
    expect(events.map((e) => e.event)).toEqual(["enter", "answer", "complete"]);
  }, 150_000);
});
