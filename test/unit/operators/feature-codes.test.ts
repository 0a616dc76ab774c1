import { describe, expect, it } from "vitest";
import { confirmationFor, parseFeatureCode, redactCode } from "../../../src/operators/feature-codes.ts";

describe("desk-phone feature codes", () => {
  it("reads log in, log out, pause with a reason and resume", () => {
    expect(parseFeatureCode("*1")).toEqual({ kind: "login" });
    expect(parseFeatureCode("*14711")).toEqual({ kind: "login", pin: "4711" });
    expect(parseFeatureCode("*2")).toEqual({ kind: "logout" });
    expect(parseFeatureCode("*3")).toEqual({ kind: "pause", reason: "other" });
    expect(parseFeatureCode("*31")).toEqual({ kind: "pause", reason: "lunch" });
    expect(parseFeatureCode("*32")).toEqual({ kind: "pause", reason: "break" });
    expect(parseFeatureCode("*33")).toEqual({ kind: "pause", reason: "training" });
    expect(parseFeatureCode("*39")).toEqual({ kind: "pause", reason: "other" });
    expect(parseFeatureCode("*4")).toEqual({ kind: "resume" });
  });

  it("reads a disposition (*5<d>) and monitoring (*6<m><operator code>, # optional)", () => {
    expect(parseFeatureCode("*51")).toEqual({ kind: "dispose", digit: "1" });
    expect(parseFeatureCode("*59")).toEqual({ kind: "dispose", digit: "9" });
    expect(parseFeatureCode("*61101#")).toEqual({ kind: "monitor", mode: "listen", operatorCode: "101" });
    expect(parseFeatureCode("*62101")).toEqual({ kind: "monitor", mode: "whisper", operatorCode: "101" });
    expect(parseFeatureCode("*637#")).toEqual({ kind: "monitor", mode: "barge", operatorCode: "7" });
  });

  it("refuses anything else, including missed-calls (the ACD's own pause)", () => {
    for (const code of [
      "*",
      "*5",
      "*51#",
      "*512",
      "*6",
      "*61",
      "*641#",
      "*6x1",
      "*9",
      "*34",
      "*311",
      "*21",
      "*40",
      "1",
      "**1",
      "*1#",
      "",
      "*3a",
    ]) {
      expect(parseFeatureCode(code), code).toBeUndefined();
    }
  });

  it("confirms what happened, a change that waits for the call's end, or the state already in", () => {
    const pause = { kind: "pause", reason: "lunch" } as const;
    expect(confirmationFor({ kind: "login" }, "done")).toBe("agent-logged-in");
    expect(confirmationFor({ kind: "logout" }, "done")).toBe("agent-logged-out");
    expect(confirmationFor(pause, "done")).toBe("agent-paused");
    expect(confirmationFor({ kind: "resume" }, "done")).toBe("agent-resumed");
    expect(confirmationFor({ kind: "logout" }, "pending")).toBe("agent-after-call");
    expect(confirmationFor(pause, "pending")).toBe("agent-after-call");
    expect(confirmationFor({ kind: "login" }, "ignored", { state: "available" })).toBe("agent-logged-in");
    expect(confirmationFor({ kind: "logout" }, "ignored", { state: "logged-out" })).toBe("agent-logged-out");
    expect(confirmationFor(pause, "ignored", { state: "logged-out" })).toBe("agent-logged-out");
    expect(confirmationFor(pause, "ignored", { state: "paused" })).toBe("agent-paused");
    expect(confirmationFor({ kind: "resume" }, "ignored", { state: "available" })).toBe("agent-resumed");
    expect(confirmationFor(pause, "ignored", { state: "on-call", pending: { kind: "pause", reason: "lunch" } })).toBe(
      "agent-after-call",
    );
    // No status to go by: the action's own confirmation.
    expect(confirmationFor({ kind: "login" }, "ignored")).toBe("agent-logged-in");
  });

  it("never logs a PIN dialled inline", () => {
    expect(redactCode("*14711")).toBe("*1••••");
    expect(redactCode("*1")).toBe("*1");
    expect(redactCode("*32")).toBe("*32");
  });
});
