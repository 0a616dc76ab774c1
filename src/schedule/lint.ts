/**
 * Warnings about schedules that are valid but probably not what was meant. They never block a
 * configuration: a weekday left out between open days may be deliberate, so it is only pointed at.
 */

import { civil, isoDate } from "./calendar.ts";
import type { CompiledSchedule } from "./compile.ts";
import { analysisWindow, type DayRule, type Hours } from "./rules.ts";
import { covers, spanDays } from "./spans.ts";
import { formatRange, MINUTES_PER_DAY, type MinuteRange, WEEKDAYS } from "./syntax.ts";
import type { ScheduleIssue, SchedulePath } from "./types.ts";

function hoursPath(rule: DayRule): SchedulePath {
  if (rule.kind === "weekly") return rule.path;
  return [...rule.path, rule.hours.kind === "weekly" ? "weekly" : "hours"];
}

/** A day left out of a weekly map while the days around it are open. */
function weekdayGaps(hours: Hours, path: SchedulePath, what: string): ScheduleIssue[] {
  if (hours.kind !== "weekly") return [];
  const open = hours.days.map((d) => d !== undefined && d.length > 0);
  const out: ScheduleIssue[] = [];
  for (let d = 1; d < 6; d++) {
    if (hours.days[d] !== undefined) continue;
    const before = open.slice(0, d).lastIndexOf(true);
    const after = open.indexOf(true, d + 1);
    if (before >= 0 && after >= 0) {
      out.push({
        path,
        message: `${WEEKDAYS[d]} has no hours in ${what} although ${WEEKDAYS[before]} and ${WEEKDAYS[after]} are open; write "${WEEKDAYS[d]}: closed" if that is intended`,
      });
    }
  }
  return out;
}

function overlapsWithin(ranges: readonly MinuteRange[], where: string, path: SchedulePath): ScheduleIssue[] {
  const out: ScheduleIssue[] = [];
  for (let i = 1; i < ranges.length; i++) {
    const a = ranges[i - 1] as MinuteRange;
    const b = ranges[i] as MinuteRange;
    if (b.start < a.end) {
      out.push({ path, message: `ranges ${formatRange(a)} and ${formatRange(b)} overlap ${where}` });
    }
  }
  return out;
}

/** Overlapping ranges on one day, and night ranges running into the next day's hours. */
function rangeOverlaps(rule: DayRule, what: string): ScheduleIssue[] {
  const path = hoursPath(rule);
  const hours = rule.hours;
  if (hours.kind === "daily") {
    const out = overlapsWithin(hours.ranges, `in ${what}`, path);
    const last = hours.ranges[hours.ranges.length - 1];
    const first = hours.ranges[0];
    if (rule.kind !== "exception" && last && first && last.end - MINUTES_PER_DAY > first.start) {
      out.push({ path, message: `${formatRange(last)} runs into the next day's ${formatRange(first)} in ${what}` });
    }
    return out;
  }
  const out: ScheduleIssue[] = [];
  hours.days.forEach((ranges, d) => {
    if (!ranges) return;
    const dayPath = [...path, hours.keys[d] ?? ""];
    out.push(...overlapsWithin(ranges, `on ${WEEKDAYS[d]} in ${what}`, dayPath));
    const next = hours.days[(d + 1) % 7]?.[0];
    const last = ranges[ranges.length - 1];
    if (next && last && last.end - MINUTES_PER_DAY > next.start) {
      out.push({
        path: dayPath,
        message: `${WEEKDAYS[d]} ${formatRange(last)} runs into ${WEEKDAYS[(d + 1) % 7]} ${formatRange(next)} in ${what}`,
      });
    }
  });
  return out;
}

/** A campaign whose every day is taken by a holiday or exception never applies. */
function hiddenCampaigns(schedule: CompiledSchedule): ScheduleIssue[] {
  const rules = schedule.rules;
  const window = analysisWindow(rules);
  const higher = [...rules.holidays, ...rules.exceptions];
  const out: ScheduleIssue[] = [];
  for (const c of rules.campaigns) {
    if (!c.span) continue;
    const days = spanDays(c.span, window.first, window.last);
    const hidden = days.every((d) => higher.some((h) => h.span && covers(h.span, d, civil(d))));
    if (days.length > 0 && hidden) {
      out.push({
        path: c.path,
        message: `campaign "${c.name}" is entirely covered by holidays or exceptions, so its hours never apply`,
      });
    }
  }
  return out;
}

function duplicateExceptions(schedule: CompiledSchedule): ScheduleIssue[] {
  const seen = new Map<number, DayRule>();
  const out: ScheduleIssue[] = [];
  for (const e of schedule.rules.exceptions) {
    if (e.span?.kind !== "dates") continue;
    const earlier = seen.get(e.span.first);
    if (earlier) {
      out.push({
        path: e.path,
        message: `${isoDate(e.span.first)} already has an exception at ${earlier.path.join(".")}`,
      });
    } else seen.set(e.span.first, e);
  }
  return out;
}

/** Warnings (not errors) about gaps and overlaps that look unintended. */
export function lint(schedule: CompiledSchedule): ScheduleIssue[] {
  const rules = schedule.rules;
  const out: ScheduleIssue[] = [];
  if (!schedule.canOpen) out.push({ path: [], message: "the schedule never opens: no rule has any hours" });
  out.push(...weekdayGaps(rules.weekly.hours, rules.weekly.path, "the weekly hours"));
  out.push(...rangeOverlaps(rules.weekly, "the weekly hours"));
  for (const rule of [...rules.campaigns, ...rules.holidays, ...rules.exceptions]) {
    const what = `${rule.kind} "${rule.name}"`;
    if (rule.hours.kind === "weekly") out.push(...weekdayGaps(rule.hours, hoursPath(rule), what));
    out.push(...rangeOverlaps(rule, what));
  }
  out.push(...hiddenCampaigns(schedule));
  out.push(...duplicateExceptions(schedule));
  return out;
}
