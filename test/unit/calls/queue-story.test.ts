import { describe, expect, it } from "vitest";
import type { StateChange } from "../../../src/acd/types.ts";
import { QueueStory } from "../../../src/calls/queue/queue-story.ts";
import type { AttemptEnd, OperatorAttempt, QueueEvent } from "../../../src/records/call-records.ts";

const T0 = new Date("2027-03-03T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** CallRecords' queue and attempt writes, kept in order as [method, argument…]. */
function recordingRecords() {
  const writes: unknown[][] = [];
  return {
    writes,
    queueEvent(e: QueueEvent) {
      writes.push(["queueEvent", e]);
      return "event-id";
    },
    attempt(a: OperatorAttempt) {
      writes.push(["attempt", a]);
      return a.id ?? "attempt-id";
    },
    attemptAnswered: (id: string, when: Date) => void writes.push(["attemptAnswered", id, when]),
    attemptEnded: (id: string, end: AttemptEnd) => void writes.push(["attemptEnded", id, end]),
    attemptWrappedUp: (id: string, when: Date) => void writes.push(["attemptWrappedUp", id, when]),
  };
}

function story() {
  let clock = T0;
  const records = recordingRecords();
  const s = new QueueStory(records, () => clock);
  return { story: s, writes: records.writes, setClock: (d: Date) => (clock = d) };
}

const call = { callId: "c1", hotline: "admissions" };
const change = (operator: string, from: StateChange["from"], to: StateChange["to"], when: Date): StateChange =>
  ({ operator, from, to, at: when }) as StateChange;

describe("the queue's story", () => {
  it("tells a caller who could not join why, stamped by the clock", () => {
    const { story: s, writes } = story();
    s.full(call, 4);
    s.noOperators(call);
    expect(writes).toEqual([
      ["queueEvent", { callId: "c1", hotline: "admissions", at: T0, event: "full", position: 4 }],
      ["queueEvent", { callId: "c1", hotline: "admissions", at: T0, event: "no-operators" }],
    ]);
  });

  it("tells how a wait ended as queue_log would: timeout as overflow, closing, abandon with the place", () => {
    const { story: s, writes, setClock } = story();
    s.entered(call, 2);
    setClock(at(30));
    s.timedOut(call, 30);
    s.closing(call, 30);
    s.abandoned(call, 1, 30);
    expect(writes.map((w) => w[1])).toEqual([
      { callId: "c1", hotline: "admissions", at: T0, event: "enter", position: 2 },
      { callId: "c1", hotline: "admissions", at: at(30), event: "overflow", waitSeconds: 30, detail: "timeout" },
      { callId: "c1", hotline: "admissions", at: at(30), event: "closing", waitSeconds: 30 },
      { callId: "c1", hotline: "admissions", at: at(30), event: "abandon", position: 1, waitSeconds: 30 },
    ]);
  });

  it("tells the answer at the instant the caller's record says it happened", () => {
    const { story: s, writes } = story();
    s.answered(call, "maria", 12, at(12));
    expect(writes).toEqual([
      [
        "queueEvent",
        { callId: "c1", hotline: "admissions", at: at(12), event: "answer", operator: "maria", waitSeconds: 12 },
      ],
    ]);
  });

  it("records each ring on the leg's own id, its answer and its end", () => {
    const { story: s, writes, setClock } = story();
    expect(s.ringing("c1", "maria", "PJSIP/op-maria", "operator-1")).toBe("operator-1");
    setClock(at(4));
    s.ringAnswered("operator-1");
    s.ringEnded("operator-2", "no-answer");
    expect(writes).toEqual([
      ["attempt", { id: "operator-1", callId: "c1", operator: "maria", endpoint: "PJSIP/op-maria", startedAt: T0 }],
      ["attemptAnswered", "operator-1", at(4)],
      ["attemptEnded", "operator-2", { endedAt: at(4), result: "no-answer" }],
    ]);
  });

  it("closes the answered ring when the conversation completes, saying who hung up", () => {
    const { story: s, writes, setClock } = story();
    setClock(at(200));
    s.completed(call, { operator: "maria", legId: "operator-1", waitedSeconds: 12 }, "caller");
    expect(writes).toEqual([
      ["attemptEnded", "operator-1", { endedAt: at(200), result: "answered" }],
      [
        "queueEvent",
        {
          callId: "c1",
          hotline: "admissions",
          at: at(200),
          event: "complete",
          operator: "maria",
          waitSeconds: 12,
          detail: "caller",
        },
      ],
    ]);
  });

  it("puts the end of an operator's wrap-up on the ring they last talked on, and nowhere else", () => {
    const { story: s, writes } = story();
    s.completed(call, { operator: "maria", legId: "operator-1", waitedSeconds: 12 }, "operator");
    s.completed({ ...call, callId: "c2" }, { operator: "maria", legId: "operator-2", waitedSeconds: 3 }, "caller");
    writes.length = 0;
    s.wrapUpsEnded([
      change("maria", "wrap-up", "available", at(230)),
      change("maria", "available", "ringing", at(231)), // not the end of a wrap-up
      change("john", "wrap-up", "available", at(232)), // john talked on no ring we know of
    ]);
    expect(writes).toEqual([["attemptWrappedUp", "operator-2", at(230)]]);
  });
});
