/**
 * Operators' rosters, read one way for everyone: the ACD's plan (log in, pause, resume, log out),
 * the weekly report's planned time and adherence, and `hotline check`. Pure.
 *
 * A roster is shifts per weekday key, a lunch and short breaks in the schedule notation
 * (syntax.ts): wall-clock times of the organization's zone.
 * - A shift belongs to the weekday it starts on; `22:00-06:00+1` runs into the next morning.
 *   Shifts that overlap or touch are one stretch.
 * - Lunch and breaks are times of day. Each applies wherever a shift covers it, whichever day that
 *   shift began: a 02:00 break belongs to the night shift that started at 22:00 the evening before.
 *   Where no shift covers it (lunch on a short Friday) it does not apply; where a shift covers
 *   only part of it, that part applies.
 * - Where lunch and breaks overlap, the one that starts first wins (`hotline check` says so).
 */
import { type Interval, intersect, totalLength, union } from "./intervals.ts";
import { addDays, daysBetween, localDate, localInstant, weekdayOf } from "./local-day.ts";
import { MINUTES_PER_DAY, type MinuteRange, parseDayHours, parseDayKey, parseRange } from "./syntax.ts";

export interface Roster {
  readonly shifts: Readonly<Record<string, string | readonly string[]>>;
  readonly lunch?: string | undefined;
  readonly breaks: readonly string[];
}

export type PauseState = "lunch" | "break";
export type RosterState = "on-shift" | PauseState;
/** What the roster plans for an operator at an instant. */
export type PlannedState = "off" | RosterState;

/** A piece of a shift: taking calls, at lunch or on a break. */
export interface RosterSegment extends Interval {
  readonly state: RosterState;
}

/** Planned to take calls. */
export const WORKING: readonly RosterState[] = ["on-shift"];
/** Planned lunch and breaks. */
export const PAUSES: readonly RosterState[] = ["lunch", "break"];
/** The shift as rostered, lunch and breaks included. */
export const WHOLE_SHIFT: readonly RosterState[] = ["on-shift", "lunch", "break"];

export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A lunch or break as written: `index` is its place in `breaks` (absent for lunch). */
export interface RosterPause {
  readonly state: PauseState;
  readonly text: string;
  readonly range: MinuteRange;
  readonly index?: number;
}

/** Lunch, then the breaks in order; a text that does not parse (the schema reports it) is left out. */
export function rosterPauses(roster: Roster): RosterPause[] {
  const out: RosterPause[] = [];
  if (roster.lunch) {
    const r = parseRange(roster.lunch);
    if (r.ok) out.push({ state: "lunch", text: roster.lunch, range: r.value });
  }
  roster.breaks.forEach((text, index) => {
    const r = parseRange(text);
    if (r.ok) out.push({ state: "break", text, range: r.value, index });
  });
  return out;
}

/** The shifts that begin on a weekday (0 = Monday), in minutes from its midnight (up to 2880). */
export function shiftsOn(roster: Roster, weekday: number): Interval[] {
  const out: MinuteRange[] = [];
  for (const [key, hours] of Object.entries(roster.shifts)) {
    const days = parseDayKey(key);
    if (!days.ok || !days.value.includes(weekday)) continue;
    const ranges = parseDayHours(hours);
    if (ranges.ok) out.push(...ranges.value);
  }
  return union(out);
}

/**
 * One weekday's plan: the shifts that begin that day cut into on-shift, lunch and break pieces, in
 * minutes from its midnight (a night shift's pieces run past 1440).
 */
export function dayPlan(roster: Roster, weekday: number): RosterSegment[] {
  return minutePlan(roster, weekday, 0, 0);
}

/**
 * The week's plan by the wall clock, in minutes from Monday 00:00 (0 … 10080): what a shift begun
 * on Sunday evening does after midnight is on Monday morning.
 */
export function weekPlan(roster: Roster): RosterSegment[] {
  return clipSegments(minutePlan(roster, 0, -1, 6), { start: 0, end: MINUTES_PER_WEEK });
}

/** Minute-of-week mask (Monday 00:00 = 0) of the week's plan in the given states. */
export function weekMask(roster: Roster, states: readonly RosterState[]): Uint8Array {
  const mask = new Uint8Array(MINUTES_PER_WEEK);
  for (const r of spansOf(weekPlan(roster), states)) mask.fill(1, r.start, r.end);
  return mask;
}

/** How much of a lunch or break some shift covers on its best day: all of it, part of it, or none. */
export function pauseCoverage(roster: Roster, pause: MinuteRange): "whole" | "part" | "none" {
  const cover = union(
    flatDays(-1, 7).flatMap((d) => shiftsOn(roster, weekdayAt(d)).map((r) => shiftedBy(r, d * MINUTES_PER_DAY))),
  );
  let best = 0;
  for (let d = 0; d < 7; d++) {
    best = Math.max(best, totalLength(intersect([shiftedBy(pause, d * MINUTES_PER_DAY)], cover)));
  }
  if (best === 0) return "none";
  return best >= pause.end - pause.start ? "whole" : "part";
}

/** A time span in a zone: a week, or any window the plan is wanted for. */
export interface ZonedWindow extends Interval {
  readonly timezone: string;
}

/**
 * The roster's segments within `window`, as instants (cut to the window). Shifts begun the day
 * before the window are included: Sunday's night shift reaches into Monday. Wall-clock times
 * become instants by the schedule engine's DST rule, so a night shift lasts 7 h when the clocks go
 * forward and 9 h when they go back, and a 02:00 break on the spring-forward night is at 03:00.
 */
