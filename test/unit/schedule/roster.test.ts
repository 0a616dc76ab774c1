import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { seconds } from "../../../src/schedule/intervals.ts";
import {
  dayPlan,
  PAUSES,
  pauseCoverage,
  planAt,
  plannedIntervals,
  plannedSegments,
  type Roster,
  type RosterSegment,
  WORKING,
  weekPlan,
} from "../../../src/schedule/roster.ts";
import { formatRange, parseRange } from "../../../src/schedule/syntax.ts";

const ZONE = "Europe/Madrid";
const WED = 2;
const FRI = 4;
const SUN = 6;

const NIGHTS: Roster = { shifts: { "mon-fri": "22:00-06:00+1" }, breaks: ["02:00-02:15"] };
const OFFICE: Roster = {
  shifts: { "mon-thu": "09:00-17:00", fri: "09:00-13:00" },
  lunch: "13:00-14:00",
  breaks: ["11:00-11:15"],
};

/** "break 02:00+1-02:15+1": minutes past 1440 are the next morning. */
const minutes = (segments: readonly RosterSegment[]) => segments.map((s) => `${s.state} ${formatRange(s)}`);

/** "Sun 03:00 +02:00-03:15 +02:00": local wall-clock time with its offset. */
const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc HH:mm ZZ");
const instants = (segments: readonly RosterSegment[]) =>
  segments.map((s) => `${s.state} ${local(s.start)}-${local(s.end)}`);

/** A window of local days in Madrid: [first 00:00, last + 1 00:00). */
function days(first: string, last: string) {
  const start = DateTime.fromISO(first, { zone: ZONE });
  const end = DateTime.fromISO(last, { zone: ZONE }).plus({ days: 1 });
  return { start: start.toMillis(), end: end.toMillis(), timezone: ZONE };
}

describe("a weekday's plan: the shifts that begin that day, cut by lunch and breaks", () => {
  const rules: { rule: string; roster: Roster; weekday: number; plan: string[] }[] = [
    {
      rule: "lunch and breaks cut the shift into pieces",
      roster: OFFICE,
      weekday: WED,
      plan: [
        "on-shift 09:00-11:00",
        "break 11:00-11:15",
        "on-shift 11:15-13:00",
        "lunch 13:00-14:00",
        "on-shift 14:00-17:00",
      ],
    },
    {
      rule: "a lunch outside a short shift does not apply that day",
      roster: OFFICE,
      weekday: FRI,
      plan: ["on-shift 09:00-11:00", "break 11:00-11:15", "on-shift 11:15-13:00"],
    },
    {
      rule: "a lunch a shift covers only in part applies in part",
      roster: { shifts: { wed: "09:00-13:15" }, lunch: "13:00-14:00", breaks: [] },
      weekday: WED,
      plan: ["on-shift 09:00-13:00", "lunch 13:00-13:15"],
    },
    {
      rule: "a night shift runs past midnight, and its 02:00 break is the next morning's",
      roster: NIGHTS,
      weekday: WED,
      plan: ["on-shift 22:00-02:00+1", "break 02:00+1-02:15+1", "on-shift 02:15+1-06:00+1"],
    },
    {
      rule: "a break before midnight is the same night's",
      roster: { shifts: { wed: "22:00-06:00+1" }, breaks: ["23:00-23:15"] },
      weekday: WED,
      plan: ["on-shift 22:00-23:00", "break 23:00-23:15", "on-shift 23:15-06:00+1"],
    },
    {
      rule: "a break across midnight is one break",
      roster: { shifts: { wed: "22:00-06:00+1" }, breaks: ["23:55-00:10+1"] },
      weekday: WED,
      plan: ["on-shift 22:00-23:55", "break 23:55-00:10+1", "on-shift 00:10+1-06:00+1"],
    },
    {
      rule: "a night shift's day has no plan of its own before the evening",
      roster: NIGHTS,
      weekday: SUN,
      plan: [],
    },
    {
      rule: "overlapping breaks: the one that starts first wins, the other keeps what is left",
      roster: { shifts: { wed: "09:00-12:00" }, breaks: ["10:30-10:45", "10:40-10:55"] },
      weekday: WED,
      plan: ["on-shift 09:00-10:30", "break 10:30-10:45", "break 10:45-10:55", "on-shift 10:55-12:00"],
    },
    {
      rule: "a break inside lunch disappears into it",
      roster: { shifts: { wed: "09:00-17:00" }, lunch: "13:00-14:00", breaks: ["13:30-13:45"] },
      weekday: WED,
      plan: ["on-shift 09:00-13:00", "lunch 13:00-14:00", "on-shift 14:00-17:00"],
    },
    {
      rule: "overlapping shifts of a day are one stretch",
      roster: { shifts: { wed: ["08:00-12:00", "11:00-15:00"] }, breaks: [] },
      weekday: WED,
      plan: ["on-shift 08:00-15:00"],
    },
  ];
  it.each(rules)("$rule", ({ roster, weekday, plan }) => {
    expect(minutes(dayPlan(roster, weekday))).toEqual(plan);
  });
});

