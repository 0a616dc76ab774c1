import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CallerAction,
  callerScenario,
  type DeskPhoneBehaviour,
  deskPhoneScenario,
} from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import {
  applyYaml,
  eventually,
  generalQueueHotline,
  startTestHotline,
  type TestHotline,
  testConfigYaml,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

const OUTSIDE_NUMBER = "+34915550000";
// Linear: Ana's phone rings first, then Ben's; no wrap-up so each test finds both free.
const QUEUE = "{ maxWait: 30, maxLength: 5, announceEvery: 1, ringTimeout: 10, strategy: linear, wrapUp: 0 }";

/** One hotline with a topic menu, a queue, a transfer overflow and a survey; two operators' desk phones. */
function yaml(ports: TestPorts, queue = QUEUE): string {
  const hotline = generalQueueHotline(
    queue,
    `    overflow: { action: transfer, to: "${OUTSIDE_NUMBER}" }
    survey:
      enabled: true
      scale: 5
      question: { en: "How was your call? Press 1 to 5.", es: "¿Qué tal su llamada? Pulse del 1 al 5." }`,
  );
  const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
  ben: { name: Ben, endpoint: op-ben, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ben@127.0.0.1:${ports.sipp(11)}" }
`;
  // The outside call centre answers on the trunk's contact (a SIPp of its own).
  return testConfigYaml(ports, extra, hotline).replace(
    "    dtmfMode: info",
    `    dtmfMode: info\n    contact: "sip:127.0.0.1:${ports.sipp(5)}"`,
  );
}

describe("waiting in the queue, an operator, overflow and survey (real Asterisk + SIPp desk phones)", () => {
  let h: TestHotline;
  let n = 0;

  beforeAll(async () => {
    h = await startTestHotline({ yaml: (ports) => yaml(ports) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** New calls use these queue settings (hot reload: the sandbox and its desk phones stay). */
  async function useQueue(queue: string): Promise<void> {
    await applyYaml(h, yaml(h.ports, queue));
  }

  /** A SIPp that receives one call: an operator's desk phone (sipp 10, 11) or the call centre (sipp 5). */
  function phone(sipp: number, media: number, behaviour: DeskPhoneBehaviour): Promise<SippResult> {
    return runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: h.ports.sipp(sipp),
      mediaPort: h.ports.media(media),
      timeoutSeconds: 40,
    });
  }

  async function call(actions: CallerAction[], line = 0): Promise<CallRow> {
    const caller = `61200${String(++n).padStart(4, "0")}`;
    const result = await runSipp({
      scenario: callerScenario(actions),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(line),
      mediaPort: h.ports.media(line === 0 ? 0 : 3),
      service: "+34910000001",
      keys: { caller },
    });
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
    return eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: caller }).first();
      return row?.ended_at ? row : undefined;
    });
  }

  function expectAnswered(result: SippResult): void {
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
  }

  const played = (callId: string) =>
    h.events
      .filter((e) => e.type === "PlaybackStarted" && e.playback.target_uri === `channel:${callId}`)
      .map((e) => (e.type === "PlaybackStarted" ? e.playback.media_uri : ""));

  it("an operator answers, talks and hangs up; the caller answers the survey with 4", async () => {
    // The operator hears the topic (≈1 s) while the caller hears "you are speaking with Ana", then they talk.
    const ana = phone(10, 1, { ringMs: 1000, action: "answer", talkMs: 4000 });
    const row = await call([
      { wait: 1000 },
      { press: "1" },
      { wait: 10_000 },
      { press: "4" },
      { expectHangup: 20_000 },
    ]);
    expectAnswered(await ana);
    expect(row.topic).toBe("general");
    expect(row.outcome).toBe("answered");
    expect(row.answered_by).toBe("ana");
    expect(row.wait_seconds).toBeGreaterThan(0);
    expect(row.wait_seconds).toBeLessThan(5);
    expect(row.survey_score).toBe(4);
    // The queue's story and the ring attempt are in the records too (queue_log, AHT, missed calls).
    await h.app.records.flush();
    const events = await h.app.db("queue_events").where({ call_id: row.id }).orderBy("at");
    expect(events.map((e) => e.event)).toEqual(["enter", "answer", "complete"]);
    expect(events[2]).toMatchObject({ operator: "ana", detail: "operator" });
    const attempts = await h.app.db("operator_attempts").where({ call_id: row.id });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ operator: "ana", result: "answered" });
    expect(Date.parse(row.operator_answered_at ?? "")).toBeGreaterThanOrEqual(Date.parse(row.queue_entered_at ?? ""));
    expect(played(row.id)).toEqual(
      expect.arrayContaining(["sound:hotline/survey-main", "sound:hotline/survey-thanks-main"]),
    );
  });

  it("a caller who hangs up while waiting is abandoned; the wait is recorded; the ringing stops", async () => {
    const ana = phone(10, 1, { ringMs: 0, action: "no-answer" }); // must see the CANCEL
    const row = await call([{ wait: 1000 }, { press: "1" }, { wait: 9000 }, { hangup: true }]);
    expectAnswered(await ana);
    expect(row.outcome).toBe("abandoned");
    expect(row.answered_by).toBeNull();
    await h.app.records.flush();
    const events = await h.app.db("queue_events").where({ call_id: row.id }).orderBy("at");
    expect(events.map((e) => e.event)).toEqual(["enter", "abandon"]);
    // Queued right after the greeting (≈3.3 s), hung up at ≈10.2 s.
    expect(row.wait_seconds).toBeGreaterThan(5);
    expect(row.wait_seconds).toBeLessThan(9);
    const media = played(row.id);
    expect(media).toContain("sound:hotline/busy-main");
    expect(media).toContain("sound:hotline/position-main");
    // Asterisk knew the caller waited: a holding bridge, the caller in it.
    const holding = h.events.filter(
      (e) => e.type === "ChannelEnteredBridge" && e.channel?.id === row.id && e.bridge.bridge_type === "holding",
    );
    expect(holding.length).toBe(1);
  });

  it("the wait limit overflows to the outside call centre, which receives the call", async () => {
    await useQueue("{ maxWait: 4, maxLength: 5, announceEvery: 0, ringTimeout: 10, strategy: linear, wrapUp: 0 }");
    const ana = phone(10, 1, { ringMs: 0, action: "no-answer" });
    const centre = phone(5, 2, { ringMs: 500, action: "answer", talkMs: 1000 });
    const row = await call([{ wait: 1000 }, { press: "1" }, { expectHangup: 25_000 }]);
    expectAnswered(await ana);
    expectAnswered(await centre);
    expect(row.outcome).toBe("overflowed");
    expect(row.outcome_detail).toBe(`overflowed to ${OUTSIDE_NUMBER} (timeout)`);
    expect(row.wait_seconds).toBeGreaterThanOrEqual(3.9);
    expect(row.wait_seconds).toBeLessThan(6);
    expect(played(row.id)).toContain("sound:hotline/transfer-main");
  });

  it("a desk phone that rejects is skipped and the next operator answers", async () => {
    await useQueue(QUEUE);
    const ana = phone(10, 1, { ringMs: 500, action: "reject" });
    const ben = phone(11, 4, { ringMs: 500, action: "answer", talkMs: 3000 });
    const row = await call([{ wait: 1000 }, { press: "1" }, { wait: 8000 }, { hangup: true }]);
    expectAnswered(await ana);
    expectAnswered(await ben);
    expect(row.outcome).toBe("answered");
    expect(row.answered_by).toBe("ben");
    await h.app.records.flush();
    const attempts = await h.app.db("operator_attempts").where({ call_id: row.id }).orderBy("started_at");
    expect(attempts.map((a) => [a.operator, a.result])).toEqual([
      ["ana", "busy"], // 486 Busy Here from the desk phone
      ["ben", "answered"],
    ]);
  });

  it("a full queue overflows the next caller at once", async () => {
    await useQueue("{ maxWait: 30, maxLength: 1, announceEvery: 0, ringTimeout: 10, strategy: linear, wrapUp: 0 }");
    const ana = phone(10, 1, { ringMs: 0, action: "no-answer" });
    const centre = phone(5, 2, { ringMs: 500, action: "answer", talkMs: 1000 });
    const first = call([{ wait: 1000 }, { press: "1" }, { wait: 6000 }, { hangup: true }], 0);
    await new Promise((r) => setTimeout(r, 1000));
    const second = await call([{ wait: 500 }, { press: "1" }, { expectHangup: 20_000 }], 1);
    expect(second.outcome).toBe("overflowed");
    expect(second.outcome_detail).toBe(`overflowed to ${OUTSIDE_NUMBER} (full)`);
    expect(second.queue_entered_at).toBeNull();
    expect((await first).outcome).toBe("abandoned");
    expectAnswered(await ana);
    expectAnswered(await centre);
  });

  it("leaves no conversation bridge, no caller on hold and no channel behind", async () => {
    // Callers waited in holding bridges and talked in mixing ones…
    const entered = h.events.map((e) => (e.type === "ChannelEnteredBridge" ? e.bridge.bridge_type : ""));
    expect(entered).toContain("holding");
    expect(entered).toContain("mixing");
    // …and every conversation, and every operator or outside leg, is gone; the holding bridges are
    // kept, empty, for the next caller.
    await eventually(async () => {
      const bridges = await h.app.resources.bridges.list();
      return bridges.every((b) => b.bridge_type === "holding" && b.channels.length === 0);
    }, 5000);
    await eventually(async () => (await h.app.ari.call("GET /channels", {})).length === 0, 5000);
  });
});
