import { describe, expect, it } from "vitest";
import { attemptResult, ringResult, unansweredRing } from "../../../src/calls/queue/ring-result.ts";

describe("a desk phone's ring, as the records tell it", () => {
  it("reads the Q.850 cause the operator's leg ended with", () => {
    expect(attemptResult(17)).toBe("busy"); // 486 Busy Here: the reject key
    expect(attemptResult(21)).toBe("rejected"); // 603 Decline
    expect(attemptResult(19)).toBe("no-answer");
    expect(attemptResult(18)).toBe("no-answer");
    expect(attemptResult(16)).toBe("no-answer"); // normal clearing before anyone picked up
    expect(attemptResult(undefined)).toBe("no-answer"); // Asterisk never said
  });

  it("calls anything else the network says a failure", () => {
    expect(attemptResult(20)).toBe("failed"); // subscriber absent
    expect(attemptResult(34)).toBe("failed"); // no circuit
    expect(attemptResult(38)).toBe("failed"); // network out of order
  });
});

describe("a desk phone's ring, as the engine counts it", () => {
  it("counts the reject key (busy or declined) and no answer as the operator's miss", () => {
    expect(ringResult("busy")).toBe("rejected");
    expect(ringResult("rejected")).toBe("rejected");
    expect(ringResult("no-answer")).toBe("no-answer");
  });

  it("does not blame the operator for a failure of the phone or the network", () => {
    expect(ringResult("failed")).toBe("busy");
  });
});

describe("an unanswered ring", () => {
  it("while the caller still waits: the phone's cause decides both", () => {
    expect(unansweredRing(19, "waiting")).toEqual({ recorded: "no-answer", result: "no-answer" });
    expect(unansweredRing(17, "waiting")).toEqual({ recorded: "busy", result: "rejected" });
    expect(unansweredRing(38, "waiting")).toEqual({ recorded: "failed", result: "busy" });
  });

  it("after the caller hung up or left the queue: cancelled, recorded as the caller gone", () => {
    expect(unansweredRing(16, "left")).toEqual({ recorded: "caller-gone", result: "cancelled" });
  });

  it("when another operator of a ring-all took the caller: cancelled, recorded as other-answered", () => {
    expect(unansweredRing(16, "connecting")).toEqual({ recorded: "other-answered", result: "cancelled" });
    expect(unansweredRing(16, "connected")).toEqual({ recorded: "other-answered", result: "cancelled" });
  });
});
