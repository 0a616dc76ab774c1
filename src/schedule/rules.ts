/**
 * Rules: the validated schedule block turned into date spans and minute ranges. This is where the
 * text notations are read for good; the compiled schedule only deals with numbers afterwards.
 */
import { civil, dayNumber, monthDay, weekdayIndex, type Zone } from "./calendar.ts";
import type { IcsEvent } from "./ics.ts";
import type { DayHoursConfig, ScheduleConfig, WeeklyHoursConfig } from "./schema.ts";
import { type DateSpan, describeSpan } from "./spans.ts";
import {
  ALWAYS,
  formatRange,
  MINUTES_PER_DAY,
  type MinuteRange,
  parseDate,
  parseDayHours,
  parseDayKey,
} from "./syntax.ts";
import type { RuleKind, SchedulePath } from "./types.ts";

/** Larger wins. Overrides are not rules of the schedule: they arrive with each question. */
export const PRIORITY: Record<RuleKind, number> = { weekly: 0, campaign: 1, holiday: 2, exception: 3, override: 4 };

/** Hours every day alike, or per weekday (index 0 = mon; undefined = not mentioned, i.e. closed). */
export type Hours =
  | { readonly kind: "daily"; readonly ranges: readonly MinuteRange[] }
  | {
      readonly kind: "weekly";
      readonly days: readonly (readonly MinuteRange[] | undefined)[];
      readonly keys: readonly (string | undefined)[];
    };

export interface DayRule {
  readonly kind: Exclude<RuleKind, "override">;
  readonly name: string;
  readonly path: SchedulePath;
  /** null: applies every day (the weekly rule). */
  readonly span: DateSpan | null;
  readonly hours: Hours;
  /** Where an imported rule comes from, e.g. `holidays/es.ics line 12`. */
  readonly source?: string;
}

/** A timed iCalendar holiday: closes the hotline between two instants, at holiday priority. */
export interface Closure {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly path: SchedulePath;
  readonly source: string;
}

export interface RuleSet {
  readonly zone: Zone;
  readonly weekly: DayRule;
  readonly campaigns: readonly DayRule[];
  readonly holidays: readonly DayRule[];
  readonly exceptions: readonly DayRule[];
  readonly closures: readonly Closure[];
}

const NO_RANGES: readonly MinuteRange[] = [];

export function hoursOn(hours: Hours, day: number): readonly MinuteRange[] {
  return hours.kind === "daily" ? hours.ranges : (hours.days[weekdayIndex(day)] ?? NO_RANGES);
}

export function describeRanges(ranges: readonly MinuteRange[]): string {
  if (ranges.length === 0) return "closed";
  if (ranges.length === 1 && ranges[0]?.start === 0 && ranges[0].end === MINUTES_PER_DAY) return "24h";
  return ranges.map(formatRange).join(", ");
}

export function sameRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]?.start && r.end === b[i]?.end);
}

/** `holiday "Christmas Day" (12-25 every year)` */
export function describeRule(rule: DayRule): string {
  if (rule.kind === "weekly") return "weekly hours";
  const when = rule.span ? describeSpan(rule.span) : "";
  const from = rule.source ? `, from ${rule.source}` : "";
  return `${rule.kind} "${rule.name}" (${when}${from})`;
}

function dayHours(value: DayHoursConfig): MinuteRange[] {
  const r = parseDayHours(value);
  if (!r.ok) throw new Error(`schedule was not validated: ${r.error}`);
  return r.value;
}

function weeklyHours(value: WeeklyHoursConfig): Hours {
  const days: (MinuteRange[] | undefined)[] = new Array(7).fill(undefined);
  const keys: (string | undefined)[] = new Array(7).fill(undefined);
  for (const [key, hours] of Object.entries(value)) {
    const parsed = parseDayKey(key);
    if (!parsed.ok) throw new Error(`schedule was not validated: ${parsed.error}`);
    for (const d of parsed.value) {
      days[d] = dayHours(hours);
      keys[d] = key;
    }
  }
  return { kind: "weekly", days, keys };
}

function spanOf(from: string, to: string): DateSpan {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a.ok || !b.ok) throw new Error("schedule was not validated: bad date");
  const x = a.value;
  const y = b.value;
  if (!x.yearly && !y.yearly) {
    return { kind: "dates", first: dayNumber(x.year, x.month, x.day), last: dayNumber(y.year, y.month, y.day) };
  }
  return { kind: "yearly", from: monthDay(x.month, x.day), to: monthDay(y.month, y.day) };
}

