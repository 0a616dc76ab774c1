import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scheduleSchema } from "../../../src/schedule/index.ts";

function issues(value: unknown) {
  const r = scheduleSchema.safeParse(value);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));
}

const base = { timezone: "Europe/Madrid" };

describe("scheduleSchema", () => {
  it("accepts a complete schedule", () => {
    const r = scheduleSchema.safeParse({
      timezone: "America/New_York",
      weekly: { "mon-fri": ["09:00-13:00", "14:00-18:00"], sat: "10:00-14:00", sun: "closed" },
      holidays: [
        { date: "12-25", name: "Christmas" },
        { date: "2027-04-02" },
        { from: "08-01", to: "08-15" },
        { ics: "h.ics" },
      ],
      campaigns: [
        { name: "Summer", from: "2027-07-01", to: "2027-07-31", hours: "09:00-18:00" },
        { name: "Winter", from: "12-20", to: "01-10", weekly: { daily: "24h" } },
      ],
      exceptions: [{ date: "2027-12-24", hours: ["09:00-14:00"] }],
    });
    expect(r.error?.issues).toBeUndefined();
    expect(r.success).toBe(true);
  });

  it("accepts 24/7 written both ways and a missing weekly block", () => {
    expect(scheduleSchema.safeParse({ ...base, weekly: "24/7" }).success).toBe(true);
    expect(scheduleSchema.safeParse({ ...base, weekly: "always" }).success).toBe(true);
    expect(scheduleSchema.safeParse(base).success).toBe(true);
  });

  it("rejects an impossible time of day", () => {
    expect(issues({ ...base, weekly: { mon: "09:00-25:00" } })).toEqual([
      { path: ["weekly", "mon"], message: "25:00 is not a time of day (HH:MM, 00:00–24:00)" },
    ]);
    expect(issues({ ...base, weekly: { mon: "09:60-12:00" } })[0]?.message).toBe(
      "09:60 is not a time of day (HH:MM, 00:00–24:00)",
    );
    expect(issues({ ...base, weekly: { mon: "24:30-12:00" } })[0]?.message).toMatch(/^24:30 is not a time of day/);
  });

  it("rejects a range that ends before it starts and says how to cross midnight", () => {
    expect(issues({ ...base, weekly: { fri: "18:00-09:00" } })).toEqual([
      {
        path: ["weekly", "fri"],
        message: "range 18:00-09:00 ends before it starts; if it is meant to cross midnight write it as 18:00-09:00+1",
      },
    ]);
  });

  it("locates a bad range inside a list, and rejects empty or over-long ranges", () => {
    expect(issues({ ...base, weekly: { mon: ["09:00-12:00", "13:00-13:00"] } })).toEqual([
      { path: ["weekly", "mon", 1], message: "range 13:00-13:00 is empty (it starts and ends at 13:00)" },
    ]);
    expect(issues({ ...base, weekly: { mon: "09:00-10:00+1" } })[0]?.message).toBe(
      "range 09:00-10:00+1 is longer than 24 hours; drop the +1 or shorten it",
    );
    expect(issues({ ...base, weekly: { mon: "9-18" } })[0]?.message).toMatch(
      /^"9-18" is not a time range; write HH:MM-HH:MM/,
    );
    expect(issues({ ...base, weekly: { mon: [] } })).toEqual([
      { path: ["weekly", "mon"], message: "an empty list; write closed" },
    ]);
  });

  it("rejects an unknown time zone", () => {
    expect(issues({ timezone: "Europe/Madird" })).toEqual([
      { path: ["timezone"], message: 'unknown time zone "Europe/Madird" (use an IANA name such as Europe/Madrid)' },
    ]);
  });

  it("rejects unknown weekday keys and a day given twice", () => {
    expect(issues({ ...base, weekly: { monday: "09:00-18:00" } })).toEqual([
      {
        path: ["weekly", "monday"],
        message:
          'unknown day "monday"; use mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed,fri, or daily',
      },
    ]);
    expect(issues({ ...base, weekly: { "mon-fri": "09:00-18:00", fri: "09:00-15:00" } })).toEqual([
      { path: ["weekly", "fri"], message: 'fri is given twice (in "mon-fri" and "fri"); give each day its hours once' },
    ]);
  });

  it("explains what weekly accepts when it is neither 24/7 nor a map", () => {
    expect(issues({ ...base, weekly: "24x7" })).toEqual([
      {
        path: ["weekly"],
        message: '"24x7": expected "24/7" (or always) or a map of days to hours, e.g. { mon-fri: 09:00-18:00 }',
      },
    ]);
  });

  it("rejects invalid dates with the reason", () => {
    const campaign = { name: "C", from: "2027-02-30", to: "2027-03-10", hours: "09:00-18:00" };
    expect(issues({ ...base, campaigns: [campaign] })).toEqual([
      { path: ["campaigns", 0, "from"], message: "2027-02-30 is not a valid date (February 2027 has 28 days)" },
    ]);
    expect(issues({ ...base, holidays: [{ date: "13-01" }] })).toEqual([
      { path: ["holidays", 0, "date"], message: "13-01 is not a valid date (there is no month 13)" },
    ]);
    expect(issues({ ...base, holidays: [{ date: "2027/12/25" }] })[0]?.message).toMatch(
      /^"2027\/12\/25" is not a date/,
    );
    // Feb 29 without a year is a real (leap-year) date.
    expect(scheduleSchema.safeParse({ ...base, holidays: [{ date: "02-29" }] }).success).toBe(true);
    expect(scheduleSchema.safeParse({ ...base, exceptions: [{ date: "2028-02-29", hours: "closed" }] }).success).toBe(
      true,
    );
  });

  it("rejects from after to, and mixed one-time/yearly bounds; allows yearly spans over the year end", () => {
    const c = (from: string, to: string) => ({ ...base, campaigns: [{ name: "C", from, to, hours: "09:00-18:00" }] });
    expect(issues(c("2027-07-31", "2027-07-01"))).toEqual([
      { path: ["campaigns", 0, "from"], message: "from 2027-07-31 is after to 2027-07-01" },
    ]);
    expect(issues(c("2027-12-20", "01-10"))[0]).toEqual({
      path: ["campaigns", 0, "to"],
      message:
        "from 2027-12-20 and to 01-10 must both have a year (2027-07-01, one time) or both be without one (07-01, every year)",
    });
    expect(scheduleSchema.safeParse(c("12-20", "01-10")).success).toBe(true);
  });

  it("rejects unknown keys (strict objects)", () => {
    expect(issues({ ...base, timezon: "x" })).toEqual([{ path: [], message: 'Unrecognized key: "timezon"' }]);
    expect(issues({ ...base, holidays: [{ date: "12-25", closed: true }] })).toEqual([
      { path: ["holidays", 0], message: 'Unrecognized key: "closed"' },
    ]);
  });

  it("requires an exception to have a year and a holiday to have exactly one kind of date", () => {
    expect(issues({ ...base, exceptions: [{ date: "12-24", hours: "closed" }] })).toEqual([
      {
        path: ["exceptions", 0, "date"],
        message:
          "an exception is for one specific date: write it with a year (e.g. 2027-12-24); use holidays for every year",
      },
    ]);
    expect(issues({ ...base, holidays: [{ date: "12-25", ics: "x.ics" }] })).toEqual([
      { path: ["holidays", 0], message: "a holiday needs exactly one of: date, from + to, or ics" },
    ]);
    expect(issues({ ...base, holidays: [{ from: "12-24" }] })).toEqual([
      { path: ["holidays", 0, "to"], message: "from and to go together" },
    ]);
  });

  it("requires a campaign to give either hours or weekly", () => {
    expect(issues({ ...base, campaigns: [{ name: "C", from: "2027-07-01", to: "2027-07-31" }] })).toEqual([
      {
        path: ["campaigns", 0],
        message: "give either hours (the same every day) or weekly (hours per day), not both or neither",
      },
    ]);
  });
});

describe("scheduleSchema as a building block", () => {
  it("does not mix closed or 24h with ranges", () => {
    expect(issues({ ...base, weekly: { mon: ["closed", "09:00-10:00"] } })).toEqual([
      { path: ["weekly", "mon"], message: "closed and 24h stand alone; do not list them with other ranges" },
    ]);
  });

  it("converts to JSON Schema (no transforms), for editor completion of the config file", () => {
    const json = z.toJSONSchema(scheduleSchema) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(json.properties)).toEqual(["timezone", "weekly", "holidays", "campaigns", "exceptions"]);
    expect(json.additionalProperties).toBe(false);
  });

  it("embeds in a larger config object with paths relative to it", () => {
    const config = z.strictObject({ hotlines: z.record(z.string(), z.strictObject({ schedule: scheduleSchema })) });
    const r = config.safeParse({ hotlines: { main: { schedule: { ...base, weekly: { sun: "25:00-26:00" } } } } });
    expect(r.error?.issues.map((i) => i.path)).toEqual([["hotlines", "main", "schedule", "weekly", "sun"]]);
  });
});
