import { describe, expect, it } from "vitest";
import { explain, isOpen, nextOpening } from "../../../src/schedule/index.ts";
import { compile, iso, local } from "./helpers.ts";

const weekdays = { "mon-fri": "09:00-18:00" };

describe("campaigns", () => {
  it("a one-time campaign has its own hours, weekends included, and only within its dates", () => {
    const s = compile({
      weekly: weekdays,
      campaigns: [{ name: "Summer", from: "2027-07-01", to: "2027-07-31", hours: "09:00-20:00" }],
    });
    const saturday = explain(s, local("2027-07-03T19:00"));
    expect(saturday.open).toBe(true);
    expect(saturday.rule).toMatchObject({
      kind: "campaign",
      name: "Summer",
      path: ["campaigns", 0],
      date: "2027-07-03",
    });
    expect(saturday.rule.description).toBe('campaign "Summer" (2027-07-01..2027-07-31): 09:00-20:00');
    expect(isOpen(s, local("2027-07-31T19:00"))).toBe(true); // last day, a Saturday
    expect(isOpen(s, local("2027-08-02T19:00"))).toBe(false); // Monday after: weekly again
    expect(explain(s, local("2027-08-02T10:00")).rule.kind).toBe("weekly");
    expect(isOpen(s, local("2027-06-30T19:00"))).toBe(false);
  });

  it("a campaign with hours per weekday leaves unlisted days closed", () => {
    const s = compile({
      weekly: "24/7",
      campaigns: [{ name: "Audit", from: "2027-07-01", to: "2027-07-31", weekly: { "mon-fri": "10:00-12:00" } }],
    });
    expect(isOpen(s, local("2027-07-05T11:00"))).toBe(true);
    expect(isOpen(s, local("2027-07-05T13:00"))).toBe(false);
    const sunday = explain(s, local("2027-07-04T11:00"));
    expect(sunday.open).toBe(false);
    expect(sunday.rule.name).toBe("Audit");
  });

  it("a yearly campaign crossing the year end (12-20..01-10) covers both sides every year", () => {
    const s = compile({
      weekly: weekdays,
      campaigns: [{ name: "Winter", from: "12-20", to: "01-10", hours: "24h" }],
    });
    for (const t of [
      "2027-12-20T03:00",
      "2027-12-31T23:00",
      "2028-01-01T03:00",
      "2028-01-10T23:59",
      "2030-01-05T03:00",
    ]) {
      expect({ t, open: isOpen(s, local(t)) }).toEqual({ t, open: true });
    }
    expect(isOpen(s, local("2028-01-11T03:00"))).toBe(false);
    expect(isOpen(s, local("2027-12-19T03:00"))).toBe(false);
    // Open around the clock from Dec 20 to Jan 10: the next change is the end of Jan 10, across New Year.
    expect(iso(explain(s, local("2027-12-31T12:00")).nextChange)).toBe(iso(local("2028-01-11T00:00")));
    expect(explain(s, local("2028-01-01T12:00")).rule.description).toBe(
      'campaign "Winter" (12-20..01-10 every year): 24h',
    );
  });

  it("a yearly period ending on 02-29 ends on Feb 28 in common years", () => {
    const s = compile({ campaigns: [{ name: "Feb", from: "02-20", to: "02-29", hours: "24h" }] });
    expect(isOpen(s, local("2027-02-28T12:00"))).toBe(true);
    expect(isOpen(s, local("2027-03-01T12:00"))).toBe(false);
    expect(isOpen(s, local("2028-02-29T12:00"))).toBe(true);
  });
});