export function plannedSegments(roster: Roster, window: ZonedWindow): RosterSegment[] {
  const zone = window.timezone;
  const first = addDays(localDate(window.start, zone), -1);
  const days = daysBetween(first, localDate(window.end, zone));
  const pauses = rosterPauses(roster);
  const shifts: Interval[] = [];
  const planned: RosterSegment[] = [];
  for (let i = -1; i <= days + 1; i++) {
    const date = addDays(first, i);
    const instant = (r: MinuteRange) => ({
      start: localInstant(date, r.start, zone),
      end: localInstant(date, r.end, zone),
    });
    if (i >= 0 && i <= days) for (const r of shiftsOn(roster, weekdayOf(date))) shifts.push(instant(r));
    for (const p of pauses) planned.push({ state: p.state, ...instant(p.range) });
  }
  return clipSegments(cut(shifts, planned), window);
}

/** When the roster plans the given states within `window` (by default: taking calls). */
export function plannedIntervals(
  roster: Roster,
  window: ZonedWindow,
  states: readonly RosterState[] = WORKING,
): Interval[] {
  return spansOf(plannedSegments(roster, window), states);
}

/** The segments in the given states, joined. */
export function spansOf(segments: readonly RosterSegment[], states: readonly RosterState[]): Interval[] {
  return union(segments.filter((s) => states.includes(s.state)));
}

export interface Planned {
  readonly state: PlannedState;
  /** When this state began (null: off with no shift in the week before). */
  readonly since: Date | null;
  /** When it changes next (null: never within a week, e.g. no shifts). */
  readonly until: Date | null;
}

/** The planned state at `at`, with when it began and when it changes next. */
export function planAt(roster: Roster, at: Date, zone: string): Planned {
  const t = at.getTime();
  const today = localDate(t, zone);
  // A week back and a week ahead: yesterday's night shift, and the next shift after a weekend.
  const segments = plannedSegments(roster, {
    start: localInstant(addDays(today, -8), 0, zone),
    end: localInstant(addDays(today, 8), 0, zone),
    timezone: zone,
  });
  const i = segments.findIndex((s) => s.start <= t && t < s.end);
  if (i < 0) {
    const before = segments.filter((s) => s.end <= t).at(-1);
    const after = segments.find((s) => s.start > t);
    return { state: "off", since: before ? new Date(before.end) : null, until: after ? new Date(after.start) : null };
  }
  // Touching segments of the same state (two breaks back to back) are one stretch.
  const here = segments[i] as RosterSegment;
  let start = i;
  while (start > 0 && segments[start - 1]?.state === here.state && segments[start - 1]?.end === segments[start]?.start)
    start--;
  let end = i;
  while (segments[end + 1]?.state === here.state && segments[end + 1]?.start === segments[end]?.end) end++;
  return {
    state: here.state,
    since: new Date((segments[start] as RosterSegment).start),
    until: new Date((segments[end] as RosterSegment).end),
  };
}

/**
 * Shifts (joined) cut into on-shift pieces and the pauses that fall in them; `pauses` are
 * occurrences of lunch and breaks on every day concerned, and only what a shift covers is kept.
 */
function cut(shifts: readonly Interval[], pauses: readonly RosterSegment[]): RosterSegment[] {
  const ordered = [...pauses].sort((a, b) => a.start - b.start);
  const out: RosterSegment[] = [];
  for (const shift of union(shifts)) {
    let cursor = shift.start;
    for (const p of ordered) {
      const start = Math.max(p.start, cursor);
      const end = Math.min(p.end, shift.end);
      if (end <= start) continue;
      if (start > cursor) out.push({ state: "on-shift", start: cursor, end: start });
      out.push({ state: p.state, start, end });
      cursor = end;
    }
    if (cursor < shift.end) out.push({ state: "on-shift", start: cursor, end: shift.end });
  }
  return out;
}

/**
 * The plan in minutes from the midnight of day 0, whose weekday is `weekday0`, for the shifts that
 * begin on days `from` … `to` (relative to day 0); lunch and breaks of the days around them.
 */
function minutePlan(roster: Roster, weekday0: number, from: number, to: number): RosterSegment[] {
  const pauses = rosterPauses(roster);
  const shifts: Interval[] = [];
  const planned: RosterSegment[] = [];
  for (const d of flatDays(from - 1, to + 1)) {
    const offset = d * MINUTES_PER_DAY;
    if (d >= from && d <= to)
      for (const r of shiftsOn(roster, weekdayAt(weekday0 + d))) shifts.push(shiftedBy(r, offset));
    for (const p of pauses) planned.push({ state: p.state, ...shiftedBy(p.range, offset) });
  }
  return cut(shifts, planned);
}

function clipSegments(segments: readonly RosterSegment[], window: Interval): RosterSegment[] {
  const out: RosterSegment[] = [];
  for (const s of segments) {
    const start = Math.max(s.start, window.start);
    const end = Math.min(s.end, window.end);
    if (end > start) out.push({ state: s.state, start, end });
  }
  return out;
}

function flatDays(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The weekday (0 = Monday) of day `d` counted from a Monday. */
function weekdayAt(d: number): number {
  return ((d % 7) + 7) % 7;
}

function shiftedBy(r: MinuteRange, minutes: number): Interval {
  return { start: r.start + minutes, end: r.end + minutes };
}
