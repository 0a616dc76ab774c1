/**
 * A hotline's hours as the public should read them: the regular week, the days ahead that differ
 * (holidays, campaigns, exceptions, an override), and whether it is open now. Built from the same
 * compiled schedule and override the calls are routed by, so the ads and the website cannot say
 * something the phone does not do. Pure.
 */
import { dayNumber, isoDate, weekdayIndex } from "../schedule/calendar.ts";
import type { CompiledSchedule } from "../schedule/compile.ts";
import { preview } from "../schedule/preview.ts";
import { hoursOn, sameRanges } from "../schedule/rules.ts";
import { spanDays } from "../schedule/spans.ts";
import { formatTime, MINUTES_PER_DAY, type MinuteRange } from "../schedule/syntax.ts";
import type { PreviewInterval, RuleKind, ScheduleOverride } from "../schedule/types.ts";

export interface WeekGroup {
  /** Consecutive weekdays (0 = Monday) with the same hours. */
  days: number[];
  /** Minutes of the day; empty: closed. `end` may pass 1440 (open past midnight). */
  ranges: MinuteRange[];
}

export interface SpecialDays {
  /** First and last local date (YYYY-MM-DD), consecutive days with the same rule and hours. */
  from: string;
  to: string;
  kind: Exclude<RuleKind, "weekly">;
  /** The rule's name as written (a holiday's, a campaign's, or the override's reason). */
  name: string;
  /** Local opening times of the first day ("09:00", "02:00+1"); empty: closed. */
  hours: { from: string; to: string }[];
  /** A campaign's own week (its hours by weekday), instead of `hours`. */
  week?: WeekGroup[];
}

export interface NowState {
  open: boolean;
  /** While open: when it closes (null: not within the days looked at). */
  closesAt: Date | null;
  /** While closed: when it opens next (null: not within the days looked at). */
  opensAt: Date | null;
}

export interface HoursSheet {
  timezone: string;
  /** No schedule: open around the clock (an override can still close it). */
  always: boolean;
  week: WeekGroup[];
  special: SpecialDays[];
  now: NowState;
  /** Every opening interval of the days looked at, for the calendar feed. */
  openings: { start: Date; end: Date }[];
}

/** Day number of a Monday (1970-01-05): rules hold hours by weekday, and are read from it. */
const A_MONDAY = 4;

/** How far ahead the sheet looks for days that differ and for the next opening. */
export const SHEET_DAYS = 60;
/** How far ahead a hotline that opens only for campaigns looks for the next one. */
export const CAMPAIGN_DAYS = 400;

/**
 * The sheet of one hotline at `at`: `schedule` null means no schedule (always open); `override`
 * the manual override in force, applied like the calls apply it.
 */
export function hoursSheet(
  schedule: CompiledSchedule | null,
  timezone: string,
  at: Date,
  override: ScheduleOverride | null,
  days = SHEET_DAYS,
): HoursSheet {
  if (!schedule) return alwaysOpen(timezone, at, override, days);
  const weekly = schedule.rules.weekly;
  // A Monday: the weekly hours of each weekday in order (the rule holds no dates).
  const byWeekday = Array.from({ length: 7 }, (_, i) => [...hoursOn(weekly.hours, A_MONDAY + i)]);
  const week = groupWeek(byWeekday);
  // A hotline that only opens for campaigns: look far enough ahead to find the next one.
  const neverWeekly = byWeekday.every((r) => r.length === 0);
  const daysAhead = preview(schedule, at, neverWeekly ? Math.max(days, CAMPAIGN_DAYS) : days, override);
  const special: SpecialDays[] = [];
  const first = daysAhead[0];
  const last = daysAhead[daysAhead.length - 1];
  if (first && last) special.push(...campaignRuns(schedule, dayOf(first.date), dayOf(last.date)));
  for (const day of daysAhead) {
    const kind = day.override ? "override" : day.rule.kind;
    // Campaigns are listed whole, with their own week, above.
    if (kind === "weekly" || kind === "campaign") continue;
    const name = day.override ? (override?.reason ?? "") : day.rule.name;
    const hours = day.intervals.map((iv) => ({ from: iv.from, to: iv.to }));
    // A holiday on a day the hotline is closed anyway changes nothing a caller would notice.
    const usual = (byWeekday[weekdayOfDate(day.date)] ?? []).map((r) => ({
      from: formatTime(r.start),
      to: formatTime(r.end),
    }));
    if (sameHours(usual, hours)) continue;
    const last = special[special.length - 1];
    if (
      last &&
      last.kind === kind &&
      last.name === name &&
      sameHours(last.hours, hours) &&
      isoDate(dayOf(last.to) + 1) === day.date
    )
      last.to = day.date;
    else special.push({ from: day.date, to: day.date, kind, name, hours });
  }
  special.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const openings = daysAhead.flatMap((d) => d.intervals.map(toOpening));
  // The end of the last day looked at: an opening that reaches it has no closing to speak of.
  const horizon = schedule.resolve(schedule.dayAt(at.getTime()).day + daysAhead.length - 1).end;
  return { timezone, always: false, week, special, now: nowState(openings, at, horizon), openings };
}

