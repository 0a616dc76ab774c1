import { describe, expect, it } from "vitest";
import { levelFloor, tiers } from "../../../src/acd/tiers.ts";
import { at, caller, engineWith, offers, op } from "./helpers.ts";

describe("who qualifies", () => {
  it("a Spanish caller reaches only Spanish-speaking operators", () => {
    const engine = engineWith([op("ana", ["en"]), op("ben", ["es"]), op("cam", ["en", "es"])]);
    const es = caller({ language: "es" });
    engine.addCaller(es);
    expect(offers(engine, at(0))[es.callId]).toEqual(["ben"]);
    engine.pause("ben", "break", at(1));
    expect(offers(engine, at(1))[es.callId]).toEqual(["cam"]);
    engine.pause("cam", "break", at(2));
    expect(offers(engine, at(2))).toEqual({});
  });

  it("a topic's competence is required; a topic without one, or no topic, takes anyone", () => {
    const engine = engineWith([op("ana", ["en"], { fees: 3 }), op("ben", ["en"], { grants: 2 })], {
      strategy: "linear",
    });
    const grants = caller({ topic: "grants" });
    const general = caller({ topic: "general", arrivedAt: at(1) });
    engine.addCaller(grants);
    engine.addCaller(general);
    expect(engine.nextAssignments(at(2))).toEqual([
      { callId: grants.callId, hotline: "main", operators: ["ben"], level: 2 },
      { callId: general.callId, hotline: "main", operators: ["ana"], level: null },
    ]);
    const untopical = caller({ arrivedAt: at(3) });
    const unknownTopic = caller({ topic: "no-such-topic", arrivedAt: at(4) });
    engine.removeCaller(grants.callId);
    engine.removeCaller(general.callId);
    engine.addCaller(untopical);
    engine.addCaller(unknownTopic);
    expect(offers(engine, at(5))).toEqual({ [untopical.callId]: ["ana"], [unknownTopic.callId]: ["ben"] });
  });

  it("logged-out, paused, ringing, on-call, wrap-up and device-busy operators are skipped", () => {
    const names = ["out", "paused", "ringing", "talking", "wrapping", "phone-busy", "free"];
    const engine = engineWith(
      names.map((n) => op(n)),
      { strategy: "linear", wrapUp: 60 },
    );
    engine.logout("out", at(0));
    engine.pause("paused", "other", at(0));
    const r = caller({ priority: 9 });
    engine.addCaller(r);
    engine.ringStarted("ringing", r.callId, at(0));
    for (const who of ["talking", "wrapping"]) {
      const c = caller({ priority: 9 });
      engine.addCaller(c);
      engine.ringStarted(who, c.callId, at(0));
      engine.ringEnded(who, c.callId, "answered", at(0));
      if (who === "wrapping") engine.callEnded(who, c.callId, at(1));
    }
    engine.deviceBusy("phone-busy", true);
    const c = caller();
    engine.addCaller(c);
    expect(offers(engine, at(2))).toEqual({ [c.callId]: ["free"] });
    engine.pause("free", "lunch", at(3));
    expect(offers(engine, at(3))).toEqual({});
    expect(engine.deviceBusy("phone-busy", false)).toBe("done");
    expect(engine.deviceBusy("phone-busy", false)).toBe("ignored");
    expect(offers(engine, at(4))).toEqual({ [c.callId]: ["phone-busy"] });
  });
});

describe("caller order", () => {
  it("higher priority first, then the oldest; each operator goes to one caller", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "linear" });
    const old = caller({ arrivedAt: at(0) });
    const newer = caller({ arrivedAt: at(10) });
    const urgent = caller({ arrivedAt: at(20), priority: 5 });
    engine.addCaller(newer);
    engine.addCaller(urgent);
    engine.addCaller(old);
    expect(engine.waiting().map((c) => c.callId)).toEqual([urgent.callId, old.callId, newer.callId]);
    expect(offers(engine, at(30))).toEqual({ [urgent.callId]: ["ana"], [old.callId]: ["ben"] });
  });

  it("callers who arrived at the same instant keep the order they were added in", () => {
    const engine = engineWith([op("ana")]);
    const first = caller({ arrivedAt: at(0) });
    const second = caller({ arrivedAt: at(0) });
    engine.addCaller(first);
    engine.addCaller(second);
    expect(offers(engine, at(1))).toEqual({ [first.callId]: ["ana"] });
  });

  it("a caller nobody can serve does not hold back the callers behind", () => {
    const engine = engineWith([op("ana", ["en"])]);
    const es = caller({ language: "es", arrivedAt: at(0) });
    const en = caller({ arrivedAt: at(5) });
    engine.addCaller(es);
    engine.addCaller(en);
    expect(offers(engine, at(6))).toEqual({ [en.callId]: ["ana"] });
  });

  it("operators are shared between hotlines, the oldest caller of either first", () => {
    const engine = engineWith([op("ana")]);
    const other = caller({ hotline: "other", arrivedAt: at(0) });
    const main = caller({ arrivedAt: at(1) });
    engine.addCaller(main);
    engine.addCaller(other);
    expect(offers(engine, at(2))).toEqual({ [other.callId]: ["ana"] });
  });
});

