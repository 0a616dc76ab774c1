/**
 * Operators' rosters: shifts, lunch and breaks in the schedule engine's notation, turned into
 * instants of the organization's zone. `rosterAt` is the planned state at an instant: the adapter
 * logs operators in, pauses and resumes them by it, and #6 measures adherence against it.
 */
import type { HotlineConfig, OperatorSettings } from "../config/schema.ts";
import { parseDayHours, parseDayKey, parseRange } from "../schedule/syntax.ts";
import { type Span, union } from "./intervals.ts";
import { addDays, localDate, localInstant, weekdayOf } from "./local-day.ts";

export type Roster = NonNullable<OperatorSettings["roster"]>;

/** What the roster plans for an operator at an instant. */
export type PlannedState = "off" | "on-shift" | "lunch" | "break";

export interface RosterSegment extends Span {
  readonly state: Exclude<PlannedState, "off">;
}

export interface Planned {
  readonly state: PlannedState;
  /** When this state began (null: off with no shift in the week before). */
  readonly since: Date | null;
  /** When it changes next (null: never within a week, e.g. no roster). */
  readonly until: Date | null;
}

interface MinuteSegment {
  readonly state: RosterSegment["state"];
  readonly start: number;
  readonly end: number;
}

/**
 * One weekday's plan in minutes from local midnight (up to 2880 for a night shift): each shift
 * cut into on-shift, lunch and break pieces. Lunch and breaks count only where a shift covers them
 * (a short Friday shift has no lunch); where they overlap, the earlier one wins.
 */
export function dayPlan(roster: Roster, weekday: number): MinuteSegment[] {
  const shifts: { start: number; end: number }[] = [];
  for (const [key, hours] of Object.entries(roster.shifts)) {
    const days = parseDayKey(key);
    const ranges = parseDayHours(hours);
    if (days.ok && ranges.ok && days.value.includes(weekday)) shifts.push(...ranges.value);
  }
  const pauses: MinuteSegment[] = [];
  const addPause = (text: string, state: "lunch" | "break") => {
    const r = parseRange(text);
    if (r.ok)
      for (const offset of [0, 1440]) pauses.push({ state, start: r.value.start + offset, end: r.value.end + offset });
  };
  if (roster.lunch) addPause(roster.lunch, "lunch");
  for (const b of roster.breaks) addPause(b, "break");
  pauses.sort((a, b) => a.start - b.start);

  const out: MinuteSegment[] = [];
  for (const shift of shifts.sort((a, b) => a.start - b.start)) {
    let cursor = shift.start;
    for (const p of pauses) {
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

/** The roster's segments of the local days from `firstDate` for `days` days, as instants. */
export function rosterSegments(roster: Roster, firstDate: string, days: number, zone: string): RosterSegment[] {
  const out: RosterSegment[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(firstDate, i);
    for (const s of dayPlan(roster, weekdayOf(date))) {
      out.push({ state: s.state, start: localInstant(date, s.start, zone), end: localInstant(date, s.end, zone) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** When the operator is planned to take calls (on shift, not at lunch or on a break). */
export function workingSpans(roster: Roster, firstDate: string, days: number, zone: string): Span[] {
  return union(rosterSegments(roster, firstDate, days, zone).filter((s) => s.state === "on-shift"));
}

/** The planned state of `operator` at `at`; an operator without a roster is always off. */
export function rosterAt(
  config: Pick<HotlineConfig, "organization" | "operators">,
  operator: string,
  at: Date,
): Planned {
  const roster = config.operators[operator]?.roster;
  if (!roster) return { state: "off", since: null, until: null };
  const zone = config.organization.timezone;
  const t = at.getTime();
  const today = localDate(t, zone);
  // A week back and a week ahead: yesterday's night shift, and the next shift after a weekend.
  const segments = rosterSegments(roster, addDays(today, -7), 15, zone);
  const i = segments.findIndex((s) => s.start <= t && t < s.end);
  if (i < 0) {
    const before = segments.filter((s) => s.end <= t).at(-1);
    const after = segments.find((s) => s.start > t);
    return { state: "off", since: before ? new Date(before.end) : null, until: after ? new Date(after.start) : null };
  }
  // Touching segments of the same state (two shifts back to back) are one stretch.
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