const ALL_WEEK: Hours = { kind: "daily", ranges: [{ start: 0, end: MINUTES_PER_DAY }] };
const NEVER: Hours = { kind: "weekly", days: new Array(7).fill(undefined), keys: new Array(7).fill(undefined) };

/** Turns ics events into holiday rules (all-day) and closures (timed). */
function icsRules(
  events: readonly IcsEvent[],
  ref: string,
  path: SchedulePath,
  out: { holidays: DayRule[]; closures: Closure[] },
) {
  for (const e of events) {
    const source = `${ref} line ${e.line}`;
    if (e.kind === "timed") {
      out.closures.push({ start: e.start.getTime(), end: e.end.getTime(), name: e.summary, path, source });
      continue;
    }
    const first = dayNumber(e.start.year, e.start.month, e.start.day);
    const span: DateSpan = { kind: "dates", first, last: first + e.days - 1 };
    out.holidays.push({ kind: "holiday", name: e.summary, path, span, hours: { kind: "daily", ranges: [] }, source });
  }
}

/**
 * Builds the rule set from a schedule that passed `scheduleSchema`. `icsEvents(ref, path)` returns
 * the parsed events of an ics import (the caller decides how files are read and reports errors).
 */
export function buildRules(
  config: ScheduleConfig,
  zone: Zone,
  icsEvents: (ref: string, path: SchedulePath) => readonly IcsEvent[],
): RuleSet {
  const weeklyConfig = config.weekly;
  let weeklyHoursValue: Hours = NEVER;
  if (typeof weeklyConfig === "string") {
    if ((ALWAYS as readonly string[]).includes(weeklyConfig)) weeklyHoursValue = ALL_WEEK;
  } else if (weeklyConfig) weeklyHoursValue = weeklyHours(weeklyConfig);
  const weekly: DayRule = {
    kind: "weekly",
    name: "weekly hours",
    path: ["weekly"],
    span: null,
    hours: weeklyHoursValue,
  };

  const campaigns: DayRule[] = (config.campaigns ?? []).map((c, i) => ({
    kind: "campaign",
    name: c.name,
    path: ["campaigns", i],
    span: spanOf(c.from, c.to),
    hours: c.weekly ? weeklyHours(c.weekly) : { kind: "daily", ranges: dayHours(c.hours ?? "closed") },
  }));

  const out = { holidays: [] as DayRule[], closures: [] as Closure[] };
  (config.holidays ?? []).forEach((h, i) => {
    const path = ["holidays", i];
    if (h.ics !== undefined) {
      icsRules(icsEvents(h.ics, [...path, "ics"]), h.ics, [...path, "ics"], out);
      return;
    }
    const from = h.date ?? h.from ?? "";
    const to = h.date ?? h.to ?? "";
    out.holidays.push({
      kind: "holiday",
      name: h.name ?? from,
      path,
      span: spanOf(from, to),
      hours: { kind: "daily", ranges: dayHours(h.hours ?? "closed") },
    });
  });

  const exceptions: DayRule[] = (config.exceptions ?? []).map((e, i) => ({
    kind: "exception",
    name: e.name ?? e.date,
    path: ["exceptions", i],
    span: spanOf(e.date, e.date),
    hours: { kind: "daily", ranges: dayHours(e.hours) },
  }));

  return { zone, weekly, campaigns, holidays: out.holidays, exceptions, closures: out.closures };
}

/** Years worth examining for overlaps: every year a one-time rule touches, plus a full 28-year
 * weekday/leap-year cycle so that yearly rules meet every combination of weekday and leap year. */
export function analysisWindow(rules: RuleSet): { first: number; last: number } {
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  const all = [...rules.campaigns, ...rules.holidays, ...rules.exceptions];
  for (const r of all) {
    if (!r.span || r.span.kind === "yearly") continue;
    minYear = Math.min(minYear, civil(r.span.first).year);
    maxYear = Math.max(maxYear, civil(r.span.last).year);
  }
  if (!Number.isFinite(minYear)) {
    minYear = 2025; // no dated rule: any 28 consecutive years will do; recent ones read better
    maxYear = minYear;
  }
  const hasRecurring = all.some((r) => r.span?.kind !== "dates");
  if (hasRecurring) maxYear = Math.max(maxYear, minYear + 27);
  return { first: dayNumber(minYear, 1, 1), last: dayNumber(maxYear, 12, 31) };
}