describe("competence tiers", () => {
  const skilled = [
    op("basic", ["en"], { fees: 2 }),
    op("good", ["en"], { fees: 4 }),
    op("expert", ["en"], { fees: 5 }),
  ];

  it("the best-skilled free operator gets the caller, whatever the strategy", () => {
    const engine = engineWith(skilled, { strategy: "linear" });
    const c = caller({ topic: "fees" });
    engine.addCaller(c);
    expect(engine.nextAssignments(at(0))[0]).toMatchObject({ operators: ["expert"], level: 5 });
  });

  it("while the expert is busy the caller waits widenAfter seconds per tier before lower levels", () => {
    const engine = engineWith(skilled, { widenAfter: 30 });
    const busy = caller({ topic: "fees", priority: 9 });
    engine.addCaller(busy);
    engine.ringStarted("expert", busy.callId, at(0));
    engine.ringEnded("expert", busy.callId, "answered", at(0));
    const c = caller({ topic: "fees", arrivedAt: at(0) });
    engine.addCaller(c);
    expect(offers(engine, at(29))).toEqual({});
    expect(offers(engine, at(30))).toEqual({ [c.callId]: ["good"] });
    const other = caller({ topic: "fees", priority: 9 });
    engine.addCaller(other);
    engine.ringStarted("good", other.callId, at(31));
    engine.ringEnded("good", other.callId, "answered", at(31)); // good busy too: the caller waits again
    expect(offers(engine, at(59))).toEqual({});
    expect(offers(engine, at(60))).toEqual({ [c.callId]: ["basic"] });
  });

  it("once widened, a better operator who frees up is still preferred", () => {
    const engine = engineWith(skilled, { widenAfter: 10 });
    for (const o of ["expert", "good"]) engine.pause(o, "break", at(0));
    const c = caller({ topic: "fees" });
    engine.addCaller(c);
    expect(offers(engine, at(100))).toEqual({ [c.callId]: ["basic"] });
    engine.resume("good", at(100));
    expect(offers(engine, at(100))).toEqual({ [c.callId]: ["good"] });
  });

  it("tiers are the levels of operators present: a paused expert does not make callers wait", () => {
    const engine = engineWith(skilled, { widenAfter: 30 });
    engine.pause("expert", "lunch", at(0));
    const c = caller({ topic: "fees" });
    engine.addCaller(c);
    expect(offers(engine, at(0))).toEqual({ [c.callId]: ["good"] });
  });

  it("widenAfter 0 opens every tier at once, best first", () => {
    const engine = engineWith(skilled, { widenAfter: 0 });
    engine.pause("expert", "lunch", at(0));
    engine.pause("good", "lunch", at(0));
    engine.login("expert", at(0));
    const c = caller({ topic: "fees" });
    engine.addCaller(c);
    expect(offers(engine, at(0))).toEqual({ [c.callId]: ["basic"] });
  });

  it("operators of the same level are ordered by the strategy; ring-all rings only the best tier", () => {
    const team = [op("a", ["en"], { fees: 3 }), op("b", ["en"], { fees: 5 }), op("c", ["en"], { fees: 5 })];
    const engine = engineWith(team, { strategy: "ring-all", widenAfter: 0 });
    const c = caller({ topic: "fees" });
    engine.addCaller(c);
    expect(offers(engine, at(0))).toEqual({ [c.callId]: ["b", "c"] });
  });

  it("tiers and levelFloor", () => {
    expect(tiers([3, 5, 3, 1])).toEqual([5, 3, 1]);
    expect(levelFloor([5, 3, 1], 0, 30)).toBe(5);
    expect(levelFloor([5, 3, 1], 30, 30)).toBe(3);
    expect(levelFloor([5, 3, 1], 59, 30)).toBe(3);
    expect(levelFloor([5, 3, 1], 600, 30)).toBe(1);
    expect(levelFloor([5, 3, 1], 0, 0)).toBe(1);
    expect(levelFloor([], 10, 30)).toBeUndefined();
  });
});

