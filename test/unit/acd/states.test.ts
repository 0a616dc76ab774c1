import { describe, expect, it } from "vitest";
import { AcdEngine } from "../../../src/acd/engine.ts";
import { AcdError } from "../../../src/acd/types.ts";
import { acdConfig, at, caller, engineWith, op, T0 } from "./helpers.ts";

const ring = (engine: AcdEngine, operator: string, seconds: number) => {
  const c = caller({ arrivedAt: at(seconds) });
  engine.addCaller(c);
  engine.ringStarted(operator, c.callId, at(seconds));
  return c.callId;
};

const answer = (engine: AcdEngine, operator: string, seconds: number) => {
  const callId = ring(engine, operator, seconds);
  engine.ringEnded(operator, callId, "answered", at(seconds));
  return callId;
};

describe("operator states", () => {
  it("every configured operator starts logged out", () => {
    const engine = new AcdEngine(acdConfig([op("ana"), op("ben")]), T0);
    expect(engine.statuses().map((s) => [s.operator, s.state])).toEqual([
      ["ana", "logged-out"],
      ["ben", "logged-out"],
    ]);
  });

  it("login makes an operator available and idle since then; a second login is ignored", () => {
    const engine = new AcdEngine(acdConfig([op("ana")]), T0);
    expect(engine.login("ana", at(5))).toBe("done");
    expect(engine.status("ana")).toMatchObject({ state: "available", since: at(5), idleSince: at(5) });
    expect(engine.login("ana", at(9))).toBe("ignored");
    expect(engine.takeChanges()).toEqual([{ operator: "ana", from: "logged-out", to: "available", at: at(5) }]);
  });

  it("logout of an available operator is immediate", () => {
    const engine = engineWith([op("ana")]);
    expect(engine.logout("ana", at(10))).toBe("done");
    expect(engine.status("ana")).toMatchObject({ state: "logged-out", since: at(10) });
    expect(engine.logout("ana", at(11))).toBe("ignored");
  });

  it("a full call: ringing → on-call → wrap-up for wrapUp seconds → available", () => {
    const engine = engineWith([op("ana")], { wrapUp: 15 });
    const callId = ring(engine, "ana", 10);
    expect(engine.status("ana")).toMatchObject({ state: "ringing", call: { callId, hotline: "main" } });
    engine.ringEnded("ana", callId, "answered", at(12));
    expect(engine.status("ana").state).toBe("on-call");
    engine.callEnded("ana", callId, at(100));
    expect(engine.status("ana")).toMatchObject({ state: "wrap-up", since: at(100) });
    engine.tick(at(114));
    expect(engine.status("ana").state).toBe("wrap-up");
    engine.tick(at(200));
    // Available from the end of the wrap-up, not from the late tick.
    expect(engine.status("ana")).toMatchObject({ state: "available", since: at(115), idleSince: at(115) });
    expect(engine.takeChanges().map((c) => c.to)).toEqual(["ringing", "on-call", "wrap-up", "available"]);
  });

  it("without wrap-up the operator is available as soon as the call ends", () => {
    const engine = engineWith([op("ana")], { wrapUp: 0 });
    const callId = answer(engine, "ana", 10);
    engine.callEnded("ana", callId, at(60));
    expect(engine.status("ana")).toMatchObject({ state: "available", idleSince: at(60) });
  });

  it("nextAssignments advances time: a finished wrap-up makes the operator offerable", () => {
    const engine = engineWith([op("ana")], { wrapUp: 10 });
    const callId = answer(engine, "ana", 0);
    engine.callEnded("ana", callId, at(30));
    engine.addCaller(caller({ callId: "next", arrivedAt: at(31) }));
    expect(engine.nextAssignments(at(35))).toEqual([]);
    expect(engine.nextAssignments(at(40)).map((a) => a.operators)).toEqual([["ana"]]);
  });

  it("a pause requested during a call starts when the call ends, without wrap-up", () => {
    const engine = engineWith([op("ana")], { wrapUp: 30 });
    const callId = answer(engine, "ana", 0);
    expect(engine.pause("ana", "lunch", at(20))).toBe("pending");
    expect(engine.status("ana")).toMatchObject({ state: "on-call", pending: { kind: "pause", reason: "lunch" } });
    engine.callEnded("ana", callId, at(90));
    expect(engine.status("ana")).toMatchObject({ state: "paused", reason: "lunch", since: at(90) });
    expect(engine.status("ana").pending).toBeUndefined();
  });

  it("a pause requested while ringing starts when the ring ends unanswered", () => {
    const engine = engineWith([op("ana")]);
    const callId = ring(engine, "ana", 0);
    expect(engine.pause("ana", "break", at(2))).toBe("pending");
    engine.ringEnded("ana", callId, "no-answer", at(20));
    expect(engine.status("ana")).toMatchObject({ state: "paused", reason: "break" });
  });

  it("a pause during wrap-up starts at once; resume makes the operator available", () => {
    const engine = engineWith([op("ana")], { wrapUp: 60 });
    const callId = answer(engine, "ana", 0);
    engine.callEnded("ana", callId, at(10));
    expect(engine.pause("ana", "training", at(20))).toBe("done");
    expect(engine.status("ana")).toMatchObject({ state: "paused", reason: "training", since: at(20) });
    engine.tick(at(500)); // the wrap-up's end does not end the pause
    expect(engine.status("ana").state).toBe("paused");
    expect(engine.resume("ana", at(600))).toBe("done");
    expect(engine.status("ana")).toMatchObject({ state: "available", since: at(600) });
  });

  it("resume during a call cancels the pending pause", () => {
    const engine = engineWith([op("ana")], { wrapUp: 0 });
    const callId = answer(engine, "ana", 0);
    engine.pause("ana", "lunch", at(5));
    expect(engine.resume("ana", at(6))).toBe("done");
    engine.callEnded("ana", callId, at(60));
    expect(engine.status("ana").state).toBe("available");
  });

  it("pausing again with another reason changes the reason; the same reason is ignored", () => {
    const engine = engineWith([op("ana")]);
    engine.pause("ana", "break", at(1));
    expect(engine.pause("ana", "break", at(2))).toBe("ignored");
    expect(engine.pause("ana", "lunch", at(3))).toBe("done");
    expect(engine.status("ana")).toMatchObject({ reason: "lunch", since: at(3) });
  });

  it("pause, resume and logout of a logged-out operator are ignored", () => {
    const engine = new AcdEngine(acdConfig([op("ana")]), T0);
    expect(engine.pause("ana", "lunch", at(1))).toBe("ignored");
    expect(engine.resume("ana", at(1))).toBe("ignored");
    expect(engine.status("ana").state).toBe("logged-out");
  });

  it("logout during a call takes effect after it; logging in again cancels it", () => {
    const engine = engineWith([op("ana"), op("ben")], { wrapUp: 10 });
    const a = answer(engine, "ana", 0);
    expect(engine.logout("ana", at(5))).toBe("pending");
    engine.callEnded("ana", a, at(50));
    expect(engine.status("ana")).toMatchObject({ state: "logged-out", since: at(50) });

    const b = answer(engine, "ben", 0);
    engine.logout("ben", at(5));
    expect(engine.login("ben", at(6))).toBe("done");
    engine.callEnded("ben", b, at(50));
    expect(engine.status("ben").state).toBe("wrap-up");
  });

  it("late or mismatched events are ignored, mistakes of the driver throw", () => {
    const engine = engineWith([op("ana")]);
    expect(engine.ringEnded("ana", "nope", "answered", at(1))).toBe("ignored");
    expect(engine.callEnded("ana", "nope", at(1))).toBe("ignored");
    expect(() => engine.login("zoe", at(1))).toThrow(AcdError);
    expect(() => engine.ringStarted("ana", "unknown-call", at(1))).toThrow(/not waiting/);
    engine.pause("ana", "other", at(1));
    const c = caller();
    engine.addCaller(c);
    expect(() => engine.ringStarted("ana", c.callId, at(2))).toThrow(/paused, not available/);
    expect(() => engine.addCaller(c)).toThrow(/already waiting/);
  });

  it("an answered call leaves the queue; removeCaller drops a caller who hung up", () => {
    const engine = engineWith([op("ana")]);
    const c1 = caller();
    const c2 = caller();
    engine.addCaller(c1);
    engine.addCaller(c2);
    engine.ringStarted("ana", c1.callId, at(1));
    engine.ringEnded("ana", c1.callId, "answered", at(2));
    expect(engine.waiting().map((c) => c.callId)).toEqual([c2.callId]);
    expect(engine.removeCaller(c2.callId)).toBe("done");
    expect(engine.removeCaller(c2.callId)).toBe("ignored");
    expect(engine.waiting()).toEqual([]);
  });

  it("a caller being rung is not offered to anyone else", () => {
    const engine = engineWith([op("ana"), op("ben")]);
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(1));
    expect(engine.nextAssignments(at(2))).toEqual([]);
  });

  it("takeChanges reports each change once, pause reasons included", () => {
    const engine = engineWith([op("ana")]);
    engine.pause("ana", "lunch", at(1));
    expect(engine.takeChanges()).toEqual([
      { operator: "ana", from: "available", to: "paused", at: at(1), reason: "lunch" },
    ]);
    expect(engine.takeChanges()).toEqual([]);
  });
});
