import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseBusy } from "../../../src/calls/steps/busy.ts";
import { FakeChannel } from "../../support/fake-channel.ts";
import { connected, type JourneyHarness, journeyHarness, ScriptedQueues } from "../../support/journey.ts";

const YAML = `organization: { name: Test College, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
trunks:
  - { name: test-trunk, match: ["127.0.0.1:5070"], channels: 2 }
numbers:
  - { did: "+34910000001", hotline: main }
  - { did: "+34910000002", hotline: exams }
  - { did: "+34910000003", hotline: ping }
  - { did: "+34910000004", hotline: hello }
schedules:
  office: { timezone: Europe/Madrid, weekly: { mon-fri: "09:00-18:00", sat: closed, sun: closed } }
topics:
  general: { name: { en: General, es: General }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 } }
hotlines:
  main:
    languageChoice: false
    schedule: office
    greeting: { en: "Hello from {organization}.", es: "Hola." }
    menu: { timeout: 2, retries: 1, default: general, options: { "1": { topic: general } } }
    closed: { action: voicemail }
    overflow: { action: voicemail }
    survey: { enabled: true, scale: 5, question: { en: "How was it?", es: "¿Qué tal?" } }
  exams:
    languageChoice: false
    schedule: office
    greeting: { en: "Exams.", es: "Exámenes." }
    closed: { action: callback }
    overflow: { action: transfer, to: main }
  ping:
    languageChoice: false
    greeting: { en: "Ping.", es: "Ping." }
    overflow: { action: transfer, to: pong }
  pong:
    languageChoice: false
    greeting: { en: "Pong.", es: "Pong." }
    overflow: { action: transfer, to: ping }
  hello:
    languageChoice: false
    greeting: { en: "Hello.", es: "Hola." }
`;

/** Wednesday 2 December 2026 in Madrid: 10:00 (open) and 20:00 (closed). */
const OPEN = new Date("2026-12-02T09:00:00Z");
const CLOSED = new Date("2026-12-02T19:00:00Z");

const sound = (file: string) => `sound:hotline/${file}`;
const timeout = { kind: "timeout", waitedSeconds: 30 } as const;

