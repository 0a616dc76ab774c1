import { describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { isoWeek, lastCompleteWeek, previousWeek, weekContaining } from "../../../src/analysis/week.ts";
import { seconds } from "../../../src/schedule/intervals.ts";
import { plannedIntervals } from "../../../src/schedule/roster.ts";
import { call, SETTINGS, ZONE } from "./fixtures.ts";

describe("ISO weeks in the organization's time zone", () => {
  it("starts on Monday 00:00 local time", () => {
    const w = isoWeek("2026-W47", ZONE);
    expect(new Date(w.start).toISOString()).toBe("2026-11-15T23:00:00.000Z");
    expect(new Date(w.end).toISOString()).toBe("2026-11-22T23:00:00.000Z");
    expect(w.hours).toBe(168);
    expect(previousWeek(w).label).toBe("2026-W46");
  });

  it("has 169 hours when the clocks go back and 167 when they go forward", () => {
    expect(isoWeek("2026-W43", ZONE).hours).toBe(169); // Sunday 2026-10-25
    expect(isoWeek("2027-W12", ZONE).hours).toBe(167); // Sunday 2027-03-28
  });

  it("takes the last complete week by default, and weeks across the new year", () => {
    expect(lastCompleteWeek(new Date("2026-11-23T06:30:00Z"), ZONE).label).toBe("2026-W47");
    // Sunday 23:30 in Madrid is still in W47, although it is Sunday 22:30 UTC.
    expect(weekContaining(new Date("2026-11-22T22:30:00Z"), ZONE).label).toBe("2026-W47");
    expect(isoWeek("2026-W53", ZONE).days[6]).toBe("2027-01-03");
    expect(() => isoWeek("2026-47", ZONE)).toThrow(/ISO week/);
    expect(() => isoWeek("2027-W53", ZONE)).toThrow(/no such week/);
  });
});

describe("a week with a daylight-saving change", () => {
  it("puts both 02:30s of 2026-10-25 in the Sunday 02:00 cell of the heatmap", () => {
    const week = isoWeek("2026-W43", ZONE);
    const first = { ...call("2026-10-25 00:00"), startedAt: Date.parse("2026-10-25T00:30:00Z") }; // 02:30 CEST
    const second = { ...call("2026-10-25 00:00"), startedAt: Date.parse("2026-10-25T01:30:00Z") }; // 02:30 CET
    const third = call("2026-10-25 03:30");
    const a = analyzeWeek(
      {
        week,
        calls: [first, second, third],
        previousCalls: [],
        sessions: [],
        pauses: [],
        queueEvents: [],
        synthetic: false,
      },
      SETTINGS,
    );
    expect(a.heatmap.calls[6]?.[2]).toBe(2);
    expect(a.heatmap.calls[6]?.[3]).toBe(1);
    expect(a.week.hours).toBe(169);
  });

  it("plans a night roster by real time: 7 h in the autumn week, 5 h in the spring week", () => {
    const night = { shifts: { sun: "00:00-06:00" }, breaks: [] };
    expect(seconds(plannedIntervals(night, isoWeek("2026-W43", ZONE)))).toBe(7 * 3600);
    expect(seconds(plannedIntervals(night, isoWeek("2027-W12", ZONE)))).toBe(5 * 3600);
    expect(seconds(plannedIntervals(night, isoWeek("2026-W47", ZONE)))).toBe(6 * 3600);
  });

  it("includes the part of the Sunday-night shift before that falls on Monday morning", () => {
    const late = { shifts: { sun: "22:00-02:00+1" }, breaks: [] };
    const planned = plannedIntervals(late, isoWeek("2026-W47", ZONE));
    expect(planned.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()])).toEqual([
      ["2026-11-15T23:00:00.000Z", "2026-11-16T01:00:00.000Z"], // Monday 00:00–02:00 (from Sunday the 15th)
      ["2026-11-22T21:00:00.000Z", "2026-11-22T23:00:00.000Z"], // Sunday 22:00–24:00; the rest is next week
    ]);
  });
});

describe("a week still in progress", () => {
  it("counts operators' planned time and open sessions only up to when the analysis is made", () => {
    const week = isoWeek("2026-W47", ZONE);
    const settings = {
      ...SETTINGS,
      operators: [{ id: "maria", name: "María", roster: { shifts: { "mon-fri": "09:00-17:00" }, breaks: [] } }],
    };
    // Monday 09:00 in Madrid; the analysis is made at 10:00 with her session still open.
    const nine = Date.parse("2026-11-16T08:00:00Z");
    const data = {
      week,
      calls: [],
      previousCalls: [],
      sessions: [{ operator: "maria", loggedInAt: nine, loggedOutAt: null }],
      pauses: [],
      queueEvents: [],
      synthetic: false,
    };
    const [now] = analyzeWeek(data, settings, nine + 3_600_000).operators;
    expect(now).toMatchObject({ loggedInSeconds: 3600, plannedSeconds: 3600, adherence: 1 });
    // Without a time, the whole week: the open session runs to its end, the whole roster is planned.
    const [whole] = analyzeWeek(data, settings).operators;
    expect(whole?.plannedSeconds).toBe(5 * 8 * 3600);
  });
});
