import { describe, expect, it } from "vitest";
import { callCost, roundHalfUp } from "../../../src/records/cost.ts";

const answeredAt = new Date("2026-11-20T09:00:00.000Z");
const talked = (ms: number) => ({ answeredAt, endedAt: new Date(answeredAt.getTime() + ms) });
const tariff = (billingIncrement: number, costPerMinute = 0.6) => ({
  costPerMinute,
  currency: "EUR",
  billingIncrement,
});

describe("callCost: answer → end, per started increment", () => {
  it.each([
    // [talked ms, increment, billed s, cost at 0.60/min]
    [0, 60, 0, 0],
    [59_000, 60, 60, 0.6],
    [60_000, 60, 60, 0.6],
    [61_000, 60, 120, 1.2],
    [60_001, 60, 120, 1.2],
    [0, 1, 0, 0],
    [59_000, 1, 59, 0.59],
    [60_000, 1, 60, 0.6],
    [61_000, 1, 61, 0.61],
    [59_400, 1, 60, 0.6], // a started second is a second
    [59_000, 6, 60, 0.6],
    [60_000, 6, 60, 0.6],
    [61_000, 6, 66, 0.66],
    [1_000, 6, 6, 0.06],
  ])("%i ms at increment %i s → %i s billed, %f EUR", (ms, increment, billed, cost) => {
    expect(callCost(talked(ms), tariff(increment))).toEqual({ billedSeconds: billed, cost, currency: "EUR" });
  });

  it("an unanswered call costs nothing", () => {
    expect(callCost({ answeredAt: null, endedAt: new Date() }, tariff(60))).toEqual({
      billedSeconds: 0,
      cost: 0,
      currency: "EUR",
    });
  });

  it("rounds to cents, half up", () => {
    // 0.012/min: one minute is 0.012 → 0.01; 90 s at per-second billing is 0.018 → 0.02.
    expect(callCost(talked(60_000), tariff(60, 0.012)).cost).toBe(0.01);
    expect(callCost(talked(90_000), tariff(1, 0.012)).cost).toBe(0.02);
    // 25 min at 0.0502 = 1.255 exactly in decimal, 1.25499… in binary: still 1.26.
    expect(callCost(talked(25 * 60_000), tariff(60, 0.0502)).cost).toBe(1.26);
    expect(callCost(talked(60_000), tariff(60, 0.012), { decimals: 4 }).cost).toBe(0.012);
  });

  it("roundHalfUp handles the binary cases", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(1.255, 2)).toBe(1.26);
    expect(roundHalfUp(0.004999, 2)).toBe(0);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
    expect(roundHalfUp(12345.675, 2)).toBe(12345.68);
  });

  it("an end before the answer (clock skew) bills nothing", () => {
    expect(callCost(talked(-5_000), tariff(60)).billedSeconds).toBe(0);
  });
});
