import { describe, expect, it } from "vitest";
import { at, caller, engineWith, op, T0 } from "./helpers.ts";

// The adapter sets one timer at wakeAt() instead of polling: it must name every instant at which
// time alone changes what the engine says, and nothing when nothing is due.
describe("when the engine next needs to be asked (wakeAt)", () => {
  it("nothing is due with nobody waiting and nobody in wrap-up", () => {
    const engine = engineWith([op("ana")]);
    expect(engine.wakeAt(T0)).toBeUndefined();
  });

  it("a wrap-up's end is due", () => {
    const engine = engineWith([op("ana")], { wrapUp: 15 });
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(0));
    engine.ringEnded("ana", c.callId, "answered", at(2));
    engine.callEnded("ana", c.callId, at(60));
    expect(engine.wakeAt(at(61))).toEqual(at(75));
    engine.tick(at(75));
    expect(engine.wakeAt(at(75))).toBeUndefined();
  });

  it("a miss stops keeping the caller from the operator after retryAfter", () => {
    const engine = engineWith([op("ana")], { retryAfter: 30, widenAfter: 0 });
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(0));
    engine.ringEnded("ana", c.callId, "no-answer", at(20));
    expect(engine.wakeAt(at(21))).toEqual(at(50));
  });

  it("a waiting caller's wait opens the next competence level every widenAfter seconds", () => {
    const engine = engineWith([op("ana", ["en"], { fees: 5 }), op("ben", ["en"], { fees: 2 })], { widenAfter: 30 });
    engine.addCaller(caller({ topic: "fees" }));
    expect(engine.wakeAt(at(10))).toEqual(at(30));
    expect(engine.wakeAt(at(30))).toEqual(at(60));
  });

  it("widening stops being due once every level is open", () => {
    const engine = engineWith([op("ana")], { widenAfter: 10 });
    engine.addCaller(caller());
    expect(engine.wakeAt(at(10_000))).toBeUndefined();
  });
});