describe("missed calls", () => {
  it("an operator who missed a caller is not offered them again for retryAfter seconds", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "linear", retryAfter: 60 });
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(0));
    engine.ringEnded("ana", c.callId, "no-answer", at(20));
    expect(engine.status("ana")).toMatchObject({ state: "available", missedInRow: 1 });
    expect(offers(engine, at(21))).toEqual({ [c.callId]: ["ben"] });
    engine.pause("ben", "break", at(22)); // ben gone: ana is the only one present
    expect(offers(engine, at(23))).toEqual({ [c.callId]: ["ana"] });
    engine.resume("ben", at(24));
    expect(offers(engine, at(79))).toEqual({ [c.callId]: ["ben"] });
    expect(offers(engine, at(80))).toEqual({ [c.callId]: ["ana"] });
  });

  it("a busy colleague counts as someone else: the caller waits for them rather than re-ringing a misser", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "linear", retryAfter: 60 });
    const talk = caller({ priority: 1 });
    engine.addCaller(talk);
    engine.ringStarted("ben", talk.callId, at(0));
    engine.ringEnded("ben", talk.callId, "answered", at(0));
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(0));
    engine.ringEnded("ana", c.callId, "rejected", at(5));
    expect(offers(engine, at(6))).toEqual({});
    // The misser is still free for other callers.
    const other = caller({ arrivedAt: at(6) });
    engine.addCaller(other);
    expect(offers(engine, at(7))).toEqual({ [other.callId]: ["ana"] });
  });

  it("a busy phone keeps the caller away for retryAfter but is not a miss", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "linear", maxMissed: 1 });
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(0));
    engine.ringEnded("ana", c.callId, "busy", at(1));
    expect(engine.status("ana")).toMatchObject({ state: "available", missedInRow: 0 });
    expect(offers(engine, at(2))).toEqual({ [c.callId]: ["ben"] });
  });

  it("after maxMissed misses in a row the operator is paused with reason missed-calls", () => {
    const engine = engineWith([op("ana")], { maxMissed: 3, retryAfter: 0 });
    for (let i = 0; i < 3; i++) {
      const c = caller({ arrivedAt: at(i * 30) });
      engine.addCaller(c);
      expect(offers(engine, at(i * 30))).toEqual({ [c.callId]: ["ana"] });
      engine.ringStarted("ana", c.callId, at(i * 30));
      engine.ringEnded("ana", c.callId, i === 1 ? "rejected" : "no-answer", at(i * 30 + 20));
      engine.removeCaller(c.callId);
    }
    expect(engine.status("ana")).toMatchObject({ state: "paused", reason: "missed-calls", since: at(80) });
    expect(engine.takeChanges().at(-1)).toMatchObject({ to: "paused", reason: "missed-calls" });
    engine.resume("ana", at(100));
    expect(engine.status("ana")).toMatchObject({ state: "available", missedInRow: 0 });
  });

  it("an answered call resets the count of misses in a row", () => {
    const engine = engineWith([op("ana")], { maxMissed: 2, retryAfter: 0 });
    const miss = () => {
      const c = caller();
      engine.addCaller(c);
      engine.ringStarted("ana", c.callId, at(0));
      engine.ringEnded("ana", c.callId, "no-answer", at(1));
      engine.removeCaller(c.callId);
    };
    miss();
    const c = caller();
    engine.addCaller(c);
    engine.ringStarted("ana", c.callId, at(2));
    engine.ringEnded("ana", c.callId, "answered", at(3));
    engine.callEnded("ana", c.callId, at(4));
    engine.tick(at(100));
    miss();
    expect(engine.status("ana")).toMatchObject({ state: "available", missedInRow: 1 });
  });

  it("maxMissed 0 never pauses; a requested pause is not replaced by missed-calls", () => {
    const never = engineWith([op("ana")], { maxMissed: 0, retryAfter: 0 });
    const requested = engineWith([op("ana")], { maxMissed: 1 });
    for (const engine of [never, requested]) {
      const c = caller();
      engine.addCaller(c);
      engine.ringStarted("ana", c.callId, at(0));
      if (engine === requested) engine.pause("ana", "lunch", at(1));
      engine.ringEnded("ana", c.callId, "no-answer", at(2));
    }
    expect(never.status("ana").state).toBe("available");
    expect(requested.status("ana")).toMatchObject({ state: "paused", reason: "lunch" });
  });
});
