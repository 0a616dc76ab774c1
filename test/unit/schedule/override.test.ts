import { describe, expect, it } from "vitest";
import { explain, isOpen, nextOpening, preview } from "../../../src/schedule/index.ts";
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
    expect(e.rule.description).toBe("override: force open until 2027-05-03T22:00+02:00"); // the schedule's wall clock
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

  it("does not answer for times before it was set: the rules decide, and the override is the next change", () => {
    const o = { state: "closed" as const, from: local("2027-05-03T11:00"), reason: "fire drill" };
    const before = explain(s, local("2027-05-03T10:00"), o);
    expect(before).toMatchObject({ open: true, override: null, rule: { kind: "weekly" } });
    expect(iso(before.nextChange)).toBe(iso(local("2027-05-03T11:00")));
    expect(isOpen(s, local("2027-05-03T10:59"), o)).toBe(true);
    expect(isOpen(s, local("2027-05-03T11:00"), o)).toBe(false);
    // Closed by the rules when it takes effect: no change then, and none after (it lasts until cleared).
    const night = { state: "closed" as const, from: local("2027-05-03T20:00") };
    expect(explain(s, local("2027-05-03T19:00"), night).nextChange).toBeNull();
    const open = { state: "open" as const, from: local("2027-05-08T12:00") }; // a Saturday
    expect(iso(nextOpening(s, local("2027-05-08T10:00"), open))).toBe(iso(local("2027-05-08T12:00")));
  });
});

describe("preview with an override", () => {
  it("closes the days it covers from the time it was set, and names it on each day it changes", () => {
    const o = {
      state: "closed" as const,
      from: local("2027-05-04T12:00"),
      until: local("2027-05-06T00:00"),
      reason: "move",
    };
    const days = preview(s, local("2027-05-03T08:00"), 4, o);
    expect(days.map((d) => [d.date, d.intervals.map((i) => `${i.from}-${i.to}`).join(" "), d.override?.kind])).toEqual([
      ["2027-05-03", "09:00-18:00", undefined],
      ["2027-05-04", "09:00-12:00", "override"],
      ["2027-05-05", "", "override"],
      ["2027-05-06", "09:00-18:00", undefined],
    ]);
    expect(days[1]?.rule.kind).toBe("weekly"); // the rule it overrides is still named
  });

  it("opens hours the schedule keeps closed; an override that changes nothing is not named", () => {
    const o = { state: "open" as const, from: local("2027-05-08T10:00"), until: local("2027-05-08T14:00") };
    const [sat] = preview(s, local("2027-05-08T08:00"), 1, o);
    expect(sat?.intervals.map((i) => `${i.from}-${i.to}`)).toEqual(["10:00-14:00"]);
    expect(sat?.override?.description).toContain("force open");
    const [mon] = preview(s, local("2027-05-10T08:00"), 1, {
      state: "open",
      from: local("2027-05-10T10:00"),
      until: local("2027-05-10T11:00"),
    });
    expect(mon?.override).toBeNull();
  });
});
