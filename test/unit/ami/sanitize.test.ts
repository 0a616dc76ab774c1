import { describe, expect, it } from "vitest";
import { sanitizeAction, stripCrLf } from "../../../src/asterisk/ami/sanitize.ts";

describe("stripCrLf", () => {
  it("removes every CR and LF, lone or paired, and nothing else", () => {
    expect(stripCrLf("a\r\nb\rc\nd\r\n\r\ne")).toBe("abcde");
    expect(stripCrLf("  tabs\tand: colons ")).toBe("  tabs\tand: colons ");
    expect(stripCrLf("")).toBe("");
  });
});

describe("sanitizeAction (AMI injection)", () => {
  it("strips CR/LF from values, so a value cannot end its header or smuggle a second action", () => {
    const out = sanitizeAction({
      Action: "Setvar",
      Variable: "X",
      Value: "harmless\r\n\r\nAction: Originate\r\nChannel: PJSIP/999@test-trunk\r\n\r\n",
    });
    expect(out).toEqual({
      Action: "Setvar",
      Variable: "X",
      Value: "harmlessAction: OriginateChannel: PJSIP/999@test-trunk",
    });
    for (const value of Object.values(out)) expect(value).not.toMatch(/[\r\n]/);
  });

  it("strips CR/LF from keys too", () => {
    const out = sanitizeAction({ Action: "Getvar", "Variable\r\n\r\nAction: Originate\r\nX": "Y" });
    expect(Object.keys(out)).toEqual(["Action", "VariableAction: OriginateX"]);
    for (const key of Object.keys(out)) expect(key).not.toMatch(/[\r\n]/);
  });

  it("strips CR/LF from the Action name itself", () => {
    expect(sanitizeAction({ Action: "Ping\r\n\r\nAction: Originate" }).Action).toBe("PingAction: Originate");
  });

  it("stringifies numbers and drops undefined headers", () => {
    expect(sanitizeAction({ Action: "Originate", Timeout: 30000, Priority: 1, Account: undefined })).toEqual({
      Action: "Originate",
      Timeout: "30000",
      Priority: "1",
    });
  });

  it("rejects a header name that is empty once stripped, and an empty Action", () => {
    expect(() => sanitizeAction({ Action: "Ping", "\r\n": "x" })).toThrow(/empty header name/);
    expect(() => sanitizeAction({ Action: "\r\n" })).toThrow(/without an Action/);
  });

  it("does not modify the caller's object", () => {
    const action = { Action: "Ping", Note: "a\r\nb" };
    sanitizeAction(action);
    expect(action.Note).toBe("a\r\nb");
  });
});
