import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, type DeskPhoneBehaviour, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { applyYaml, eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { expectSippOk } from "../support/calls.ts";
import type { TestPorts } from "../support/sandbox.ts";

const QUEUE = "{ maxWait: 60, maxLength: 5, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 0 }";

/** Desk phones on SIPp ports 10–13; the menu's 1 is admissions (levels 2–5), 2 general questions (Ana and Ben, equal). */
const OPERATORS = { ana: 10, ben: 11, eva: 12, dan: 13 } as const;
type Operator = keyof typeof OPERATORS;

function yaml(ports: TestPorts, queue = QUEUE): string {
  const hotline = `    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    menu:
      timeout: 3
      retries: 0
      default: general
      options:
        "1": { topic: admissions }
        "2": { topic: general }
    queue: ${queue}`;
  const phone = (op: Operator) => `contact: "sip:op-${op}@127.0.0.1:${ports.sipp(OPERATORS[op])}"`;
  const extra = `topics:
  admissions: { name: { en: Admissions, es: Admisiones }, competence: admissions }
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { admissions: 5, general: 2 }, ${phone("ana")} }
  ben: { name: Ben, endpoint: op-ben, languages: [en], competences: { admissions: 3, general: 2 }, ${phone("ben")} }
  eva: { name: Eva, endpoint: op-eva, languages: [es], competences: { admissions: 2 }, ${phone("eva")} }
  dan: { name: Dan, endpoint: op-dan, languages: [en], competences: { admissions: 4 }, ${phone("dan")} }
`;
  return testConfigYaml(ports, extra, hotline);
}

describe("the ACD: competences, languages, strategies, misses, wrap-up and breaks (real Asterisk + 4 SIPp desk phones)", () => {
  let h: TestHotline;
  let n = 0;

  beforeAll(async () => {
    h = await startTestHotline({ yaml: (ports) => yaml(ports) });
    // Operators with neither PIN nor roster are logged in as soon as their phone is reachable.
    await eventually(() => h.app.acd.statuses().every((s) => s.state === "available"));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function useQueue(queue: string): Promise<void> {
    await applyYaml(h, yaml(h.ports, queue));
  }

  /** Only these operators take calls (the others on a pause), as a supervisor would arrange it. */
  function only(...available: Operator[]): void {
    for (const op of Object.keys(OPERATORS) as Operator[]) {
      if (available.includes(op)) h.app.acd.resume(op, "cli");
      else h.app.acd.pause(op, "other", "cli");
    }
  }

  const state = (op: Operator) => h.app.acd.statuses().find((s) => s.operator === op);

  function phone(op: Operator, behaviour: DeskPhoneBehaviour): Promise<SippResult> {
    return runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: h.ports.sipp(OPERATORS[op]),
      mediaPort: h.ports.media(OPERATORS[op]),
      timeoutSeconds: 40,
    });
  }

  async function call(options: { press: string; spanish?: boolean; line?: number }): Promise<CallRow> {
    const caller = `61300${String(++n).padStart(4, "0")}`;
    const line = options.line ?? 0;
    const result = await runSipp({
      scenario: callerScenario([{ wait: 1000 }, { press: options.press }, { expectHangup: 40_000 }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(line),
      mediaPort: h.ports.media(line),
      service: options.spanish ? "+34910000002" : "+34910000001",
      keys: { caller },
      timeoutSeconds: 50,
    });
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
    return eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: caller }).first();
      return row?.ended_at ? row : undefined;
    });
  }

  async function attempts(callId: string): Promise<[string, string][]> {
    await h.app.records.flush();
    const rows = await h.app.db("operator_attempts").where({ call_id: callId }).orderBy("started_at");
    return rows.map((a) => [a.operator, a.result]);
  }

  const mediaOn = (channelPrefix: string) =>
    h.events
      .filter((e) => e.type === "PlaybackStarted" && e.playback.target_uri.startsWith(`channel:${channelPrefix}`))
      .map((e) => (e.type === "PlaybackStarted" ? e.playback.media_uri : ""));

  it("the best-skilled free operator gets the caller; the operator hears the topic, the caller the operator's name", async () => {
    only("ana", "ben", "dan");
    const ana = phone("ana", { ringMs: 500, action: "answer", talkMs: 4000 });
    const row = await call({ press: "1" });
    expectSippOk(await ana);
    expect(row).toMatchObject({ topic: "admissions", outcome: "answered", answered_by: "ana" });
    expect(await attempts(row.id)).toEqual([["ana", "answered"]]);
    expect(mediaOn(row.id)).toContain("sound:hotline/speaking-with-ana");
    // The whisper went to the operator's leg, not to the caller: topic, then campaign.
    expect(mediaOn("operator-")).toEqual(
      expect.arrayContaining(["sound:hotline/topic-admissions", "sound:hotline/campaign-newspaper"]),
    );
    expect(mediaOn(row.id)).not.toContain("sound:hotline/topic-admissions");
  });

  it("a Spanish caller reaches only a Spanish-speaking operator, even a less skilled one", async () => {
    only("ben", "eva", "dan"); // Ana, who speaks Spanish too, is away
    const eva = phone("eva", { ringMs: 500, action: "answer", talkMs: 4000 });
    const row = await call({ press: "1", spanish: true });
    expectSippOk(await eva);
    expect(row).toMatchObject({ language: "es", outcome: "answered", answered_by: "eva" });
    expect(await attempts(row.id)).toEqual([["eva", "answered"]]);
  });

  it("a phone that is not answered moves the caller on, and the operator is paused after maxMissed misses", async () => {
    await useQueue("{ maxWait: 60, ringTimeout: 5, widenAfter: 0, wrapUp: 0, maxMissed: 1, announceEvery: 0 }");
    only("ben", "dan"); // Dan (level 4) is rung before Ben (level 3)
    const dan = phone("dan", { ringMs: 0, action: "no-answer" });
    const ben = phone("ben", { ringMs: 500, action: "answer", talkMs: 4000 });
    const row = await call({ press: "1" });
    expectSippOk(await dan);
    expectSippOk(await ben);
    expect(row.answered_by).toBe("ben");
    expect(await attempts(row.id)).toEqual([
      ["dan", "no-answer"],
      ["ben", "answered"],
    ]);
    expect(state("dan")).toMatchObject({ state: "paused", reason: "missed-calls" });
    const pause = await h.app.db("operator_pauses").where({ operator: "dan", reason: "missed-calls" }).first();
    expect(pause).toBeDefined();
    expect(Boolean(pause.planned)).toBe(false); // imposed by the ACD, not chosen
  });

  it("wrap-up is honoured: the operator who just finished is not rung, the next one is", async () => {
    await useQueue("{ maxWait: 60, ringTimeout: 10, widenAfter: 0, wrapUp: 20, announceEvery: 0 }");
    only("ana", "ben");
    const ana = phone("ana", { ringMs: 500, action: "answer", talkMs: 4000 });
    const first = await call({ press: "1" });
    expectSippOk(await ana);
    expect(first.answered_by).toBe("ana");
    expect(state("ana")?.state).toBe("wrap-up");
    const ben = phone("ben", { ringMs: 500, action: "answer", talkMs: 4000 });
    const second = await call({ press: "1" });
    expectSippOk(await ben);
    expect(second.answered_by).toBe("ben"); // Ana is more skilled, but still wrapping up
    expect(await attempts(second.id)).toEqual([["ben", "answered"]]);
    // Her wrap-up is on the record of the call it followed: 20 s after the call's end.
    await eventually(() => state("ana")?.state === "available", 25_000);
    await h.app.records.flush();
    const [leg] = await h.app.db("operator_attempts").where({ call_id: first.id });
    expect(Date.parse(leg.wrapup_ended_at) - Date.parse(leg.ended_at)).toBeGreaterThanOrEqual(19_000);
  });

  it("a break that falls during a call starts when the call ends, never cutting it", async () => {
    await useQueue(QUEUE);
    only("ana");
    const ana = phone("ana", { ringMs: 500, action: "answer", talkMs: 5000 });
    const caller = call({ press: "1" });
    await eventually(() => state("ana")?.state === "on-call", 15_000);
    expect(h.app.acd.pause("ana", "break", "roster")).toBe("pending");
    expect(state("ana")).toMatchObject({ state: "on-call", pending: { kind: "pause", reason: "break" } });
    const row = await caller;
    expectSippOk(await ana);
    expect(row.outcome).toBe("answered");
    expect(row.hangup_cause).not.toBe(null);
    expect(state("ana")).toMatchObject({ state: "paused", reason: "break" });
    await h.app.records.flush();
    const [attempt] = await h.app.db("operator_attempts").where({ call_id: row.id });
    const pause = await h.app.db("operator_pauses").where({ operator: "ana", reason: "break" }).first();
    expect(Boolean(pause.planned)).toBe(true);
    expect(Date.parse(pause.started_at)).toBeGreaterThanOrEqual(Date.parse(attempt.ended_at) - 50);
  });

  it("ring-all rings every free qualified phone; the first to answer takes the call, the others stop ringing", async () => {
    await useQueue("{ maxWait: 60, ringTimeout: 10, widenAfter: 0, wrapUp: 0, strategy: ring-all, announceEvery: 0 }");
    only("ana", "ben");
    const ana = phone("ana", { ringMs: 0, action: "no-answer" }); // sees the CANCEL
    const ben = phone("ben", { ringMs: 1500, action: "answer", talkMs: 4000 });
    const row = await call({ press: "2" }); // general questions: Ana and Ben equally skilled
    expectSippOk(await ana);
    expectSippOk(await ben);
    expect(row.answered_by).toBe("ben");
    expect((await attempts(row.id)).sort()).toEqual([
      ["ana", "other-answered"],
      ["ben", "answered"],
    ]);
  });

  it("a desk phone in use outside the ACD (a personal call) is skipped until it is free", async () => {
    await useQueue(QUEUE);
    only("ana", "ben");
    // A call to Ana's phone that is not the ACD's: her endpoint now has a channel.
    const ana = phone("ana", { ringMs: 0, action: "answer", byeTimeoutMs: 30_000 });
    const personal = "personal-call-1";
    await h.app.resources.channels.originate({
      channelId: personal,
      endpoint: "PJSIP/op-ana",
      app: h.config.asterisk.app,
      appArgs: "outside",
    });
    await eventually(() => state("ana")?.deviceBusy, 10_000);
    const ben = phone("ben", { ringMs: 500, action: "answer", talkMs: 4000 });
    const row = await call({ press: "1" });
    expectSippOk(await ben);
    expect(row.answered_by).toBe("ben"); // Ana, the expert, was on the phone
    expect(await attempts(row.id)).toEqual([["ben", "answered"]]);
    await h.app.resources.channels.hangup(personal);
    expectSippOk(await ana);
    await eventually(() => state("ana")?.deviceBusy === false, 10_000);
  });

  it("records every login session and leaves no conversation bridge behind, no caller on hold", async () => {
    await h.app.records.flush();
    const sessions = await h.app.db("operator_sessions").select("operator");
    expect(new Set(sessions.map((s) => s.operator))).toEqual(new Set(["ana", "ben", "eva", "dan"]));
    const states = await h.app.db("operator_states").orderBy("operator");
    expect(states.map((s) => s.operator)).toEqual(["ana", "ben", "dan", "eva"]);
    const bridges = await h.app.resources.bridges.list();
    expect(bridges.filter((b) => b.id.startsWith("talk-"))).toEqual([]);
    // The hotline's holding bridge stays for the next caller, empty.
    expect(bridges.filter((b) => b.id.startsWith("holding-")).flatMap((b) => b.channels)).toEqual([]);
  });
});
