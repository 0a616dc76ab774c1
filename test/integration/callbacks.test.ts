import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CallerAction,
  callerScenario,
  type DeskPhoneBehaviour,
  deskPhoneScenario,
} from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { eventually, generalQueueHotline, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { endedRecord, expectSippOk } from "../support/calls.ts";
import type { TestPorts } from "../support/sandbox.ts";

const DID = "+34910000001";
const QUEUE = "{ maxWait: 300, maxLength: 5, announceEvery: 0, ringTimeout: 10, strategy: linear, wrapUp: 3 }";

/** One hotline with a queue, one operator (Ana, SIPp 10) and callbacks dialled on the trunk's contact (SIPp 5). */
function yaml(ports: TestPorts): string {
  const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
callbacks:
  allow: ["6XXXXXXXX"]
  offerAfter: 2
  offerWhenWaitOver: 0
  retries: [3]
  ringTimeout: 6
`;
  return testConfigYaml(ports, extra, generalQueueHotline(QUEUE, "")).replace(
    "    dtmfMode: info",
    `    dtmfMode: info\n    contact: "sip:127.0.0.1:${ports.sipp(5)}"`,
  );
}

/** The trunk's far end answers only an INVITE to `number` from the hotline's own number (caller ID). */
function callee(number: string, behaviour: DeskPhoneBehaviour): string {
  const checks = `      <ereg regexp="^INVITE sip:${number}@" search_in="msg" check_it="true" assign_to="ruri"/>
      <ereg regexp="${DID.replace("+", "\\+")}" search_in="hdr" header="From:" check_it="true" assign_to="cid"/>
`;
  return deskPhoneScenario(behaviour)
    .replace("<action>\n", `<action>\n${checks}`)
    .replace('<Reference variables="', '<Reference variables="ruri,cid,');
}

const TEST_MS = 240_000;

describe("callbacks that keep the caller's place (real Asterisk + SIPp caller, desk phone and trunk)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    h = await startTestHotline({ yaml: (ports) => yaml(ports) });
  });
  afterAll(async () => {
    if (process.env.CALLBACKS_LOG)
      writeFileSync(process.env.CALLBACKS_LOG, h.logs.map((l) => JSON.stringify(l)).join("\n"));
    await h?.stop();
  });

  function caller(number: string, actions: CallerAction[], line: number): Promise<SippResult> {
    return runSipp({
      scenario: callerScenario(actions),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(line),
      mediaPort: h.ports.media(line),
      service: DID,
      keys: { caller: number },
      timeoutSeconds: 170,
    });
  }

  function phone(sipp: number, media: number, scenario: string, calls = 1): Promise<SippResult> {
    return runSipp({ scenario, port: h.ports.sipp(sipp), mediaPort: h.ports.media(media), calls, timeoutSeconds: 170 });
  }

  const record = (number: string) => endedRecord(h.app, number, { timeoutMs: 60_000 });

  /** In line: after the greeting and menu (1), 2.5 s of waiting brings the offer; 5, then the number and 1. */
  const askCallback = (number: string): CallerAction[] => [
    { wait: 1000 },
    { press: "1" },
    { wait: 9000 },
    { press: "5" },
    { wait: 2000 },
    { press: `${number}#` },
    { wait: 2000 },
    { press: "1" },
    { expectHangup: 20_000 },
  ];

  it(
    "a callback keeps its place: behind an earlier caller, ahead of a later one; made from the hotline's number",
    async () => {
      // Ana talks with a first caller long enough for three more to queue: A, then B (asks for a callback), then C.
      const anaFirst = phone(10, 10, deskPhoneScenario({ ringMs: 300, action: "answer", talkMs: 32_000 }));
      const first = caller("612000010", [{ wait: 1000 }, { press: "1" }, { expectHangup: 60_000 }], 0);
      await eventually(() => h.app.acd.statuses().find((s) => s.operator === "ana")?.state === "on-call", 20_000);
      const a = caller("612000011", [{ wait: 1000 }, { press: "1" }, { expectHangup: 160_000 }], 1);
      await new Promise((r) => setTimeout(r, 2500));
      const b = caller("612000012", askCallback("612345678"), 2);
      await new Promise((r) => setTimeout(r, 2500));
      const c = caller("612000013", [{ wait: 1000 }, { press: "1" }, { expectHangup: 160_000 }], 3);
      expectSippOk(await b);
      expectSippOk(await anaFirst);
      expectSippOk(await first);
      // Then A, the callback (Ana hears who, the trunk's far end answers), then C: 18 s each, Ana hangs up.
      const trunk = phone(5, 5, callee("612345678", { ringMs: 500, action: "answer", byeTimeoutMs: 60_000 }));
      const ana = phone(10, 10, deskPhoneScenario({ ringMs: 300, action: "answer", talkMs: 18_000 }), 3);
      expectSippOk(await trunk);
      const anaRun = await ana;
      expect(anaRun.errors || "", anaRun.stdout.slice(-1500)).toBe("");
      expect(anaRun.successful).toBe(3);
      expectSippOk(await a);
      expectSippOk(await c);

      const rowB = await record("612000012");
      expect(rowB.outcome).toBe("callback");
      expect(rowB.outcome_reason).toBe("queue");
      await h.app.records.flush();
      const [cb] = await h.app.db("callbacks").where({ call_id: rowB.id });
      expect(cb).toMatchObject({
        number: "612345678",
        status: "reached",
        operator: "ana",
        attempts: 1,
        reason: "queue",
      });
      expect(Date.parse(cb.place_at)).toBe(Date.parse(rowB.queue_entered_at ?? ""));
      const attempts = await h.app.db("callback_attempts").where({ callback_id: cb.id });
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ operator: "ana", result: "reached", trunk: "test-trunk" });
      // Ana's order: A, the callback, C.
      const rowA = await record("612000011");
      const rowC = await record("612000013");
      expect([rowA.answered_by, rowC.answered_by]).toEqual(["ana", "ana"]);
      const answeredA = Date.parse(rowA.operator_answered_at ?? "");
      const answeredC = Date.parse(rowC.operator_answered_at ?? "");
      const called = Date.parse(attempts[0].started_at);
      expect(answeredA).toBeLessThan(called);
      expect(called).toBeLessThan(answeredC);
    },
    TEST_MS,
  );

  it(
    "a caller not reached is tried again after the interval, then given up with a record",
    async () => {
      const request = {
        id: "cb-test-no-answer",
        callId: "test-no-answer",
        hotline: "main",
        language: "en",
        topic: "general",
        number: "687654321",
        reason: "closed" as const,
        requestedAt: new Date(),
        placeAt: new Date(),
      };
      const trunk = phone(5, 5, callee("687654321", { ringMs: 0, action: "no-answer" }), 2);
      const ana = phone(10, 10, deskPhoneScenario({ ringMs: 300, action: "answer", byeTimeoutMs: 30_000 }), 2);
      h.app.records.callbacks.requested(request);
      h.app.acd.callbackRequested(request);
      const trunkRun = await trunk;
      expect(trunkRun.errors || "", trunkRun.stdout.slice(-1500)).toBe("");
      expect(trunkRun.successful).toBe(2);
      const anaRun = await ana;
      expect(anaRun.successful).toBe(2);
      const cb = await eventually(async () => {
        await h.app.records.flush();
        const row = await h.app.db("callbacks").where({ id: request.id }).first();
        return row?.status === "given-up" ? row : undefined;
      }, 30_000);
      expect(cb).toMatchObject({ attempts: 2, next_attempt_at: null });
      expect(cb.given_up_at).toBeTruthy();
      const attempts = await h.app.db("callback_attempts").where({ callback_id: request.id }).orderBy("started_at");
      expect(attempts.map((a) => a.result)).toEqual(["no-answer", "no-answer"]);
      // The retry came after the configured interval (3 s) at the earliest.
      expect(Date.parse(attempts[1].started_at) - Date.parse(attempts[0].ended_at)).toBeGreaterThanOrEqual(2900);
      // Not Ana's miss: she was free again at once, never paused.
      expect(h.app.acd.statuses().find((s) => s.operator === "ana")?.state).not.toBe("paused");
    },
    TEST_MS,
  );
  it(
    "a premium-rate number is refused with the spoken message, nothing is stored, the caller waits on",
    async () => {
      // Nobody answers (Ana's phone is not there): the caller asks, is refused, waits a little, hangs up.
      const result = await caller(
        "612000090",
        [
          { wait: 1000 },
          { press: "1" },
          { wait: 5000 },
          { press: "5" },
          { wait: 2000 },
          { press: "905123456#" },
          { wait: 5000 },
          { hangup: true },
        ],
        0,
      );
      expectSippOk(result);
      const row = await record("612000090");
      expect(row.outcome).toBe("abandoned");
      await h.app.records.flush();
      expect(await h.app.db("callbacks").where({ call_id: row.id })).toEqual([]);
      const played = h.events
        .filter((e) => e.type === "PlaybackStarted" && e.playback.target_uri === `channel:${row.id}`)
        .map((e) => (e.type === "PlaybackStarted" ? e.playback.media_uri : ""));
      expect(played).toContain("sound:hotline/callback-refused-main");
      // The offer was made (it may still wait behind "all operators are busy" when the key comes).
      expect(h.logs.filter((l) => l.call === row.id).map((l) => l.msg)).toEqual(
        expect.arrayContaining(["callback offered", "callback key pressed", "callback refused: number not allowed"]),
      );
      // Back in line with their place: the queue saw them enter once and leave once (abandon).
      const events = await h.app.db("queue_events").where({ call_id: row.id }).orderBy("at");
      expect(events.map((e) => e.event)).toEqual(["enter", "abandon"]);
    },
    TEST_MS,
  );
});
