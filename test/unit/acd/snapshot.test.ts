import { describe, expect, it } from "vitest";
import { AcdEngine } from "../../../src/acd/engine.ts";
import { SNAPSHOT_VERSION } from "../../../src/acd/snapshot.ts";
import { AcdError } from "../../../src/acd/types.ts";
import { acdConfig, at, caller, engineWith, handle, offers, op } from "./helpers.ts";

const team = [op("ana"), op("ben"), op("cam"), op("dan"), op("eve"), op("fay")];

/** Every state at once: available, on a call with a pending pause, wrap-up, paused, ringing, logged out. */
function busyDay(): AcdEngine {
  const engine = engineWith(team, { wrapUp: 60, strategy: "round-robin" });
  handle(engine, "ana", 0, 10);
  engine.tick(at(100));
  const talk = caller({ callId: "talk" });
  engine.addCaller(talk);
  engine.ringStarted("ben", "talk", at(100));
  engine.ringEnded("ben", "talk", "answered", at(101));
  engine.pause("ben", "lunch", at(102));
  handle(engine, "cam", 90, 110); // wrap-up until 170
  engine.pause("dan", "training", at(105));
  const ring = caller({ callId: "ring" });
  engine.addCaller(ring);
  engine.ringStarted("eve", "ring", at(110));
  engine.logout("fay", at(111));
  engine.deviceBusy("ana", true);
  return engine;
}

describe("snapshot and restore", () => {
  it("is plain JSON and survives a round trip through a new engine", () => {
    const before = busyDay();
    const snapshot = JSON.parse(JSON.stringify(before.snapshot()));
    expect(snapshot.version).toBe(SNAPSHOT_VERSION);
    expect(snapshot.operators.ben).toMatchObject({
      state: "on-call",
      call: { callId: "talk", hotline: "main" },
      pending: { kind: "pause", reason: "lunch" },
    });
    const after = new AcdEngine(acdConfig(team, { wrapUp: 60, strategy: "round-robin" }), at(0));
    after.restore(snapshot, at(120));
    const state = (e: AcdEngine) => e.statuses(at(120)).filter((s) => s.operator !== "eve");
    expect(state(after)).toEqual(state(before));
    expect(after.status("ana", at(120))).toMatchObject({ deviceBusy: true, callsToday: 1 });
  });

  it("a ring in progress died with the app: the operator is available again", () => {
    const after = new AcdEngine(acdConfig(team, { wrapUp: 60 }), at(0));
    after.restore(busyDay().snapshot(), at(120));
    expect(after.status("eve")).toMatchObject({ state: "available", since: at(120), missedInRow: 0 });
    expect(after.takeChanges()).toEqual([{ operator: "eve", from: "ringing", to: "available", at: at(120) }]);
  });

  it("a wrap-up that ended while the app was down ends at its own time; the call and pause carry on", () => {
    const after = new AcdEngine(acdConfig(team, { wrapUp: 60 }), at(0));
    after.restore(busyDay().snapshot(), at(500));
    expect(after.status("cam")).toMatchObject({ state: "available", since: at(170) });
    expect(after.callEnded("ben", "talk", at(510))).toBe("done");
    expect(after.status("ben")).toMatchObject({ state: "paused", reason: "lunch" });
    expect(after.status("dan")).toMatchObject({ state: "paused", reason: "training", since: at(105) });
  });

  it("the round-robin pointer carries over; callers do not (the adapter re-adds them)", () => {
    const before = engineWith([op("ana"), op("ben"), op("cam")], { strategy: "round-robin", wrapUp: 0 });
    handle(before, "ben", 0, 1);
    before.addCaller(caller({ callId: "left-behind" }));
    const after = new AcdEngine(acdConfig([op("ana"), op("ben"), op("cam")], { strategy: "round-robin" }), at(0));
    after.restore(before.snapshot(), at(10));
    expect(after.waiting()).toEqual([]);
    const c = caller({ arrivedAt: at(10) });
    after.addCaller(c);
    expect(offers(after, at(10))).toEqual({ [c.callId]: ["cam"] });
  });

  it("operators added to the configuration start logged out; removed ones are dropped", () => {
    const before = engineWith([op("ana"), op("old")]);
    const after = new AcdEngine(acdConfig([op("ana"), op("new")]), at(0));
    after.restore(before.snapshot(), at(5));
    expect(after.statuses().map((s) => [s.operator, s.state])).toEqual([
      ["ana", "available"],
      ["new", "logged-out"],
    ]);
  });

  it("refuses a snapshot it cannot read", () => {
    const engine = engineWith([op("ana")]);
    const good = engine.snapshot();
    expect(() => engine.restore({ ...good, version: 2 } as never, at(0))).toThrow(AcdError);
    const badState = { ...good, operators: { ana: { ...good.operators.ana, state: "dancing" } } };
    expect(() => engine.restore(badState as never, at(0))).toThrow(/unknown state "dancing"/);
    const badTime = { ...good, operators: { ana: { ...good.operators.ana, since: "soon" } } };
    expect(() => engine.restore(badTime as never, at(0))).toThrow(/"soon" is not a time/);
  });

  it("reconfigure keeps the states of operators still configured", () => {
    const engine = engineWith([op("ana"), op("ben")]);
    engine.pause("ana", "lunch", at(1));
    engine.reconfigure(acdConfig([op("ana"), op("cam")]), at(2));
    expect(engine.statuses().map((s) => [s.operator, s.state])).toEqual([
      ["ana", "paused"],
      ["cam", "logged-out"],
    ]);
    expect(() => engine.status("ben")).toThrow(AcdError);
  });
});
