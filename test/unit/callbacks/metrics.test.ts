import { describe, expect, it } from "vitest";
import { type CallbackRequestRecord, callbackWeek } from "../../../src/analysis/metrics/callbacks.ts";
import type { CallRecord } from "../../../src/analysis/types.ts";

const T = Date.parse("2027-03-01T09:00:00Z");
const s = (seconds: number) => T + seconds * 1000;

function request(id: string, r: Partial<CallbackRequestRecord>): CallbackRequestRecord {
  return {
    id,
    hotline: "admissions",
    requestedAt: s(0),
    placeAt: s(0),
    status: "pending",
    attempts: 0,
    reachedAt: null,
    givenUpAt: null,
    ...r,
  };
}

function answered(wait: number): CallRecord {
  return { outcome: { kind: "answered", operator: "ana" }, waitSeconds: wait } as CallRecord;
}

describe("callbacks in the weekly report", () => {
  const requests = [
    // Queued at 0, asked at 60, reached at 240: 180 s to callback, 240 s from arrival.
    request("a", { placeAt: s(0), requestedAt: s(60), status: "reached", attempts: 1, reachedAt: s(240) }),
    // Asked at 0 (closed), reached at 420 on the second attempt.
    request("b", { requestedAt: s(0), placeAt: s(0), status: "reached", attempts: 2, reachedAt: s(420) }),
    request("c", { status: "given-up", attempts: 3, givenUpAt: s(900) }),
    request("d", { status: "failed", attempts: 1 }),
    request("e", {}),
  ];

  it("counts requested, made, reached, failed and pending", () => {
    const week = callbackWeek(requests, []);
    expect(week).toMatchObject({ requested: 5, made: 4, reached: 2, failed: 1, pending: 2 });
  });

  it("time to callback (request → reached) and to being served (arrival → reached)", () => {
    const week = callbackWeek(requests, []);
    expect(week.timeToCallback).toEqual({ mean: 300, median: 300 });
    expect(week.timeToServed).toEqual({ mean: 330, median: 330 });
    expect(week.answeredWait).toBeNull();
    expect(week.beatWaiting).toBeNull();
  });

  it("beat the waiting time when callers were served no later than live callers were answered", () => {
    const calls = [answered(300), answered(400), { outcome: { kind: "abandoned", hotline: "x" }, waitSeconds: 900 }];
    const slow = callbackWeek(requests, calls as CallRecord[]);
    expect(slow.answeredWait).toBe(350);
    expect(slow.beatWaiting).toBe(true);
    expect(callbackWeek(requests, [answered(100)]).beatWaiting).toBe(false);
  });

  it("an empty week says nothing rather than zero", () => {
    expect(callbackWeek([], [])).toMatchObject({
      requested: 0,
      reached: 0,
      timeToCallback: { mean: null, median: null },
    });
  });
});