/** Each campaign's runs of consecutive days between two local days, with the campaign's week. */
function campaignRuns(schedule: CompiledSchedule, first: number, last: number): SpecialDays[] {
  const runs: SpecialDays[] = [];
  for (const rule of schedule.rules.campaigns) {
    if (!rule.span) continue;
    const week = groupWeek(Array.from({ length: 7 }, (_, i) => [...hoursOn(rule.hours, A_MONDAY + i)]));
    let run: SpecialDays | null = null;
    let previous = Number.NaN;
    for (const d of spanDays(rule.span, first, last)) {
      if (run && d === previous + 1) run.to = isoDate(d);
      else {
        run = { from: isoDate(d), to: isoDate(d), kind: "campaign", name: rule.name, hours: [], week };
        runs.push(run);
      }
      previous = d;
    }
  }
  return runs;
}

/** Day number of a local date (YYYY-MM-DD). */
export function dayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return dayNumber(y ?? 1970, m ?? 1, d ?? 1);
}

function alwaysOpen(timezone: string, at: Date, override: ScheduleOverride | null, days: number): HoursSheet {
  const end = new Date(at.getTime() + days * 86_400_000);
  let openings = [{ start: at, end }];
  if (override?.state === "closed") {
    const until = override.until;
    openings = until && until < end ? [{ start: until, end }] : [];
  }
  return {
    timezone,
    always: true,
    week: [{ days: [0, 1, 2, 3, 4, 5, 6], ranges: [{ start: 0, end: MINUTES_PER_DAY }] }],
    special: [],
    now: nowState(openings, at, end.getTime()),
    openings,
  };
}

function nowState(openings: readonly { start: Date; end: Date }[], at: Date, horizon: number): NowState {
  const t = at.getTime();
  const current = openings.find((o) => o.start.getTime() <= t && t < o.end.getTime());
  if (current) {
    // Back-to-back intervals (a night range and the next morning) are one opening to a caller.
    let end = current.end;
    for (const o of openings) if (o.start.getTime() === end.getTime()) end = o.end;
    // Open to the end of the days looked at: no closing to speak of.
    return { open: true, closesAt: end.getTime() >= horizon ? null : end, opensAt: null };
  }
  const next = openings.find((o) => o.start.getTime() > t);
  return { open: false, closesAt: null, opensAt: next?.start ?? null };
}

function toOpening(iv: PreviewInterval): { start: Date; end: Date } {
  return { start: iv.start, end: iv.end };
}

/** Consecutive weekdays with the same hours, Monday first. */
export function groupWeek(byWeekday: readonly MinuteRange[][]): WeekGroup[] {
  const groups: WeekGroup[] = [];
  byWeekday.forEach((ranges, day) => {
    const last = groups[groups.length - 1];
    if (last && sameRanges(last.ranges, ranges) && last.days[last.days.length - 1] === day - 1) last.days.push(day);
    else groups.push({ days: [day], ranges });
  });
  return groups;
}

function sameHours(a: readonly { from: string; to: string }[], b: readonly { from: string; to: string }[]): boolean {
  return a.length === b.length && a.every((h, i) => h.from === b[i]?.from && h.to === b[i]?.to);
}

/** Weekday index of a local date (0 = Monday). */
export function weekdayOfDate(date: string): number {
  return weekdayIndex(dayOf(date));
}
