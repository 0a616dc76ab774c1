import { describe, expect, it } from "vitest";
import {
  type CallOutcome,
  closedWhileWaiting,
  describeOutcome,
  outcomeColumns,
  outcomeFromColumns,
  overflowDestination,
} from "../../../src/records/outcome.ts";

/** One of every shape, as the columns can hold it (no operator, no cause: those live elsewhere). */
const OUTCOMES: CallOutcome[] = [
  { kind: "completed" },
  { kind: "caller-hangup" },
  { kind: "busy", trunk: "main", channels: 30 },
  { kind: "answered", operator: "" },
  { kind: "answered", operator: "", queue: "admissions", reason: "timeout" },
  { kind: "abandoned", hotline: "admissions" },
  { kind: "closed", context: "closed" },
  { kind: "closed", context: "closing", declined: "callback" },
  { kind: "voicemail", context: "closed" },
  { kind: "voicemail", context: "full" },
  { kind: "callback", context: "closing" },
  { kind: "callback", context: "no-operators" },
  { kind: "overflowed", reason: "timeout", to: "+34915550000" },
  { kind: "overflowed", reason: "full", to: "voicemail" },
  { kind: "overflowed", reason: "timeout", to: "callback", declined: true },
  { kind: "no-answer", reason: "timeout", why: "no-overflow" },
  { kind: "no-answer", reason: "full", why: "loop", to: "exams" },
  { kind: "lost" },
  { kind: "error" },
];

describe("the typed outcome and its columns", () => {
  it("reads back from its columns what it wrote", () => {
    for (const o of OUTCOMES) expect(outcomeFromColumns(outcomeColumns(o)), o.kind).toEqual(o);
  });

  it("keys overflows by where they went, and only overflows", () => {
    expect(OUTCOMES.map(overflowDestination).filter((d) => d !== null)).toEqual([
      "voicemail",
      "callback",
      "+34915550000",
      "voicemail",
      "callback",
      "no answer",
      "no answer",
    ]);
    expect(OUTCOMES.filter(closedWhileWaiting).map((o) => o.kind)).toEqual(["closed", "callback"]);
  });

  it("says a voicemail or callback overflow the caller hung up on as the offer", () => {
    expect(describeOutcome({ kind: "overflowed", reason: "timeout", to: "voicemail" })).toBe(
      "overflowed to voicemail (timeout)",
    );
    expect(describeOutcome({ kind: "overflowed", reason: "full", to: "callback" })).toBe(
      "overflowed to a callback request (full)",
    );
    expect(describeOutcome({ kind: "overflowed", reason: "full", to: "callback", declined: true })).toBe(
      "overflowed to a callback request (full): no callback number confirmed",
    );
  });

  it("has no outcome for a call in progress, and an error for a kind it does not know", () => {
    expect(outcomeFromColumns({ outcome: null })).toBeUndefined();
    expect(outcomeFromColumns({ outcome: "from-the-future" })).toEqual({ kind: "error" });
  });
});
