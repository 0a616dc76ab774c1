import { describe, expect, it } from "vitest";
import { explain, isOpen, nextOpening } from "../../../src/schedule/index.ts";
import { compile, iso, local } from "./helpers.ts";

// 2027-05-03 is a Monday; Madrid is on CEST (UTC+2) all that month.
const office = compile({
  weekly: { "mon-thu": ["09:00-14:00", "16:00-19:00"], fri: "09:00-15:00", "sat,sun": "closed" },
});

describe("weekly hours", () => {
  it("is open inside a range and closed outside, naming the weekday's rule", () => {
    const e = explain(office, local("2027-05-03T10:00"));
    expect(e.open).toBe(true);
    expect(e.rule).toMatchObject({ kind: "weekly", path: ["weekly", "mon-thu"], date: "2027-05-03" });
    expect(e.rule.description).toBe("weekly hours (mon: 09:00-14:00, 16:00-19:00)");
    expect(e.localTime).toBe("2027-05-03T10:00+02:00");
    expect(e.timezone).toBe("Europe/Madrid");
    expect(isOpen(office, local("2027-05-03T08:59"))).toBe(false);
    expect(isOpen(office, local("2027-05-03T09:00"))).toBe(true);
    expect(isOpen(office, local("2027-05-03T19:00"))).toBe(false); // end is exclusive
  });

  it("handles several ranges per day: the lunch break closes and reopens", () => {
    const morning = explain(office, local("2027-05-04T13:30"));
    expect(iso(morning.nextChange)).toBe(iso(local("2027-05-04T14:00")));
    const lunch = explain(office, local("2027-05-04T15:00"));
    expect(lunch.open).toBe(false);
    expect(iso(lunch.nextChange)).toBe(iso(local("2027-05-04T16:00")));
  });

  it("skips the weekend when looking for the next opening", () => {
    const friday = explain(office, local("2027-05-07T15:00"));
    expect(friday.open).toBe(false);
    expect(iso(friday.nextChange)).toBe(iso(local("2027-05-10T09:00")));
    expect(iso(nextOpening(office, local("2027-05-08T12:00")))).toBe(iso(local("2027-05-10T09:00")));
    const saturday = explain(office, local("2027-05-08T12:00"));
    expect(saturday.rule).toMatchObject({
      kind: "weekly",
      path: ["weekly", "sat,sun"],
      description: "weekly hours (sat: closed)",
    });
  });

  it("returns the instant itself from nextOpening when already open", () => {
    const t = local("2027-05-03T10:00");
    expect(nextOpening(office, t)).toBe(t);
  });

  it("runs a range crossing midnight into the next day", () => {
    const s = compile({ weekly: { fri: "22:00-02:00+1" } });
    const e = explain(s, local("2027-05-08T01:00")); // Saturday
    expect(e.open).toBe(true);
    expect(e.fromPreviousDay).toBe(true);
    expect(e.rule).toMatchObject({ kind: "weekly", path: ["weekly", "fri"], date: "2027-05-07" });
    expect(iso(e.nextChange)).toBe(iso(local("2027-05-08T02:00")));
    expect(isOpen(s, local("2027-05-08T02:00"))).toBe(false);
    expect(iso(explain(s, local("2027-05-08T02:00")).nextChange)).toBe(iso(local("2027-05-14T22:00")));
  });

  it("crosses into the next week: Sun 22:00 – Mon 02:00", () => {
    const s = compile({ weekly: { sun: "22:00-02:00+1" } });
    const e = explain(s, local("2027-05-10T01:30")); // Monday
    expect(e.open).toBe(true);
    expect(e.rule.path).toEqual(["weekly", "sun"]);
    expect(iso(e.nextChange)).toBe(iso(local("2027-05-10T02:00")));
    expect(isOpen(s, local("2027-05-09T21:59"))).toBe(false);
    expect(iso(nextOpening(s, local("2027-05-10T03:00")))).toBe(iso(local("2027-05-16T22:00")));
  });

  it("merges hours that meet at midnight: no change reported at 00:00", () => {
    const s = compile({ weekly: { mon: "20:00-24:00", tue: "00:00-08:00" } });
    expect(iso(explain(s, local("2027-05-03T21:00")).nextChange)).toBe(iso(local("2027-05-04T08:00")));
    const overlapping = compile({ weekly: { mon: "20:00-06:00+1", tue: "05:00-09:00" } });
    expect(iso(explain(overlapping, local("2027-05-03T21:00")).nextChange)).toBe(iso(local("2027-05-04T09:00")));
  });

  it("accepts day ranges that wrap the week end and daily", () => {
    const s = compile({ weekly: { "fri-mon": "10:00-12:00" } });
    expect(isOpen(s, local("2027-05-09T11:00"))).toBe(true); // Sunday
    expect(isOpen(s, local("2027-05-10T11:00"))).toBe(true); // Monday
    expect(isOpen(s, local("2027-05-11T11:00"))).toBe(false); // Tuesday
    const daily = compile({ weekly: { daily: "24h" } });
    expect(explain(daily, local("2027-05-11T11:00")).nextChange).toBeNull();
  });

  it("is trivially 24/7", () => {
    for (const weekly of ["24/7", "always"]) {
      const s = compile({ weekly });
      const e = explain(s, local("2027-05-11T03:00"));
      expect(e.open).toBe(true);
      expect(e.nextChange).toBeNull();
      expect(e.rule.description).toBe("weekly hours (24/7)");
    }
  });

  it("is never open without any hours: nextOpening is null", () => {
    const s = compile({ weekly: { mon: "closed" } });
    const e = explain(s, local("2027-05-11T03:00"));
    expect(e.open).toBe(false);
    expect(e.nextChange).toBeNull();
    expect(nextOpening(s, local("2027-05-11T03:00"))).toBeNull();
    expect(nextOpening(compile({}), local("2027-05-11T03:00"))).toBeNull();
  });
});

describe("looking ahead", () => {
  it("finds a yearly holiday as the next change of a 24/7 schedule, across the year", () => {
    const s = compile({ weekly: "24/7", holidays: [{ date: "12-25", name: "Christmas" }] });
    const e = explain(s, local("2027-01-02T12:00"));
    expect(e.open).toBe(true);
    expect(iso(e.nextChange)).toBe(iso(local("2027-12-25T00:00")));
  });

  it("after the last one-time rule only the weekly hours remain: 24/7 never changes again", () => {
    const s = compile({ weekly: "24/7", holidays: [{ date: "2027-12-25", name: "Once" }] });
    expect(iso(explain(s, local("2027-12-20T12:00")).nextChange)).toBe(iso(local("2027-12-25T00:00")));
    expect(explain(s, local("2030-01-01T12:00")).nextChange).toBeNull();
  });
});
