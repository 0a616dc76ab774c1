/**
 * Planned time from operators' rosters: shifts minus lunch and breaks, in the schedule engine's own
 * notation and parsers, as wall-clock minutes of the week (for the heatmap, by local hour) and as
 * instants of a given week (for adherence, where a daylight-saving change matters).
 */
import { MINUTES_PER_DAY, type MinuteRange, parseDayHours, parseDayKey, parseRange } from "../schedule/syntax.ts";
import { type Interval, merge, subtract } from "./intervals.ts";
import type { RosterSettings } from "./settings.ts";
import type { IsoWeek } from "./types.ts";
import { localInstant } from "./week.ts";

export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

export interface DayPlan {
  /** The shift as rostered, breaks included. */
  shift: MinuteRange[];
  /** Lunch and breaks that fall in the shift. */
  breaks: MinuteRange[];
  /** Shift minus breaks: when the operator is planned to take calls. */
  work: MinuteRange[];
}

/** One weekday's plan (0 = Monday); minutes from that day's midnight, up to 2880 for night shifts. */
export function dayPlan(roster: RosterSettings, weekday: number): DayPlan {
  const shift: MinuteRange[] = [];
  for (const [key, hours] of Object.entries(roster.shifts)) {
    const days = parseDayKey(key);
    if (!days.ok || !days.value.includes(weekday)) continue;
    const ranges = parseDayHours(hours);
    if (ranges.ok) shift.push(...ranges.value);
  }
  const breaks: MinuteRange[] = [];
  for (const text of [...(roster.lunch ? [roster.lunch] : []), ...roster.breaks]) {
    const r = parseRange(text);
    if (!r.ok) continue;
    // A break counts only on days a shift covers it (Friday's short shift has no lunch).
    for (const s of shift) {
      const start = Math.max(s.start, r.value.start);
      const end = Math.min(s.end, r.value.end);
      if (end > start) breaks.push({ start, end });
    }
  }
  const work = subtract(
    shift.map((r) => ({ start: r.start, end: r.end })),
    breaks.map((r) => ({ start: r.start, end: r.end })),
  );
  return { shift, breaks, work };
}

/** Minute-of-week mask (Monday 00:00 = 0) of a day's ranges; what spills past Sunday wraps to Monday. */
export function weekMask(roster: RosterSettings, pick: (plan: DayPlan) => readonly MinuteRange[]): Uint8Array {
  const mask = new Uint8Array(MINUTES_PER_WEEK);
  for (let day = 0; day < 7; day++) {
    for (const r of pick(dayPlan(roster, day))) {
      for (let m = r.start; m < r.end; m++) mask[(day * MINUTES_PER_DAY + m) % MINUTES_PER_WEEK] = 1;
    }
  }
  return mask;
}

/** Planned ranges of a roster as instants of one week (the previous Sunday's night shift included). */
export function plannedIntervals(
  roster: RosterSettings,
  week: IsoWeek,
  pick: (plan: DayPlan) => readonly MinuteRange[] = (p) => p.work,
): Interval[] {
  const out: Interval[] = [];
  const dates = [shiftDate(week.days[0] as string, -1), ...week.days];
  dates.forEach((date, i) => {
    const weekday = (i + 6) % 7; // index 0 is the Sunday before
    for (const r of pick(dayPlan(roster, weekday))) {
      out.push({ start: localInstant(date, r.start, week.timezone), end: localInstant(date, r.end, week.timezone) });
    }
  });
  return merge(out.map((i) => ({ start: Math.max(i.start, week.start), end: Math.min(i.end, week.end) })));
}

function shiftDate(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