describe("the week by the wall clock, from Monday 00:00", () => {
  it("puts what Sunday's night shift does after midnight on Monday morning", () => {
    const sunday = { shifts: { sun: "22:00-06:00+1" }, breaks: ["02:00-02:15"] };
    const at = (day: number, time: string) => day * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
    expect(weekPlan(sunday)).toEqual([
      { state: "on-shift", start: at(0, "00:00"), end: at(0, "02:00") },
      { state: "break", start: at(0, "02:00"), end: at(0, "02:15") },
      { state: "on-shift", start: at(0, "02:15"), end: at(0, "06:00") },
      { state: "on-shift", start: at(SUN, "22:00"), end: at(7, "00:00") },
    ]);
  });
});

describe("the planned state at an instant (Madrid; Wednesday 2027-03-03)", () => {
  const rules: {
    rule: string;
    roster: Roster;
    at: string;
    state: string;
    since: string | null;
    until: string | null;
  }[] = [
    {
      rule: "a night shift begins in the evening",
      roster: NIGHTS,
      at: "2027-03-03T23:00",
      state: "on-shift",
      since: "Wed 22:00 +01:00",
      until: "Thu 02:00 +01:00",
    },
    {
      rule: "the 02:00 break is that night's",
      roster: NIGHTS,
      at: "2027-03-04T02:05",
      state: "break",
      since: "Thu 02:00 +01:00",
      until: "Thu 02:15 +01:00",
    },
    {
      rule: "Friday's night shift takes its break early on Saturday",
      roster: NIGHTS,
      at: "2027-03-06T02:10",
      state: "break",
      since: "Sat 02:00 +01:00",
      until: "Sat 02:15 +01:00",
    },
    {
      rule: "after Friday's night, nothing until Monday evening",
      roster: NIGHTS,
      at: "2027-03-06T12:00",
      state: "off",
      since: "Sat 06:00 +01:00",
      until: "Mon 22:00 +01:00",
    },
    {
      rule: "a lunch outside Friday's short shift is no lunch",
      roster: OFFICE,
      at: "2027-03-05T13:30",
      state: "off",
      since: "Fri 13:00 +01:00",
      until: "Mon 09:00 +01:00",
    },
    {
      rule: "without shifts, always off",
      roster: { shifts: {}, breaks: ["02:00-02:15"] },
      at: "2027-03-03T02:05",
      state: "off",
      since: null,
      until: null,
    },
  ];
  it.each(rules)("$rule", ({ roster, at, state, since, until }) => {
    const planned = planAt(roster, DateTime.fromISO(at, { zone: ZONE }).toJSDate(), ZONE);
    expect({
      state: planned.state,
      since: planned.since && local(planned.since.getTime()),
      until: planned.until && local(planned.until.getTime()),
    }).toEqual({ state, since, until });
  });
});

