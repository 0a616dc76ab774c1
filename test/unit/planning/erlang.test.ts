import { describe, expect, it } from "vitest";
import { erlangAFigures, erlangB, erlangC, erlangCFigures, linesFor } from "../../../src/planning/erlang.ts";

describe("Erlang B: lines that block", () => {
  // The published Erlang B table at 1 % blocking: lines → the most erlangs they carry.
  const table: [lines: number, erlangs: number][] = [
    [1, 0.0101],
    [5, 1.36],
    [10, 4.46],
    [20, 12.03],
    [50, 37.9],
    [100, 84.06],
  ];
  it.each(table)("%i lines carry %f erlangs at 1 percent blocking (the published table)", (lines, erlangs) => {
    expect(erlangB(lines, erlangs)).toBeGreaterThan(0.0099);
    expect(erlangB(lines, erlangs)).toBeLessThanOrEqual(0.0101);
    expect(linesFor(erlangs, 0.0101)).toBe(lines);
  });
  it("10 erlangs on 10 lines: 21.46 % blocked", () => {
    expect(erlangB(10, 10)).toBeCloseTo(0.2146, 4);
  });
  it("no traffic blocks nothing; no lines block everything", () => {
    expect(erlangB(3, 0)).toBe(0);
    expect(erlangB(0, 2)).toBe(1);
    expect(linesFor(0, 0.01)).toBe(0);
  });
  it("refuses a target that is not a share", () => {
    expect(() => linesFor(5, 0)).toThrow("blocking target 0 is not between 0 and 1");
  });
});

describe("Erlang C: operators, callers who wait", () => {
  it("one operator: a caller waits as often as the operator is busy (ρ)", () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });
  it("two operators half busy: a caller waits one time in three", () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });
  // The textbook case: 100 calls in half an hour, 180 s each = 10 erlangs; 80 % within 20 s.
  it.each([
    [11, 0.6821, 0.3896, 122.8],
    [12, 0.4494, 0.6402, 40.4],
    [13, 0.2853, 0.7956, 17.1],
    [14, 0.1741, 0.8884, 7.8],
  ])("10 erlangs, %i operators: P(wait) %f, service level %f, mean wait %f s", (agents, pw, sl, asa) => {
    const f = erlangCFigures(agents, 10, 180, 20);
    expect(f.waitProbability).toBeCloseTo(pw, 4);
    expect(f.serviceLevel).toBeCloseTo(sl, 4);
    expect(f.averageWaitSeconds).toBeCloseTo(asa, 1);
    expect(f.occupancy).toBeCloseTo(10 / agents, 12);
  });
  it("as many operators as erlangs or fewer: everyone waits, for ever", () => {
    const f = erlangCFigures(10, 10, 180, 20);
    expect(f.waitProbability).toBe(1);
    expect(f.serviceLevel).toBe(0);
    expect(f.averageWaitSeconds).toBe(Number.POSITIVE_INFINITY);
  });
});

/** A small seeded generator (mulberry32): the same callers every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** First come, first served with impatient callers, simulated caller by caller (exact for FCFS). */
function simulate(agents: number, callsPerSecond: number, hold: number, patience: number, target: number) {
  const next = random(42);
  const exp = (mean: number) => -Math.log(1 - next()) * mean;
  const free = new Array<number>(agents).fill(0);
  let t = 0;
  let waited = 0;
  let abandoned = 0;
  let inTime = 0;
  let waitTotal = 0;
  const calls = 200_000;
  for (let i = 0; i < calls; i++) {
    t += exp(1 / callsPerSecond);
    const patienceOf = exp(patience);
    let k = 0;
    for (let j = 1; j < agents; j++) if ((free[j] ?? 0) < (free[k] ?? 0)) k = j;
    const start = Math.max(t, free[k] ?? 0);
    const wait = start - t;
    if (wait > 0) waited++;
    if (wait > patienceOf) {
      abandoned++;
      waitTotal += patienceOf;
      continue;
    }
    waitTotal += wait;
    if (wait <= target) inTime++;
    free[k] = start + exp(hold);
  }
  return { wait: waited / calls, abandon: abandoned / calls, serviceLevel: inTime / calls, asa: waitTotal / calls };
}

describe("Erlang A: callers who give up", () => {
  it("with endless patience it is Erlang C", () => {
    const a = erlangAFigures(13, 10, 180, 20, 1e9);
    const c = erlangCFigures(13, 10, 180, 20);
    expect(a.waitProbability).toBeCloseTo(c.waitProbability, 4);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 4);
    expect(a.averageWaitSeconds).toBeCloseTo(c.averageWaitSeconds, 1);
    expect(a.abandonRate).toBeLessThan(1e-6);
  });
  it.each([
    [3, 3, 180, 60],
    [10, 9, 180, 120],
    [4, 5, 120, 45],
  ])(
    "%i operators, %f erlangs, %i s calls, %i s patience: as a simulation of 200,000 callers says",
    (agents, erlangs, hold, patience) => {
      const f = erlangAFigures(agents, erlangs, hold, 20, patience);
      const s = simulate(agents, erlangs / hold, hold, patience, 20);
      expect(Math.abs(f.waitProbability - s.wait)).toBeLessThan(0.015);
      expect(Math.abs(f.abandonRate - s.abandon)).toBeLessThan(0.01);
      expect(Math.abs(f.serviceLevel - s.serviceLevel)).toBeLessThan(0.015);
      expect(Math.abs(f.averageWaitSeconds - s.asa) / s.asa).toBeLessThan(0.05);
    },
  );
  it("fewer operators than erlangs still gives finite waits: callers leave instead", () => {
    const f = erlangAFigures(4, 5, 120, 20, 45);
    expect(f.averageWaitSeconds).toBeLessThan(45);
    expect(f.abandonRate).toBeGreaterThan(0.2);
    expect(f.occupancy).toBeLessThanOrEqual(1);
  });
});
