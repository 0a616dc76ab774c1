/**
 * The engine keeps the queue sorted, an index of who qualifies for each kind of caller, and works
 * out each kind's present and free operators once per round. These rules pin down what that must
 * not change: the order served, who is offered within one round, and a reconfigure being followed.
 */
import { describe, expect, it } from "vitest";
import { acdConfig, at, caller, engineWith, handle, offers, op } from "./helpers.ts";

describe("one round", () => {
  it("callers of one kind take the round's free operators in turn, best level first", () => {
    const team = [op("basic", ["en"], { fees: 2 }), op("good", ["en"], { fees: 4 }), op("expert", ["en"], { fees: 5 })];
    const engine = engineWith(team, { widenAfter: 0 });
    const callers = [0, 1, 2, 3].map((i) => caller({ topic: "fees", arrivedAt: at(i) }));
    for (const c of callers) engine.addCaller(c);
    expect(engine.nextAssignments(at(10)).map((a) => [a.callId, a.operators, a.level])).toEqual([
      [callers[0]?.callId, ["expert"], 5],
      [callers[1]?.callId, ["good"], 4],
      [callers[2]?.callId, ["basic"], 2],
    ]);
  });

  it("an operator taken by a caller of one kind is not offered to a caller of another", () => {
    const engine = engineWith([op("ana", ["en", "es"], { fees: 3 }), op("ben", ["es"])], { strategy: "linear" });
    const fees = caller({ topic: "fees", arrivedAt: at(0) });
    const es = caller({ language: "es", arrivedAt: at(1) });
    const en = caller({ arrivedAt: at(2) });
    for (const c of [en, es, fees]) engine.addCaller(c);
    expect(offers(engine, at(3))).toEqual({ [fees.callId]: ["ana"], [es.callId]: ["ben"] });
  });

  it("each round sees the states as they are now: a pause, a login or a busy phone since the last one", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "linear" });
    const c = caller();
    engine.addCaller(c);
    expect(offers(engine, at(0))).toEqual({ [c.callId]: ["ana"] });
    engine.deviceBusy("ana", true);
    expect(offers(engine, at(1))).toEqual({ [c.callId]: ["ben"] });
    engine.pause("ben", "break", at(2));
    expect(offers(engine, at(2))).toEqual({});
    engine.deviceBusy("ana", false);
    expect(offers(engine, at(3))).toEqual({ [c.callId]: ["ana"] });
  });

  it("with nobody waiting, or nobody free, a round proposes nothing but still ends finished wrap-ups", () => {
    const engine = engineWith([op("ana")], { wrapUp: 10 });
    handle(engine, "ana", 0, 5);
    engine.takeChanges();
    expect(engine.nextAssignments(at(20))).toEqual([]);
    expect(engine.status("ana").state).toBe("available");
    expect(engine.takeChanges().map((ch) => ch.to)).toEqual(["available"]);
    engine.pause("ana", "lunch", at(21));
    engine.addCaller(caller());
    expect(engine.nextAssignments(at(22))).toEqual([]);
  });
});

describe("the queue", () => {
  it("stays in serving order as callers come and go: priority, then arrival, then order added", () => {
    const engine = engineWith([op("ana")]);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const added: { callId: string; priority: number; arrived: number; n: number }[] = [];
    for (let n = 0; n < 300; n++) {
      if (added.length > 0 && random() < 0.3) {
        const [gone] = added.splice(Math.floor(random() * added.length), 1);
        if (gone) expect(engine.removeCaller(gone.callId)).toBe("done");
        continue;
      }
      const c = caller({ priority: Math.floor(random() * 3), arrivedAt: at(Math.floor(random() * 20)) });
      engine.addCaller(c);
      added.push({ callId: c.callId, priority: c.priority ?? 0, arrived: c.arrivedAt.getTime(), n });
    }
    const expected = [...added].sort((a, b) => b.priority - a.priority || a.arrived - b.arrived || a.n - b.n);
    expect(engine.waiting().map((c) => c.callId)).toEqual(expected.map((c) => c.callId));
  });
});

describe("after a reconfigure", () => {
  it("who qualifies follows the new languages and competences", () => {
    const engine = engineWith([op("ana", ["en"], { fees: 3 }), op("ben", ["en"])]);
    const es = caller({ language: "es" });
    engine.addCaller(es);
    expect(offers(engine, at(0))).toEqual({});
    expect(engine.whoCouldServe({ hotline: "main", language: "es" })).toEqual([]);
    engine.reconfigure(acdConfig([op("ana", ["en"], { fees: 3 }), op("ben", ["en", "es"])]), at(1));
    engine.login("ben", at(1));
    expect(offers(engine, at(2))).toEqual({ [es.callId]: ["ben"] });
    expect(engine.whoCouldServe({ hotline: "main", language: "es" })).toEqual(["ben"]);
    expect(engine.whoCouldServe({ hotline: "main", language: "en", topic: "fees" })).toEqual(["ana"]);
  });

  it("round-robin's positions are the new configuration's", () => {
    const engine = engineWith([op("ana"), op("ben"), op("cam")], { strategy: "round-robin" });
    handle(engine, "ben", 0, 1);
    engine.tick(at(100));
    engine.reconfigure(acdConfig([op("cam"), op("ben"), op("ana")], { strategy: "round-robin" }), at(100));
    handle(engine, "cam", 100, 101); // cam, now first, rang last
    engine.tick(at(200));
    const c = caller({ arrivedAt: at(200) });
    engine.addCaller(c);
    expect(offers(engine, at(200))).toEqual({ [c.callId]: ["ben"] });
  });
});
