import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import type { OperatorStateRow } from "../../src/records/rows.ts";
import {
  type ConfiguredSandbox,
  defaultHotline,
  eventually,
  startAppProcess,
  startConfiguredSandbox,
  testConfigYaml,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** Ana before Eva (linear); the caller hears "you are speaking with…" (2–3 s) before being put through. */
function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 120, maxLength: 5, announceEvery: 0, ringTimeout: 15, strategy: linear, wrapUp: 0, whisper: false }`;
  const phone = (op: string, line: number) =>
    `${op}: { name: ${op[0]?.toUpperCase()}${op.slice(1)}, endpoint: op-${op}, languages: [en, es], contact: "sip:op-${op}@127.0.0.1:${ports.sipp(line)}" }`;
  return testConfigYaml(ports, `operators:\n  ${phone("ana", 10)}\n  ${phone("eva", 11)}\n`, hotline);
}

describe("`hotline start` killed (SIGKILL) while one operator talks and another is answering", () => {
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

  it("after the restart nobody is stuck on a call, every ring is closed, no conversation completes twice", async () => {
    const firstOutput: string[] = [];
    const first = await startAppProcess(s, firstOutput);
    // Both phones answer and wait for the hotline's BYE; the callers hang up in the end.
    const phone = (line: number) =>
      runSipp({
        scenario: deskPhoneScenario({ ringMs: 300, action: "answer" }),
        port: s.ports.sipp(line),
        mediaPort: s.ports.media(line),
        calls: 2,
        timeoutSeconds: 80,
      });
    const ana = phone(10);
    const eva = phone(11);
    const caller = (line: number, number: string, talkMs: number) =>
      runSipp({
        scenario: callerScenario([{ wait: talkMs }, { hangup: true }]),
        target: `127.0.0.1:${s.ports.sip}`,
        port: s.ports.sipp(line),
        mediaPort: s.ports.media(line),
        service: "+34910000001",
        keys: { caller: number },
        timeoutSeconds: 80,
      });
    const rung = () => (firstOutput.join("").match(/"msg":"ringing an operator"/g) ?? []).length;
    const a = caller(0, "630000001", 30_000);
    await eventually(() => firstOutput.join("").includes('"msg":"operator answered"'), 15_000);
    const c = caller(1, "630000003", 40_000);
    await eventually(() => rung() === 2, 15_000);
    // Eva answers 300 ms after her phone rings; the caller then hears her name for 2–3 s: kill in the middle.
    await new Promise((r) => setTimeout(r, 1300));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    const secondOutput: string[] = [];
    second = await startAppProcess(s, secondOutput);
    for (const result of [await a, await c]) expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    await Promise.allSettled([ana, eva]);
    expect(secondOutput.join("")).toContain("conversation adopted after a restart");

    second.kill("SIGTERM");
    await new Promise((r) => second?.once("exit", r));
    second = undefined;
    db = await openDatabase(s.config.database);
    const rows = await db<CallRow>("calls").whereIn("caller_number", ["630000001", "630000003"]);
    const byCaller = new Map(rows.map((r) => [r.caller_number, r]));
    expect(byCaller.get("630000001")).toMatchObject({ outcome: "answered", answered_by: "ana" });
    // The caller whose introduction the kill cut short waited again and was put through after the restart.
    expect(byCaller.get("630000003")).toMatchObject({ outcome: "answered" });
    expect(rows.every((r) => r.ended_at)).toBe(true);

    const attempts = await db("operator_attempts").whereIn(
      "call_id",
      rows.map((r) => r.id),
    );
    expect(attempts.filter((x) => !x.ended_at)).toEqual([]);
    expect(attempts.filter((x) => x.operator === "eva").map((x) => x.result)).toContain("interrupted");
    for (const row of rows) {
      const completes = await db("queue_events").where({ call_id: row.id, event: "complete" });
      expect(completes).toHaveLength(1);
    }
    const states = await db<OperatorStateRow>("operator_states").select("operator", "state");
    expect(states.filter((x) => x.state === "on-call" || x.state === "ringing")).toEqual([]);
  }, 150_000);
});