describe("holidays", () => {
  it("closes on fixed dates with a year and on yearly dates", () => {
    const s = compile({
      weekly: weekdays,
      holidays: [
        { date: "2027-04-02", name: "Local feast" },
        { date: "12-24", name: "Christmas Eve" },
      ],
    });
    const feast = explain(s, local("2027-04-02T10:00"));
    expect(feast.open).toBe(false);
    expect(feast.rule).toMatchObject({ kind: "holiday", name: "Local feast", path: ["holidays", 0] });
    expect(feast.rule.description).toBe('holiday "Local feast" (2027-04-02): closed');
    expect(isOpen(s, local("2028-04-03T10:00"))).toBe(true); // fixed date: one year only
    expect(isOpen(s, local("2027-12-24T10:00"))).toBe(false); // a Friday
    expect(isOpen(s, local("2029-12-24T10:00"))).toBe(false); // a Monday
    expect(iso(nextOpening(s, local("2029-12-24T10:00")))).toBe(iso(local("2029-12-25T09:00")));
  });

  it("can give a holiday its own hours, and span several days with from/to", () => {
    const s = compile({
      weekly: weekdays,
      holidays: [
        { date: "12-24", name: "Christmas Eve", hours: "09:00-13:00" },
        { from: "2027-08-09", to: "2027-08-13", name: "Summer closure" },
      ],
    });
    expect(isOpen(s, local("2027-12-24T12:00"))).toBe(true);
    expect(iso(explain(s, local("2027-12-24T12:00")).nextChange)).toBe(iso(local("2027-12-24T13:00")));
    expect(isOpen(s, local("2027-08-11T12:00"))).toBe(false);
    expect(iso(nextOpening(s, local("2027-08-09T08:00")))).toBe(iso(local("2027-08-16T09:00")));
  });

  it("a yearly Feb 29 holiday applies only in leap years (like an iCalendar yearly rule)", () => {
    const s = compile({ weekly: { daily: "09:00-18:00" }, holidays: [{ date: "02-29", name: "Leap" }] });
    expect(isOpen(s, local("2027-02-28T12:00"))).toBe(true);
    expect(isOpen(s, local("2027-03-01T12:00"))).toBe(true);
    expect(isOpen(s, local("2028-02-29T12:00"))).toBe(false);
    expect(explain(s, local("2028-02-29T12:00")).rule.name).toBe("Leap");
  });

  it("nextOpening crosses New Year over a weekend and a holiday", () => {
    const s = compile({ weekly: weekdays, holidays: [{ date: "01-01", name: "New Year" }] });
    // Fri 2028-12-29 after hours → Sat, Sun, Mon Jan 1 (holiday) → Tue 2029-01-02.
    expect(iso(nextOpening(s, local("2028-12-29T18:30")))).toBe(iso(local("2029-01-02T09:00")));
  });
});

describe("exceptions", () => {
  it("opens a closed day and closes an open one", () => {
    const s = compile({
      weekly: weekdays,
      exceptions: [
        { date: "2027-12-26", hours: "10:00-14:00", name: "Sunday drive" },
        { date: "2027-12-31", hours: "closed" },
      ],
    });
    const sunday = explain(s, local("2027-12-26T11:00"));
    expect(sunday.open).toBe(true);
    expect(sunday.rule).toMatchObject({ kind: "exception", name: "Sunday drive", path: ["exceptions", 0] });
    const friday = explain(s, local("2027-12-31T11:00"));
    expect(friday.open).toBe(false);
    expect(friday.rule).toMatchObject({ kind: "exception", name: "2027-12-31", path: ["exceptions", 1] });
    expect(friday.rule.description).toBe('exception "2027-12-31" (2027-12-31): closed');
    expect(iso(friday.nextChange)).toBe(iso(local("2028-01-03T09:00"))); // over New Year's weekend
  });

  it("works on a leap day (2028-02-29)", () => {
    const s = compile({ weekly: weekdays, exceptions: [{ date: "2028-02-29", hours: "12:00-13:00" }] });
    expect(isOpen(s, local("2028-02-29T10:00"))).toBe(false);
    expect(isOpen(s, local("2028-02-29T12:30"))).toBe(true);
    expect(isOpen(s, local("2028-02-28T10:00"))).toBe(true);
    expect(isOpen(s, local("2028-03-01T10:00"))).toBe(true);
  });
});

describe("priority: override > exception > holiday > campaign > weekly", () => {
  const s = compile({
    weekly: { daily: "08:00-20:00" },
    campaigns: [{ name: "December", from: "12-01", to: "12-31", hours: "10:00-18:00" }],
    holidays: [{ date: "12-24", name: "Christmas Eve", hours: "10:00-12:00" }],
    exceptions: [{ date: "2027-12-24", hours: "closed" }],
  });

  it("the most specific rule decides each date", () => {
    expect(explain(s, local("2027-12-24T11:00"))).toMatchObject({ open: false, rule: { kind: "exception" } });
    expect(explain(s, local("2028-12-24T11:00"))).toMatchObject({ open: true, rule: { kind: "holiday" } });
    expect(explain(s, local("2028-12-24T13:00"))).toMatchObject({ open: false, rule: { kind: "holiday" } });
    expect(explain(s, local("2027-12-23T09:00"))).toMatchObject({ open: false, rule: { kind: "campaign" } });
    expect(explain(s, local("2027-12-23T11:00"))).toMatchObject({ open: true, rule: { kind: "campaign" } });
    expect(explain(s, local("2027-11-30T09:00"))).toMatchObject({ open: true, rule: { kind: "weekly" } });
    expect(explain(s, local("2027-12-24T11:00"), { state: "open" })).toMatchObject({
      open: true,
      rule: { kind: "override" },
    });
  });

  it("a night range belongs to the day it starts on, even when the next day is a holiday", () => {
    const night = compile({ weekly: { fri: "22:00-02:00+1" }, holidays: [{ date: "2027-12-25", name: "Christmas" }] });
    const e = explain(night, local("2027-12-25T01:00"));
    expect(e.open).toBe(true);
    expect(e.rule).toMatchObject({ kind: "weekly", date: "2027-12-24" });
    expect(explain(night, local("2027-12-25T03:00")).rule.kind).toBe("holiday");
  });
});
