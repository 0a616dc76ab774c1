import { describe, expect, it } from "vitest";
import { compileSchedule, ScheduleError, validateSchedule } from "../../../src/schedule/index.ts";

const tz = { timezone: "Europe/Madrid" };

describe("validateSchedule: equal-priority overlaps that disagree", () => {
  it("reports two campaigns with different hours on the same day, at the later one", () => {
    const issues = validateSchedule({
      ...tz,
      campaigns: [
        { name: "Summer", from: "2027-07-01", to: "2027-07-31", hours: "09:00-18:00" },
        { name: "Promo", from: "2027-07-15", to: "2027-08-15", hours: "10:00-14:00" },
      ],
    });
    expect(issues).toEqual([
      {
        path: ["campaigns", 1],
        message:
          'campaign "Promo" overlaps campaign "Summer" on 2027-07-15 with different hours (10:00-14:00 vs 09:00-18:00); ' +
          "rules of the same priority must agree — use an exception to settle that date",
      },
    ]);
  });

  it("accepts overlapping campaigns that agree, and rules of different priority", () => {
    expect(
      validateSchedule({
        ...tz,
        weekly: { "mon-fri": "08:00-20:00" },
        campaigns: [
          { name: "A", from: "2027-07-01", to: "2027-07-31", hours: "09:00-18:00" },
          { name: "B", from: "07-15", to: "08-15", hours: "09:00-18:00" },
        ],
        holidays: [{ date: "07-20", hours: "10:00-11:00" }],
        exceptions: [{ date: "2027-07-21", hours: "closed" }],
      }),
    ).toEqual([]);
  });

  it("finds weekday-dependent conflicts between a yearly and a one-time campaign", () => {
    const issues = validateSchedule({
      ...tz,
      campaigns: [
        { name: "Winter", from: "12-20", to: "01-10", hours: "08:00-20:00" },
        { name: "December", from: "2027-12-01", to: "2027-12-31", weekly: { "mon-fri": "08:00-20:00" } },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["campaigns", 1]);
    // 2027-12-20 is a Monday: the first disagreement is Saturday 2027-12-25.
    expect(issues[0]?.message).toMatch(
      /^campaign "December" overlaps campaign "Winter" on 2027-12-25 with different hours \(closed vs 08:00-20:00\)/,
    );
  });

  it("reports yearly holidays that disagree every year", () => {
    const issues = validateSchedule({
      ...tz,
      holidays: [
        { date: "12-24", name: "Eve" },
        { from: "12-20", to: "12-26", name: "Festive", hours: "10:00-12:00" },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["holidays", 1]);
    expect(issues[0]?.message).toMatch(
      /^holiday "Festive" overlaps holiday "Eve" every year around 12-24 \(e\.g\. \d{4}-12-24\) with different hours \(10:00-12:00 vs closed\)/,
    );
  });

  it("reports two exceptions for one date with different hours", () => {
    const issues = validateSchedule({
      ...tz,
      exceptions: [
        { date: "2027-12-24", hours: "09:00-14:00" },
        { date: "2027-12-24", hours: "closed" },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([["exceptions", 1]]);
  });

  it("lets an ics holiday and a YAML holiday on the same date agree (both closed)", () => {
    const ics =
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20271225\nSUMMARY:Navidad\nEND:VEVENT\nEND:VCALENDAR\n";
    expect(
      validateSchedule({ ...tz, holidays: [{ date: "12-25" }, { ics: "es.ics" }] }, { icsLoader: () => ics }),
    ).toEqual([]);
  });

  it("reports ics problems at the import, with the file's line number", () => {
    const bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2027122\nEND:VEVENT\nEND:VCALENDAR\n";
    expect(validateSchedule({ ...tz, holidays: [{ ics: "bad.ics" }] }, { icsLoader: () => bad })).toEqual([
      {
        path: ["holidays", 0, "ics"],
        message: "cannot import bad.ics: line 3: DTSTART 2027122 is not a date (YYYYMMDD)",
      },
    ]);
    expect(validateSchedule({ ...tz, holidays: [{ ics: "x.ics" }] })).toEqual([
      { path: ["holidays", 0, "ics"], message: 'ics import "x.ics" was not provided (no icsLoader given)' },
    ]);
    const missing = validateSchedule(
      { ...tz, holidays: [{ ics: "gone.ics" }] },
      {
        icsLoader: () => {
          throw new Error("ENOENT: no such file");
        },
      },
    );
    expect(missing[0]?.message).toBe("cannot import gone.ics: ENOENT: no such file");
  });

  it("includes schema errors, and compileSchedule throws them all as a ScheduleError", () => {
    const value = { ...tz, weekly: { mon: "18:00-09:00" }, exceptions: [{ date: "2027-13-01", hours: "closed" }] };
    expect(validateSchedule(value).map((i) => i.path)).toEqual([
      ["weekly", "mon"],
      ["exceptions", 0, "date"],
    ]);
    let error: unknown;
    try {
      compileSchedule(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as ScheduleError).issues).toHaveLength(2);
    expect((error as ScheduleError).message).toContain("weekly.mon: range 18:00-09:00 ends before it starts");
  });
});
