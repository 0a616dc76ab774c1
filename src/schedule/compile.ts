/**
 * The compiled schedule: rules indexed once, and each local day resolved on demand into absolute
 * opening intervals (DST already applied) and memoised, so a decision is a cache lookup and a scan
 * of a handful of intervals.
 *
 * Priority, "most specific wins": override > exception (one date) > holiday > campaign (dated
 * period) > weekly. A day is governed by its highest-priority rule, and that rule's ranges for the
 * day — including a range that crosses midnight into the next day — are the day's opening hours.
 * So "fri: 22:00-02:00+1" keeps the hotline open until 02:00 on Saturday even when Saturday is a
 * holiday; to close those small hours, give Friday an exception too.
 */
import { civil, MS_PER_DAY, type Zone } from "./calendar.ts";
import type { Interval } from "./intervals.ts";
import { type Closure, type DayRule, hoursOn, PRIORITY, type RuleSet } from "./rules.ts";
import { covers, lastDay } from "./spans.ts";
import type { MinuteRange } from "./syntax.ts";
import { analyse, ScheduleError, type ScheduleSourceOptions } from "./validate.ts";

/** A part of the day's hours removed by a timed ics holiday. */
export interface Cut extends Interval {
  readonly closure: Closure;
}

/** One local day, resolved. */
export interface ResolvedDay {
  readonly day: number;
  /** Instants of local midnight starting this day and the next one. */
  readonly start: number;
  readonly end: number;
  readonly rule: DayRule;
  readonly ranges: readonly MinuteRange[];
  /** Opening intervals starting this day, ordered, absolute (ms since epoch). */
  readonly intervals: readonly Interval[];
  readonly cuts: readonly Cut[];
}

const CACHE_LIMIT = 20_000;

export class CompiledSchedule {
  readonly rules: RuleSet;
  readonly zone: Zone;
  /** Whether any rule has any hours: if not, the hotline is never open. */
  readonly canOpen: boolean;
  /** Only weekly hours: the pattern repeats every week. */
  private readonly weeklyOnly: boolean;
  /** After this day, only recurring rules remain (null: no one-time rules). */
  private readonly lastDatedDay: number | null;
  /** Whether some rule recurs every year (or every few years). */
  private readonly recurs: boolean;
  private readonly cache = new Map<number, ResolvedDay>();
  private guessOffsetMs: number;

  constructor(rules: RuleSet) {
    this.rules = rules;
    this.zone = rules.zone;
    const dayRules = [rules.weekly, ...rules.campaigns, ...rules.holidays, ...rules.exceptions];
    this.canOpen = dayRules.some((r) =>
      r.hours.kind === "daily" ? r.hours.ranges.length > 0 : r.hours.days.some((d) => d && d.length > 0),
    );
    this.weeklyOnly = dayRules.length === 1 && rules.closures.length === 0;
    let last: number | null = null;
    for (const r of dayRules) {
      const l = r.span ? lastDay(r.span) : null;
      if (l !== null) last = Math.max(last ?? l, l);
    }
    for (const c of rules.closures) last = Math.max(last ?? 0, Math.ceil(c.end / MS_PER_DAY) + 1);
    this.lastDatedDay = last;
    this.recurs = dayRules.some((r) => r.span !== null && lastDay(r.span) === null);
    this.guessOffsetMs = rules.zone.offset(0) * 60_000;
  }

  /**
   * The last day worth scanning for a change, looking forward from `day`: past the last one-time
   * rule, weekly hours repeat within 8 days, and yearly rules within 8 years (a Feb 29 holiday
   * skips 2100). No change within the horizon means none ever: nextChange is then null.
   */
  horizon(day: number): number {
    if (this.weeklyOnly) return day + 8;
    return Math.max(day, this.lastDatedDay ?? day) + (this.recurs ? 8 * 366 : 0) + 8;
  }

  private governing(day: number): DayRule {
    const date = civil(day);
    for (const level of [this.rules.exceptions, this.rules.holidays, this.rules.campaigns]) {
      for (const rule of level) if (rule.span && covers(rule.span, day, date)) return rule;
    }
    return this.rules.weekly;
  }

  resolve(day: number): ResolvedDay {
    const hit = this.cache.get(day);
    if (hit) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const rule = this.governing(day);
    const ranges = hoursOn(rule.hours, day);
    const zone = this.zone;
    let intervals: Interval[] = [];
    for (const r of ranges) {
      const start = zone.instant(day, r.start);
      const end = zone.instant(day, r.end);
      if (end > start) intervals.push({ start, end }); // empty inside a spring-forward gap
    }
    const cuts: Cut[] = [];
    if (PRIORITY[rule.kind] <= PRIORITY.holiday) {
      for (const closure of this.rules.closures) intervals = subtract(intervals, closure, cuts);
    }
    const resolved: ResolvedDay = {
      day,
      start: zone.instant(day, 0),
      end: zone.instant(day + 1, 0),
      rule,
      ranges,
      intervals,
      cuts,
    };
    this.cache.set(day, resolved);
    return resolved;
  }

  /**
   * UTC offset in minutes at an instant. On the usual 24-hour day it is read off the resolved day
   * (no Intl call); on a DST-change day it is asked of the zone.
   */
  offsetAt(ms: number): number {
    const r = this.dayAt(ms);
    if (r.end - r.start === MS_PER_DAY) return (r.day * MS_PER_DAY - r.start) / 60_000;
    return this.zone.offset(ms);
  }

  /** The local day an instant falls on (its resolution, which is needed next anyway). */
  dayAt(ms: number): ResolvedDay {
    let r = this.resolve(Math.floor((ms + this.guessOffsetMs) / MS_PER_DAY));
    while (ms < r.start) r = this.resolve(r.day - 1);
    while (ms >= r.end) r = this.resolve(r.day + 1);
    this.guessOffsetMs = r.day * MS_PER_DAY - r.start;
    return r;
  }
}

function subtract(intervals: Interval[], closure: Closure, cuts: Cut[]): Interval[] {
  const out: Interval[] = [];
  for (const iv of intervals) {
    if (closure.end <= iv.start || closure.start >= iv.end) {
      out.push(iv);
      continue;
    }
    if (iv.start < closure.start) out.push({ start: iv.start, end: closure.start });
    cuts.push({ start: Math.max(iv.start, closure.start), end: Math.min(iv.end, closure.end), closure });
    if (closure.end < iv.end) out.push({ start: closure.end, end: iv.end });
  }
  return out;
}

/**
 * Validates and compiles a schedule block (the value under `schedule:`). ics imports are read
 * through `options.icsLoader` (or given pre-parsed as `options.icsEvents`). Throws ScheduleError
 * listing every issue, including equal-priority rules that disagree.
 */
export function compileSchedule(value: unknown, options: ScheduleSourceOptions = {}): CompiledSchedule {
  const { rules, issues } = analyse(value, options);
  if (!rules) throw new ScheduleError(issues);
  return new CompiledSchedule(rules);
}