let open: JourneyHarness;
let closed: JourneyHarness;
beforeAll(async () => {
  open = await journeyHarness(YAML, OPEN);
  closed = await journeyHarness(YAML, CLOSED);
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

describe("the journey's outcome, recorded once at the end", () => {
  it("a caller who hangs up during the greeting: caller-hangup, and nothing failed", async () => {
    const caller = new FakeChannel("g1").when(sound("greeting-main")).hangup();
    const { outcome, row } = await open.call(caller);
    expect(outcome).toEqual({ kind: "caller-hangup" });
    expect(row).toMatchObject({ outcome: "caller-hangup", hangup_cause: 16 });
    expect(caller.played).toEqual([sound("greeting-main")]);
  });

  it("a hang-up heard of only when the goodbye is refused is still the caller's: caller-hangup", async () => {
    const caller = new FakeChannel("g2").when(sound("greeting-hello")).hangupUnnoticed();
    // Without operators there is no queue: the greeting's end leads straight to the goodbye.
    const announcing = await journeyHarness(YAML.replace(/operators:\n.*\n/, ""), OPEN);
    const { outcome, row } = await announcing.call(caller, { did: "+34910000004" }).finally(() => announcing.close());
    expect(outcome).toEqual({ kind: "caller-hangup" });
    expect(row).toMatchObject({ outcome: "caller-hangup" });
    expect(caller.played).toEqual([sound("greeting-hello")]);
  });

  it("an invalid key is said to be invalid and the menu asked again; the key chosen is the topic", async () => {
    const caller = new FakeChannel("m1").when(sound("menu-main")).press("7").when(sound("menu-main")).press("1");
    const queues = new ScriptedQueues({ main: [connected("ana", "caller")] });
    const { row } = await open.call(caller, { queues });
    expect(caller.played.slice(0, 4)).toEqual([
      sound("greeting-main"),
      sound("menu-main"),
      sound("invalid-main"),
      sound("menu-main"),
    ]);
    expect(row).toMatchObject({ topic: "general", menu_path: "1" });
    expect(queues.requests).toEqual([{ hotline: "main", topic: "general", language: "en" }]);
  });

  it("after the last try the menu's default topic is taken", async () => {
    const queues = new ScriptedQueues({ main: [connected("ana", "caller")] });
    const { row } = await open.call(new FakeChannel("m2"), { queues });
    expect(row).toMatchObject({ topic: "general", menu_path: "default" });
  });

  it("answered, the operator hangs up: the survey is asked and answered; outcome answered", async () => {
    const caller = new FakeChannel("s1").when(sound("menu-main")).press("1").when(sound("survey-main")).press("4");
    const queues = new ScriptedQueues({ main: [connected("ana", "operator")] });
    const { outcome, row } = await open.call(caller, { queues });
    expect(outcome).toEqual({ kind: "answered", operator: "ana", endedBy: "operator" });
    expect(row).toMatchObject({ outcome: "answered", survey_score: 4 });
    expect(caller.played.slice(-2)).toEqual([sound("survey-thanks-main"), sound("goodbye-main")]);
  });

  it("answered, the caller hangs up on the operator: no survey, no goodbye", async () => {
    const caller = new FakeChannel("s2").when(sound("menu-main")).press("1");
    const queues = new ScriptedQueues({ main: [connected("ana", "caller")] });
    const { outcome, row } = await open.call(caller, { queues });
    expect(outcome).toMatchObject({ kind: "answered", endedBy: "caller" });
    expect(row.survey_score).toBeNull();
    expect(caller.played).not.toContain(sound("survey-main"));
  });

  it("a caller who hangs up while waiting is abandoned in that hotline's queue", async () => {
    const queues = new ScriptedQueues({ main: ["hangup"] });
    const { outcome, row } = await open.call(new FakeChannel("a1"), { queues });
    expect(outcome).toEqual({ kind: "abandoned", hotline: "main" });
    expect(row.outcome).toBe("abandoned");
  });

  it("the wait limit overflows to voicemail: a message left is recorded as voicemail, not as prose", async () => {
    const queues = new ScriptedQueues({ main: [timeout] });
    const { outcome, row, voicemails } = await open.call(new FakeChannel("v1"), { queues });
    expect(outcome).toEqual({ kind: "voicemail", context: "timeout" });
    expect(row).toMatchObject({
      outcome: "voicemail",
      outcome_detail: "overflowed to voicemail (timeout): message left",
    });
    expect(voicemails).toMatchObject([{ reason: "overflow", duration_seconds: 12 }]);
  });

  it("an overflow to another hotline queues the caller there; answered there, the record says where and why", async () => {
    const queues = new ScriptedQueues({ exams: [timeout], main: [connected("ana", "caller")] });
    const { outcome, row } = await open.call(new FakeChannel("x1"), { did: "+34910000002", queues });
    expect(queues.requests.map((r) => r.hotline)).toEqual(["exams", "main"]);
    expect(outcome).toEqual({ kind: "answered", operator: "ana", queue: "main", reason: "timeout", endedBy: "caller" });
    expect(row.outcome_detail).toBe("answered in the main queue");
  });

  it("an overflow back into a queue the caller already waited in would loop: nobody answers, and it says so", async () => {
    const queues = new ScriptedQueues({ ping: [timeout], pong: [{ kind: "full" }] });
    const caller = new FakeChannel("x2");
    const { outcome, row } = await open.call(caller, { did: "+34910000003", queues });
    expect(queues.requests.map((r) => r.hotline)).toEqual(["ping", "pong"]);
    expect(outcome).toEqual({ kind: "no-answer", reason: "full", why: "loop", to: "ping" });
    expect(row.outcome_detail).toBe("overflow to ping would loop (full)");
    expect(caller.played.slice(-2)).toEqual([sound("queue-full-ping"), sound("goodbye-ping")]);
  });

  it("a caller who hangs up on the overflow's voicemail prompt: overflowed, the offer declined", async () => {
    const queues = new ScriptedQueues({ main: [{ kind: "no-operators" }] });
    const caller = new FakeChannel("x3").when(sound("voicemail-main")).hangup();
    const { outcome, row } = await open.call(caller, { queues });
    expect(outcome).toEqual({ kind: "overflowed", reason: "no-operators", to: "voicemail", declined: true });
    expect(row.outcome_detail).toBe("overflowed to voicemail (no-operators): no message left");
  });

  it("the hotline closes while the caller waits: the closing offer, 2 for a callback, confirmed", async () => {
    const caller = new FakeChannel("c1")
      .when(sound("menu-main"))
      .press("1")
      .when(sound("closing-options-main"))
      .press("2")
      .when(sound("callback-main"))
      .press("600111222#")
      .when("digits:600111222")
      .press("1");
    const queues = new ScriptedQueues({ main: [{ kind: "closing", waitedSeconds: 40 }] });
    const { outcome, row, callbacks } = await open.call(caller, { queues });
    expect(outcome).toEqual({ kind: "callback", context: "closing" });
    expect(row.outcome_detail).toBe("the hotline closed while the caller waited: callback requested");
    expect(callbacks).toMatchObject([{ number: "600111222", reason: "closing" }]);
  });
});

describe("closed hours", () => {
  it("closed → a message left by hanging up is kept: voicemail, 'closed: message left'", async () => {
    const caller = new FakeChannel("k1");
    caller.hangupWhileRecording = true;
    const { outcome, row, voicemails } = await closed.call(caller);
    expect(outcome).toEqual({ kind: "voicemail", context: "closed" });
    expect(row).toMatchObject({ outcome: "voicemail", outcome_detail: "closed: message left" });
    expect(row.schedule_rule).not.toBeNull();
    expect(voicemails).toHaveLength(1);
    expect(caller.played).not.toContain(sound("voicemail-saved-main"));
  });

  it("an empty recording is no message: closed, the offer declined, nothing stored", async () => {
    const caller = new FakeChannel("k2");
    caller.recordSeconds = 0;
    const { outcome, row, voicemails } = await closed.call(caller);
    expect(outcome).toEqual({ kind: "closed", context: "closed", declined: "voicemail" });
    expect(row.outcome_detail).toBe("closed: no message left");
    expect(voicemails).toEqual([]);
  });

  it("a caller who hangs up during the closed announcement: closed, no message", async () => {
    const caller = new FakeChannel("k3").when(sound("closed-main")).hangup();
    const { outcome, voicemails } = await closed.call(caller);
    expect(outcome).toEqual({ kind: "closed", context: "closed" });
    expect(voicemails).toEqual([]);
  });

  it("a callback number too short costs a try; three tries without one: no callback number confirmed", async () => {
    const caller = new FakeChannel("k4")
      .when(sound("callback-exams"))
      .press("12#")
      .when(sound("callback-exams"))
      .press("#");
    const { outcome, row, callbacks } = await closed.call(caller, { did: "+34910000002" });
    expect(outcome).toEqual({ kind: "closed", context: "closed", declined: "callback" });
    expect(row.outcome_detail).toBe("closed: no callback number confirmed");
    expect(caller.played.filter((m) => m === sound("callback-exams"))).toHaveLength(3);
    expect(callbacks).toEqual([]);
  });
});

describe("a trunk at its channel limit", () => {
  it("refuses busy without answering; the record says which trunk and its limit", async () => {
    const caller = new FakeChannel("b1");
    const { outcome, row } = await open.call(caller, { steps: [refuseBusy("test-trunk", 2)] });
    expect(caller.answered).toBe(false);
    expect(caller.hungUpWith).toBe("busy");
    expect(outcome).toEqual({ kind: "busy", trunk: "test-trunk", channels: 2 });
    expect(row).toMatchObject({ outcome: "busy", outcome_detail: "trunk test-trunk at its 2-channel limit" });
  });

  it("is still refused busy when Asterisk refuses the early-media message", async () => {
    const caller = new FakeChannel("b2");
    caller.refuseAnnouncements = true;
    const { outcome } = await open.call(caller, { steps: [refuseBusy("test-trunk", 2)] });
    expect(caller.answered).toBe(false);
    expect(caller.hungUpWith).toBe("busy");
    expect(outcome).toEqual({ kind: "busy", trunk: "test-trunk", channels: 2 });
  });
});
