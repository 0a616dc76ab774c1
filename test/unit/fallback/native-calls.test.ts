import { describe, expect, it } from "vitest";
import { groupNotes, NATIVE_STALE_MS, nativeCallRecord } from "../../../src/fallback/native-calls.ts";

const t0 = 1_796_289_000;
const at = (s: number) => new Date((t0 + s) * 1000);
const options = { operatorOf: (e: string) => (e === "op-ana" ? "ana" : undefined), now: at(600) };

describe("calls Asterisk took natively, read back from its notes", () => {
  it("groups AstDB's keys by call, with or without the leading slash; other keys are left out", () => {
    const notes = groupNotes(
      [
        { key: "/hotline-fallback/1796289000.7/start", value: "a" },
        { key: "hotline-fallback/1796289000.7/end", value: "b" },
        { key: "/hotline-fallback/stray", value: "c" },
      ],
      "hotline-fallback",
    );
    expect([...notes]).toEqual([["1796289000.7", { start: "a", end: "b" }]]);
  });

  it("answered by an operator: who, when, how long the caller waited; billed from the dialplan's answer", () => {
    const record = nativeCallRecord(
      "c1",
      {
        start: `${t0}|+34910000001|test-trunk|612000301`,
        route: `${t0 + 1}|open|main|es`,
        queued: `${t0 + 6}`,
        answer: `${t0 + 16}|op-ana`,
        end: `${t0 + 76}||16`,
      },
      options,
    );
    expect(record).toEqual({
      start: {
        id: "c1",
        startedAt: at(0),
        source: "native",
        did: "+34910000001",
        trunk: "test-trunk",
        callerNumber: "612000301",
        hotline: "main",
        language: "es",
      },
      fields: {
        schedule_rule: "native fallback (open)",
        queue_entered_at: at(6),
        queue_left_at: at(16),
        wait_seconds: 10,
        answered_by: "ana",
        operator_answered_at: at(16),
      },
      answeredAt: at(1),
      endedAt: at(76),
      outcome: { kind: "answered", operator: "ana" },
      hangupCause: 16,
    });
  });

  it("each way a native call can end has its outcome", () => {
    const base = { start: `${t0}|+34910000001|test-trunk|6`, route: `${t0}|open|main|en`, queued: `${t0 + 5}` };
    const outcome = (notes: Record<string, string>) => nativeCallRecord("c", notes, options)?.outcome;
    expect(outcome({ ...base, end: `${t0 + 25}|TIMEOUT|16` })).toEqual({
      kind: "no-answer",
      reason: "timeout",
      why: "no-overflow",
    });
    expect(outcome({ ...base, end: `${t0 + 5}|JOINEMPTY|16` })).toMatchObject({ reason: "no-operators" });
    expect(outcome({ ...base, end: `${t0 + 5}|FULL|16` })).toMatchObject({ reason: "full" });
    expect(outcome({ ...base, end: `${t0 + 9}||16` })).toEqual({ kind: "abandoned", hotline: "main" });
    const { queued: _, ...notQueued } = base;
    expect(outcome({ ...notQueued, end: `${t0 + 2}||16` })).toEqual({ kind: "caller-hangup" });
    expect(outcome({ ...base, route: `${t0}|closed|main|en`, end: `${t0 + 4}||16` })).toEqual({
      kind: "closed",
      context: "closed",
    });
    expect(outcome({ start: base.start, route: `${t0}|down`, end: `${t0 + 2}||34` })).toMatchObject({
      kind: "no-answer",
      reason: "no-operators",
    });
  });

  it("a call still going on waits; one that never wrote its end is closed as lost once it is stale", () => {
    const notes = { start: `${t0}|+34910000001|test-trunk|6`, route: `${t0}|open|main|en` };
    expect(nativeCallRecord("c", notes, options)).toBeUndefined();
    const later = { ...options, now: new Date(at(0).getTime() + NATIVE_STALE_MS + 1000) };
    expect(nativeCallRecord("c", notes, later)).toMatchObject({ outcome: { kind: "lost" }, endedAt: at(0) });
    expect(nativeCallRecord("c", { end: `${t0}||16` }, options)).toBeUndefined();
  });
});
