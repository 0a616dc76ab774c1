import { describe, expect, it } from "vitest";
import { explain, isOpen, nextOpening } from "../../../src/schedule/index.ts";
import { compile, iso, local } from "./helpers.ts";

const s = compile({ weekly: { "mon-fri": "09:00-18:00" } });

describe("manual override", () => {
  it("force closed without until wins indefinitely", () => {
    const o = { state: "closed" as const, reason: "flood" };
    const e = explain(s, local("2027-05-03T10:00"), o);
    expect(e.open).toBe(false);
    expect(e.rule).toEqual({ kind: "override", name: "flood", description: "override: force closed: flood", path: [] });
    expect(e.override).toBe(o);
    expect(e.nextChange).toBeNull();
    expect(nextOpening(s, local("2027-05-03T10:00"), o)).toBeNull();
  });

  it("force open until a time: the change happens at until when the schedule is closed then", () => {
    const until = local("2027-05-03T22:00");
    const e = explain(s, local("2027-05-03T20:00"), { state: "open", until });
    expect(e.open).toBe(true);
    expect(e.rule.description).toBe(`override: force open until ${until.toISOString()}`);
    expect(iso(e.nextChange)).toBe(iso(until));
  });

  it("when the schedule agrees at until, the next change is the schedule's", () => {
    const e = explain(s, local("2027-05-03T07:00"), { state: "open", until: local("2027-05-03T10:00") });
    expect(iso(e.nextChange)).toBe(iso(local("2027-05-03T18:00")));
    const closed = { state: "closed" as const, until: local("2027-05-08T12:00") }; // until a Saturday
    expect(iso(nextOpening(s, local("2027-05-05T10:00"), closed))).toBe(iso(local("2027-05-10T09:00")));
  });

  it("is ignored once until has passed", () => {
    const o = { state: "closed" as const, until: local("2027-05-03T10:00") };
    expect(isOpen(s, local("2027-05-03T09:59"), o)).toBe(false);
    expect(isOpen(s, local("2027-05-03T10:00"), o)).toBe(true);
    expect(explain(s, local("2027-05-03T10:00"), o)).toMatchObject({ override: null, rule: { kind: "weekly" } });
  });

  it("force open makes nextOpening the instant itself, even on a never-open schedule", () => {
    const t = local("2027-05-08T12:00");
    expect(nextOpening(compile({}), t, { state: "open" })).toBe(t);
  });
});