describe("daylight-saving days in Madrid: wall-clock times, real lengths", () => {
  const rules: { rule: string; roster: Roster; from: string; to: string; segments: string[]; working: number }[] = [
    {
      rule: "the night the clocks go forward (last Sunday of March) lasts 7 h; its 02:00 break is taken at 03:00",
      roster: { shifts: { sat: "22:00-06:00+1" }, breaks: ["02:00-02:15"] },
      from: "2027-03-27",
      to: "2027-03-28",
      segments: [
        "on-shift Sat 22:00 +01:00-Sun 03:00 +02:00",
        "break Sun 03:00 +02:00-Sun 03:15 +02:00",
        "on-shift Sun 03:15 +02:00-Sun 06:00 +02:00",
      ],
      working: 6.75,
    },
    {
      rule: "the night the clocks go back (last Sunday of October) lasts 9 h; its 02:00 break is the first 02:00",
      roster: { shifts: { sat: "22:00-06:00+1" }, breaks: ["02:00-02:15"] },
      from: "2026-10-24",
      to: "2026-10-25",
      segments: [
        "on-shift Sat 22:00 +02:00-Sun 02:00 +02:00",
        "break Sun 02:00 +02:00-Sun 02:15 +02:00",
        "on-shift Sun 02:15 +02:00-Sun 06:00 +01:00",
      ],
      working: 8.75,
    },
    {
      rule: "a day shift on the spring Sunday keeps its wall-clock lunch",
      roster: { shifts: { sun: "09:00-17:00" }, lunch: "13:00-14:00", breaks: [] },
      from: "2027-03-28",
      to: "2027-03-28",
      segments: [
        "on-shift Sun 09:00 +02:00-Sun 13:00 +02:00",
        "lunch Sun 13:00 +02:00-Sun 14:00 +02:00",
        "on-shift Sun 14:00 +02:00-Sun 17:00 +02:00",
      ],
      working: 7,
    },
    {
      rule: "a break in the hour the clocks skip moves forward by the gap",
      roster: { shifts: { sun: "00:00-06:00" }, breaks: ["02:30-02:45"] },
      from: "2027-03-28",
      to: "2027-03-28",
      segments: [
        "on-shift Sun 00:00 +01:00-Sun 03:30 +02:00",
        "break Sun 03:30 +02:00-Sun 03:45 +02:00",
        "on-shift Sun 03:45 +02:00-Sun 06:00 +02:00",
      ],
      working: 4.75,
    },
  ];
  it.each(rules)("$rule", ({ roster, from, to, segments, working }) => {
    const window = days(from, to);
    expect(instants(plannedSegments(roster, window))).toEqual(segments);
    expect(seconds(plannedIntervals(roster, window, WORKING)) / 3600).toBe(working);
  });

  it("a window cuts the plan: a night shift begun the day before counts from the window's start", () => {
    const window = days("2027-03-04", "2027-03-04");
    expect(instants(plannedSegments(NIGHTS, window))[0]).toBe("on-shift Thu 00:00 +01:00-Thu 02:00 +01:00");
    expect(seconds(plannedIntervals(NIGHTS, window, PAUSES))).toBe(15 * 60);
  });
});

describe("whether a lunch or break ever applies (what `hotline check` warns about)", () => {
  const rules: { rule: string; roster: Roster; pause: string; coverage: string }[] = [
    { rule: "a 02:00 break in a night shift applies", roster: NIGHTS, pause: "02:00-02:15", coverage: "whole" },
    { rule: "a lunch at 13:00 in a night shift never does", roster: NIGHTS, pause: "13:00-14:00", coverage: "none" },
    { rule: "a lunch that only a longer day covers applies", roster: OFFICE, pause: "13:00-14:00", coverage: "whole" },
    {
      rule: "a lunch outside the only, short shift never applies",
      roster: { shifts: { fri: "09:00-13:00" }, breaks: [] },
      pause: "13:00-14:00",
      coverage: "none",
    },
    { rule: "a break past the end of the shift is cut short", roster: NIGHTS, pause: "05:50-06:05", coverage: "part" },
    {
      rule: "a break across the change from a night shift to an early one applies whole",
      roster: { shifts: { "mon-fri": "22:00-06:00+1", "tue-sat": "06:00-14:00" }, breaks: [] },
      pause: "05:50-06:05",
      coverage: "whole",
    },
    {
      rule: "Sunday's night shift covers Monday's small hours",
      roster: { shifts: { sun: "22:00-06:00+1" }, breaks: [] },
      pause: "02:00-02:15",
      coverage: "whole",
    },
  ];
  it.each(rules)("$rule", ({ roster, pause, coverage }) => {
    const range = parseRange(pause);
    if (!range.ok) throw new Error(range.error);
    expect(pauseCoverage(roster, range.value)).toBe(coverage);
  });
});
