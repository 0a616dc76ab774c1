import { describe, expect, it } from "vitest";
import { pick } from "../../../src/acd/strategies.ts";
import { at, caller, engineWith, handle, offers, op } from "./helpers.ts";

const four = [op("ana"), op("ben"), op("cam"), op("dan")];

describe("longest-idle (the default)", () => {
  it("offers the operator idle the longest: since their last call's wrap-up, or their login", () => {
    const engine = engineWith(four, { wrapUp: 0 });
    handle(engine, "ana", 0, 100);
    handle(engine, "ben", 0, 50);
    handle(engine, "cam", 0, 200);
    handle(engine, "dan", 0, 150);
    const c = caller({ arrivedAt: at(300) });
    engine.addCaller(c);
    expect(offers(engine, at(300))).toEqual({ [c.callId]: ["ben"] });
  });

  it("an operator who just logged in has been idle only since then", () => {
    const engine = engineWith([op("ana"), op("ben")], { wrapUp: 0 }, false);
    engine.login("ben", at(0));
    engine.login("ana", at(10));
    const c = caller({ arrivedAt: at(20) });
    engine.addCaller(c);
    expect(offers(engine, at(20))[c.callId]).toEqual(["ben"]);
  });

  it("wrap-up counts as part of the call: idle from its end", () => {
    const engine = engineWith([op("ana"), op("ben")], { wrapUp: 60 });
    handle(engine, "ana", 0, 10); // idle from 70
    handle(engine, "ben", 0, 40); // idle from 100
    engine.tick(at(100));
    expect(engine.status("ana").idleSince).toEqual(at(70));
    const c = caller({ arrivedAt: at(120) });
    engine.addCaller(c);
    expect(offers(engine, at(120))[c.callId]).toEqual(["ana"]);
  });

  it("equal idle times fall back to configuration order", () => {
    const engine = engineWith(four);
    const c = caller();
    engine.addCaller(c);
    expect(offers(engine, at(1))[c.callId]).toEqual(["ana"]);
  });
});

describe("linear", () => {
  it("always offers the first free operator in configuration order", () => {
    const engine = engineWith(four, { strategy: "linear", wrapUp: 0 });
    handle(engine, "ana", 0, 10);
    const c = caller({ arrivedAt: at(20) });
    engine.addCaller(c);
    expect(offers(engine, at(20))[c.callId]).toEqual(["ana"]);
    engine.pause("ana", "break", at(21));
    expect(offers(engine, at(21))[c.callId]).toEqual(["ben"]);
  });
});

describe("round-robin", () => {
  it("rotates through the operators after the one rung last, wrapping around", () => {
    const engine = engineWith([op("ana"), op("ben"), op("cam")], { strategy: "round-robin", wrapUp: 0 });
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = caller({ arrivedAt: at(i * 10) });
      engine.addCaller(c);
      const [chosen] = engine.nextAssignments(at(i * 10))[0]?.operators ?? [];
      if (!chosen) throw new Error("no offer");
      seen.push(chosen);
      engine.ringStarted(chosen, c.callId, at(i * 10));
      engine.ringEnded(chosen, c.callId, "answered", at(i * 10));
      engine.callEnded(chosen, c.callId, at(i * 10 + 1));
    }
    expect(seen).toEqual(["ana", "ben", "cam", "ana", "ben"]);
  });

  it("skips operators who are not free and keeps a pointer per hotline", () => {
    const engine = engineWith([op("ana"), op("ben"), op("cam")], { strategy: "round-robin", wrapUp: 0 });
    handle(engine, "ana", 0, 1, "main"); // main's pointer: ana
    engine.pause("ben", "break", at(2));
    const main = caller({ arrivedAt: at(3) });
    const other = caller({ hotline: "other", arrivedAt: at(4) });
    engine.addCaller(main);
    engine.addCaller(other);
    // main continues after ana (ben paused → cam); other starts from the top (ana).
    expect(offers(engine, at(5))).toEqual({ [main.callId]: ["cam"], [other.callId]: ["ana"] });
  });
});

