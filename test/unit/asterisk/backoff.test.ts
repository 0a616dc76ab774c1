import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../src/asterisk/ari/backoff.ts";

describe("reconnect backoff", () => {
  it("grows exponentially and is capped", () => {
    const top = () => 1; // the largest delay jitter can pick
    expect(backoffDelay(0, 250, 10_000, top)).toBe(250);
    expect(backoffDelay(1, 250, 10_000, top)).toBe(500);
    expect(backoffDelay(3, 250, 10_000, top)).toBe(2000);
    expect(backoffDelay(10, 250, 10_000, top)).toBe(10_000);
    expect(backoffDelay(1000, 250, 10_000, top)).toBe(10_000);
  });

  it("is jittered and never below half the minimum", () => {
    expect(backoffDelay(5, 250, 10_000, () => 0)).toBe(125);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(5, 250, 10_000)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(125);
  });
});
