import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, type DeskPhoneBehaviour, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { ControlClient } from "../../src/operators/control-client.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, generalQueueHotline, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { expectSippOk } from "../support/calls.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** Quick: no whisper or introduction, no wrap-up, a specialist who rings 4 s at most. */
const QUEUE =
  "{ maxWait: 60, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 0, whisper: false, introduce: false }";
/** SIPp ports: the operator's desk phone 10, the specialist's 15. */
const ANA = 10;
const RUIZ = 15;

function yaml(ports: TestPorts): string {
  return testConfigYaml(
    ports,
    `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(ANA)}" }
directory:
  ruiz:
    name: Dr Ruiz
    department: Grants office
    code: "11"
    endpoint: desk-ruiz
    contact: "sip:desk-ruiz@127.0.0.1:${ports.sipp(RUIZ)}"
    ringTimeout: 4
    topics: [general]
`,
    generalQueueHotline(QUEUE, ""),
  );
}

describe("transfers to the directory, blind and attended (real Asterisk, SIPp caller, operator and specialist)", () => {
  let h: TestHotline;
  let n = 0;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
    await eventually(() => h.app.acd.statuses().every((s) => s.state === "available"));
  });
  afterAll(async () => {
    await h?.stop();
  });

  function phone(port: number, behaviour: DeskPhoneBehaviour): Promise<SippResult> {
    return runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: h.ports.sipp(port),
      mediaPort: h.ports.media(port),
      timeoutSeconds: 60,
    });
  }

  /** A caller who presses 1 (general) and stays until the hotline hangs up; their finished record. */
  async function call(): Promise<CallRow> {
    const caller = `61400${String(++n).padStart(4, "0")}`;
    const result = await runSipp({
      scenario: callerScenario([{ wait: 500 }, { press: "1" }, { expectHangup: 50_000 }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(n % 5),
      mediaPort: h.ports.media(n % 5),
      service: "+34910000001",
      keys: { caller },
      timeoutSeconds: 60,
    });
    expectSippOk(result);
    return eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: caller }).first();
      return row?.ended_at ? row : undefined;
    });
  }

  async function transfersOf(callId: string) {
    await h.app.records.flush();
    return h.app.db("transfers").where({ call_id: callId }).orderBy("started_at");
  }

  /** Bridges the caller's channel entered, in order, by their kind (talk-, consult-, holding…). */
  const bridgesOf = (channelId: string) =>
    h.events.flatMap((e) =>
      e.type === "ChannelEnteredBridge" && e.channel?.id === channelId ? [e.bridge.id.replace(/-.*$/, "")] : [],
    );

  it("blind (*1 11#): the operator leaves, the specialist hears who is coming and is bridged with the caller", async () => {
    const ana = phone(ANA, {
      ringMs: 300,
      action: "answer",
      keys: [{ afterMs: 1000, keys: "*111#" }],
      byeTimeoutMs: 30_000,
    });
    const ruiz = phone(RUIZ, { ringMs: 500, action: "answer", talkMs: 6000 });
    const row = await call();
    expectSippOk(await ana);
    expectSippOk(await ruiz);
    expect(row).toMatchObject({
      outcome: "transferred",
      outcome_to: "ruiz",
      outcome_result: "blind",
      answered_by: "ana",
    });
    expect(row.outcome_detail).toBe("transferred to ruiz by ana (blind)");
    const [t, ...more] = await transfersOf(row.id);
    expect(more).toEqual([]);
    expect(t).toMatchObject({
      from_operator: "ana",
      target: "ruiz",
      target_kind: "endpoint",
      kind: "blind",
      result: "completed",
      topic: "general",
    });
    expect(t.answered_at).not.toBeNull();
    // The caller: the operator's conversation, then one with the specialist.
    expect(bridgesOf(row.id).filter((b) => b === "talk")).toHaveLength(2);
    const heard = h.events.flatMap((e) =>
      e.type === "PlaybackStarted" && e.playback.target_uri.startsWith("channel:transfer-")
        ? [e.playback.media_uri]
        : [],
    );
    expect(heard).toEqual(
      expect.arrayContaining([
        "sound:hotline/transfer-from-ana",
        "sound:hotline/topic-general",
        "sound:hotline/caller-language-en",
      ]),
    );
    // The operator is free again (wrap-up 0).
    await eventually(() => h.app.acd.statuses().find((s) => s.operator === "ana")?.state === "available");
  });

  it("attended (*2 11#, then *3): the operator consults the specialist, then completes", async () => {
    const ana = phone(ANA, {
      ringMs: 300,
      action: "answer",
      keys: [
        { afterMs: 1000, keys: "*211#" },
        { afterMs: 2500, keys: "*3" },
      ],
      byeTimeoutMs: 30_000,
    });
    const ruiz = phone(RUIZ, { ringMs: 500, action: "answer", talkMs: 5000 });
    const row = await call();
    expectSippOk(await ana);
    expectSippOk(await ruiz);
    expect(row).toMatchObject({ outcome: "transferred", outcome_to: "ruiz", outcome_result: "attended" });
    const [t] = await transfersOf(row.id);
    expect(t).toMatchObject({ kind: "attended", result: "completed", target: "ruiz" });
    expect(t.answered_at).not.toBeNull();
    const operatorLeg = await h.app.db("operator_attempts").where({ call_id: row.id, result: "answered" }).first();
    // The operator went from the conversation into the consult bridge.
    expect(bridgesOf(operatorLeg.id)).toEqual(["talk", "consult"]);
  });

  it("attended, the specialist does not answer: the caller is back with the operator", async () => {
    const ana = phone(ANA, { ringMs: 300, action: "answer", keys: [{ afterMs: 1000, keys: "*211#" }], talkMs: 8000 });
    const ruiz = phone(RUIZ, { ringMs: 0, action: "no-answer" });
    const row = await call();
    expectSippOk(await ana);
    expectSippOk(await ruiz);
    expect(row).toMatchObject({ outcome: "answered", answered_by: "ana", outcome_result: "operator" });
    const [t] = await transfersOf(row.id);
    expect(t).toMatchObject({ kind: "attended", result: "no-answer", answered_at: null });
    const operatorLeg = await h.app.db("operator_attempts").where({ call_id: row.id, result: "answered" }).first();
    expect(bridgesOf(operatorLeg.id)).toEqual(["talk", "consult", "talk"]);
  });

  it("attended, the operator hangs up once the specialist answered: that completes the transfer", async () => {
    const ana = phone(ANA, { ringMs: 300, action: "answer", keys: [{ afterMs: 1000, keys: "*211#" }], talkMs: 7000 });
    const ruiz = phone(RUIZ, { ringMs: 500, action: "answer", talkMs: 12_000 });
    const row = await call();
    expectSippOk(await ana);
    expectSippOk(await ruiz);
    expect(row).toMatchObject({ outcome: "transferred", outcome_to: "ruiz", outcome_result: "attended" });
    const [t] = await transfersOf(row.id);
    expect(t).toMatchObject({ kind: "attended", result: "completed", target: "ruiz" });
    expect(t.answered_at).not.toBeNull();
  });

  it("attended with swap and cancel (*4, *4, *0): the operator talks to each in turn, then hangs the specialist up", async () => {
    const ana = phone(ANA, {
      ringMs: 300,
      action: "answer",
      keys: [
        { afterMs: 1000, keys: "*211#" },
        { afterMs: 2500, keys: "*4" },
        { afterMs: 1000, keys: "*4" },
        { afterMs: 1000, keys: "*0" },
      ],
      talkMs: 1500,
    });
    const ruiz = phone(RUIZ, { ringMs: 500, action: "answer", byeTimeoutMs: 30_000 });
    const row = await call();
    expectSippOk(await ana);
    expectSippOk(await ruiz); // the hotline hung the specialist up
    expect(row).toMatchObject({ outcome: "answered", answered_by: "ana", outcome_result: "operator" });
    const [t] = await transfersOf(row.id);
    expect(t).toMatchObject({ kind: "attended", result: "cancelled", cause: "operator cancelled" });
    expect(t.answered_at).not.toBeNull();
    const operatorLeg = await h.app.db("operator_attempts").where({ call_id: row.id, result: "answered" }).first();
    expect(bridgesOf(operatorLeg.id)).toEqual(["talk", "consult", "talk", "consult", "talk"]);
  });

  it("blind, the specialist does not answer: the caller goes back to the queue with their place and is served again", async () => {
    const first = phone(ANA, {
      ringMs: 300,
      action: "answer",
      keys: [{ afterMs: 1000, keys: "*111#" }],
      byeTimeoutMs: 30_000,
    });
    const ruiz = phone(RUIZ, { ringMs: 0, action: "no-answer" });
    const caller = call();
    expectSippOk(await first);
    // The specialist rings for 4 s meanwhile; the operator's phone is ready for the caller's return.
    const second = phone(ANA, { ringMs: 300, action: "answer", talkMs: 1500 });
    const row = await caller;
    expectSippOk(await second);
    expectSippOk(await ruiz);
    expect(row).toMatchObject({ outcome: "answered", answered_by: "ana" });
    const [t] = await transfersOf(row.id);
    expect(t).toMatchObject({ kind: "blind", result: "no-answer", answered_at: null });
    const attempts = await h.app.db("operator_attempts").where({ call_id: row.id }).orderBy("started_at");
    expect(attempts.map((a) => [a.operator, a.result])).toEqual([
      ["ana", "answered"],
      ["ana", "answered"],
    ]);
    expect(bridgesOf(row.id)).toEqual(["holding", "talk", "holding", "talk"]);
  });
  it("the control API lists the directory and refuses what it cannot do", async () => {
    const client = await ControlClient.connect(h.config.state.dir);
    expect(await client.request("GET", "/directory")).toEqual([
      { key: "ruiz", reachable: true, name: "Dr Ruiz", department: "Grants office", code: "11", kind: "endpoint" },
    ]);
    await expect(client.request("POST", "/calls/nobody/transfer", { to: "ruiz" })).rejects.toMatchObject({
      status: 404,
      message: "no conversation in progress for call nobody",
    });
    await expect(client.request("POST", "/calls/nobody/transfer/complete")).rejects.toMatchObject({ status: 404 });
  });
});
