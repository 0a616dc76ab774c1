import { afterEach, describe, expect, it } from "vitest";
import { sandboxConnection } from "../../src/asterisk/sandbox/from-config.ts";
import { callerScenario, type DeskPhoneBehaviour, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { type HotlineApp, startHotline } from "../../src/main.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import {
  defaultHotline,
  eventually,
  type LogLine,
  startTestHotline,
  type TestHotline,
  testConfigYaml,
  testLogger,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** One operator, Ana, on SIPp port 10; a miss pauses her at once, so a wrong miss shows. */
function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 120, maxLength: 5, announceEvery: 0, ringTimeout: 30, wrapUp: 0, maxMissed: 1, whisper: false, introduce: false }`;
  const extra = `operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
`;
  return testConfigYaml(ports, extra, hotline);
}

describe("the ACD under faults (real Asterisk, SIPp callers and desk phone)", () => {
  let h: TestHotline | undefined;
  let second: HotlineApp | undefined;
  afterEach(async () => {
    await second?.stop().catch(() => undefined);
    second = undefined;
    await h?.stop();
    h = undefined;
  });

  const ana = (t: TestHotline, behaviour: DeskPhoneBehaviour, calls = 1, timeoutSeconds = 60): Promise<SippResult> =>
    runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: t.ports.sipp(10),
      mediaPort: t.ports.media(10),
      calls,
      timeoutSeconds,
    });

  const caller = (t: TestHotline, line: number, number: string, waitMs: number): Promise<SippResult> =>
    runSipp({
      scenario: callerScenario([{ wait: waitMs }, { hangup: true }]),
      target: `127.0.0.1:${t.ports.sip}`,
      port: t.ports.sipp(line),
      mediaPort: t.ports.media(line),
      service: "+34910000001",
      keys: { caller: number },
      timeoutSeconds: 60,
    });

  const record = (app: HotlineApp, number: string) =>
    eventually(async () => {
      const row = await app.db<CallRow>("calls").where({ caller_number: number }).first();
      return row?.ended_at ? row : undefined;
    }, 30_000);

  it("an Asterisk crash is nobody's miss: the ringing operator is not paused, the cut-off caller is lost, not abandoned", async () => {
    const t = await startTestHotline({ yaml });
    h = t;
    await eventually(() => t.app.acd.statuses()[0]?.state === "available");
    // Ana's phone rings long: Asterisk dies while it rings for the caller (the phone gives up after 10 s).
    const ringing = ana(t, { ringMs: 25_000, action: "answer" }, 1, 10).catch(() => undefined);
    const cutOff = caller(t, 0, "620000001", 30_000).catch(() => undefined);
    await eventually(() => t.app.acd.statuses()[0]?.state === "ringing", 15_000);
    const reconnected = new Promise<void>((resolve) => t.app.ari.once("connected", () => resolve()));
    await t.instance.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await t.instance.start();
    await reconnected;
    await cutOff;

    const lost = await record(t.app, "620000001");
    expect(lost.outcome).toBe("lost");
    await t.app.records.flush();
    const events = await t.app.db("queue_events").where({ call_id: lost.id }).select("event");
    expect(events.map((e) => e.event)).not.toContain("abandon");
    const attempts = await t.app.db("operator_attempts").where({ call_id: lost.id }).select("result", "ended_at");
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.result).not.toMatch(/no-answer|rejected/);
    expect(attempts[0]?.ended_at).not.toBeNull();
    // Not paused for missed calls: she takes the next caller.
    expect(t.app.acd.statuses()[0]).toMatchObject({ state: "available" });
    await ringing;
    const phone = ana(t, { ringMs: 300, action: "answer", talkMs: 1000 });
    const next = caller(t, 1, "620000002", 6000);
    expect((await phone).successful).toBe(1);
    await next;
    expect(await record(t.app, "620000002")).toMatchObject({ outcome: "answered", answered_by: "ana" });
  }, 120_000);

  it("a stop with calls in progress hands them over: no write dropped, the next start completes every record", async () => {
    const t = await startTestHotline({ yaml });
    h = t;
    await eventually(() => t.app.acd.statuses()[0]?.state === "available");
    // Ana talks with the first caller (she hangs up after 8 s); the second waits.
    const phone = ana(t, { ringMs: 300, action: "answer", talkMs: 8000 }, 2);
    const talking = caller(t, 0, "621000001", 30_000);
    await eventually(() => t.app.acd.statuses()[0]?.state === "on-call", 15_000);
    const waiting = caller(t, 1, "621000002", 25_000);
    await eventually(() => t.app.acd.waiting("main") === 1, 15_000);

    await t.app.stop({ drainMs: 200 });
    expect(t.logs.filter((l) => /dropped/.test(l.msg))).toEqual([]);
    expect(t.logs.some((l) => l.msg === "calls in progress handed over to the next start")).toBe(true);

    const logs: LogLine[] = [];
    second = await startHotline(t.config, {
      connection: sandboxConnection(t.instance),
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
    const app = second;
    const first = await record(app, "621000001");
    expect(first).toMatchObject({ outcome: "answered", answered_by: "ana" });
    // The caller who waited is served by Ana once she is free, in the same run.
    expect(await record(app, "621000002")).toMatchObject({ outcome: "answered", answered_by: "ana" });
    await Promise.all([talking, waiting, phone]);
    await app.records.flush();
    const open = await app.db("operator_attempts").whereNull("ended_at");
    expect(open).toEqual([]);
    const completes = await app.db("queue_events").where({ call_id: first.id, event: "complete" });
    expect(completes).toHaveLength(1);
    await eventually(() => app.acd.statuses()[0]?.state === "available");
  }, 120_000);

  it("a caller is offered at most queue.maxOffers times: a phone that keeps rejecting sends them to the overflow", async () => {
    const capped = (ports: TestPorts) =>
      yaml(ports).replace("maxMissed: 1,", "maxMissed: 0, retryAfter: 0, maxOffers: 2,");
    const t = await startTestHotline({ yaml: capped });
    h = t;
    await eventually(() => t.app.acd.statuses()[0]?.state === "available");
    const phone = ana(t, { ringMs: 200, action: "reject" }, 3, 25);
    const call = caller(t, 0, "622000001", 20_000);
    const row = await record(t.app, "622000001");
    await Promise.allSettled([call, phone]);
    expect(row.outcome).not.toBe("answered");
    await t.app.records.flush();
    const attempts = await t.app.db("operator_attempts").where({ call_id: row.id }).select("result");
    // 486 Busy Here from a phone the ACD saw free: the reject key, recorded busy.
    expect(attempts.map((a) => a.result)).toEqual(["busy", "busy"]);
    const overflow = await t.app.db("queue_events").where({ call_id: row.id, event: "overflow" }).select("detail");
    expect(overflow).toEqual([{ detail: "offers" }]);
  }, 90_000);
});
