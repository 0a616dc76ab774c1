import { describe, expect, it } from "vitest";
import { DEFAULT_HANDLED_SECONDS, estimateWaitMinutes, HandledTimes } from "../../../src/calls/queue/wait-estimate.ts";

describe("the estimated wait announced to a waiting caller", () => {
  it("is the position times the average handled time, in minutes rounded up", () => {
    expect(estimateWaitMinutes(1, 180)).toBe(3);
    expect(estimateWaitMinutes(2, 100)).toBe(4); // 200 s → 3.3 → 4
    expect(estimateWaitMinutes(3, 60)).toBe(3);
  });

  it("is never less than one minute", () => {
    expect(estimateWaitMinutes(1, 5)).toBe(1);
    expect(estimateWaitMinutes(1, 0)).toBe(1);
    expect(estimateWaitMinutes(0, 180)).toBe(3); // a position is at least 1
  });

  it("assumes three minutes a call until a call of the hotline has ended", () => {
    expect(DEFAULT_HANDLED_SECONDS).toBe(180);
    expect(estimateWaitMinutes(2)).toBe(6);
  });
});

describe("handled times per hotline", () => {
  it("average the calls handled so far, each hotline on its own", () => {
    const handled = new HandledTimes();
    expect(handled.average("main")).toBe(DEFAULT_HANDLED_SECONDS);
    handled.add("main", 60);
    handled.add("main", 120);
    handled.add("grants", 600);
    expect(handled.average("main")).toBe(90);
    expect(handled.average("grants")).toBe(600);
    expect(handled.average("other")).toBe(DEFAULT_HANDLED_SECONDS);
  });
});