describe("fewest-calls", () => {
  it("offers the operator who answered the fewest calls today", () => {
    const engine = engineWith([op("ana"), op("ben"), op("cam")], { strategy: "fewest-calls", wrapUp: 0 });
    handle(engine, "ana", 0, 1);
    handle(engine, "ana", 2, 3);
    handle(engine, "ben", 4, 5);
    handle(engine, "cam", 6, 7);
    handle(engine, "cam", 8, 9);
    expect(engine.status("ana", at(10)).callsToday).toBe(2);
    const c = caller({ arrivedAt: at(10) });
    engine.addCaller(c);
    expect(offers(engine, at(10))[c.callId]).toEqual(["ben"]);
  });

  it("ties go to the longest idle; unanswered rings do not count", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "fewest-calls", wrapUp: 0 });
    handle(engine, "ben", 0, 5);
    handle(engine, "ana", 0, 10);
    const missed = caller({ arrivedAt: at(11) });
    engine.addCaller(missed);
    engine.ringStarted("ben", missed.callId, at(11));
    engine.ringEnded("ben", missed.callId, "no-answer", at(20));
    engine.removeCaller(missed.callId);
    expect(engine.status("ben", at(21)).callsToday).toBe(1);
    const c = caller({ arrivedAt: at(21) });
    engine.addCaller(c);
    expect(offers(engine, at(21))[c.callId]).toEqual(["ben"]);
  });

  it("the count starts again on the organization's next local day", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "fewest-calls", wrapUp: 0 });
    handle(engine, "ana", 0, 1);
    const nextDay = 24 * 3600;
    expect(engine.status("ana", at(nextDay)).callsToday).toBe(0);
    handle(engine, "ben", nextDay, nextDay + 1);
    handle(engine, "ana", nextDay + 2, nextDay + 3);
    expect(engine.status("ana", at(nextDay + 4)).callsToday).toBe(1);
  });
});

describe("ring-all", () => {
  it("offers every free qualifying operator of the best tier at once", () => {
    const engine = engineWith([op("ana"), op("ben", ["es"]), op("cam"), op("dan")], { strategy: "ring-all" });
    engine.pause("dan", "lunch", at(0));
    const c = caller();
    engine.addCaller(c);
    expect(offers(engine, at(1))[c.callId]).toEqual(["ana", "cam"]);
  });

  it("the first to answer takes the call; the others' rings are cancelled without a miss", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "ring-all", wrapUp: 0 });
    const c = caller();
    engine.addCaller(c);
    for (const o of engine.nextAssignments(at(1))[0]?.operators ?? []) engine.ringStarted(o, c.callId, at(1));
    expect(engine.status("ben").state).toBe("ringing");
    engine.ringEnded("ben", c.callId, "answered", at(3));
    engine.ringEnded("ana", c.callId, "cancelled", at(3));
    expect(engine.status("ben").state).toBe("on-call");
    expect(engine.status("ana")).toMatchObject({ state: "available", missedInRow: 0 });
  });

  it("takes all free operators, so the next caller waits for one", () => {
    const engine = engineWith([op("ana"), op("ben")], { strategy: "ring-all" });
    const first = caller({ arrivedAt: at(0) });
    const second = caller({ arrivedAt: at(1) });
    engine.addCaller(first);
    engine.addCaller(second);
    expect(offers(engine, at(2))).toEqual({ [first.callId]: ["ana", "ben"] });
  });
});

describe("pick", () => {
  const candidates = [
    { key: "b", index: 1, idleSince: 5, callsToday: 1 },
    { key: "a", index: 0, idleSince: 9, callsToday: 1 },
  ];
  it("is deterministic for each strategy", () => {
    expect(pick("linear", candidates, -1, 2).map((c) => c.key)).toEqual(["a"]);
    expect(pick("longest-idle", candidates, -1, 2).map((c) => c.key)).toEqual(["b"]);
    expect(pick("fewest-calls", candidates, -1, 2).map((c) => c.key)).toEqual(["b"]);
    expect(pick("round-robin", candidates, 0, 2).map((c) => c.key)).toEqual(["b"]);
    expect(pick("round-robin", candidates, 1, 2).map((c) => c.key)).toEqual(["a"]);
    expect(pick("ring-all", candidates, -1, 2).map((c) => c.key)).toEqual(["a", "b"]);
    expect(pick("linear", [], -1, 2)).toEqual([]);
  });
});
