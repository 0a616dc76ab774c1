/** Day-by-day opening hours in local time, for `hotline schedule --days 14`. */
import { isoDate, weekdayName } from "./calendar.ts";
import type { CompiledSchedule } from "./compile.ts";
import { type Interval, intersect, subtract, union } from "./intervals.ts";
import { dayRuleRef, overrideRef } from "./refs.ts";
import type { DayPreview, ScheduleOverride } from "./types.ts";

/**
 * `days` local days starting with the day `from` falls on. Each day lists the intervals that start
 * on it (after DST and timed ics holidays), so a night range shows as 22:00 → 02:00+1 on its first day.
 * An override applies from the time it was set until its `until`: a day whose hours it changes shows
 * the changed hours and names the override.
 */
export function preview(
  schedule: CompiledSchedule,
  from: Date,
  days: number,
  override?: ScheduleOverride | null,
): DayPreview[] {
  const first = schedule.dayAt(from.getTime()).day;
  const zone = schedule.zone;
  const window: Interval | null = override
    ? {
        start: override.from?.getTime() ?? Number.NEGATIVE_INFINITY,
        end: override.until?.getTime() ?? Number.POSITIVE_INFINITY,
      }
    : null;
  const out: DayPreview[] = [];
  for (let d = first; d < first + days; d++) {
    const r = schedule.resolve(d);
    let intervals: readonly Interval[] = r.intervals;
    let changed = false;
    if (override && window) {
      const next =
        override.state === "open"
          ? union([...r.intervals, ...intersect([window], [{ start: r.start, end: r.end }])])
          : subtract(r.intervals, [window]);
      changed = !sameIntervals(next, union(r.intervals));
      if (changed) intervals = next;
    }
    out.push({
      date: isoDate(d),
      weekday: weekdayName(d),
      rule: dayRuleRef(schedule, r),
      override: changed && override ? overrideRef(override, zone) : null,
      intervals: intervals.map((iv) => ({
        start: new Date(iv.start),
        end: new Date(iv.end),
        from: zone.localTime(iv.start, d),
        to: zone.localTime(iv.end, d),
      })),
    });
  }
  return out;
}

function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x.start === b[i]?.start && x.end === b[i]?.end);
}
