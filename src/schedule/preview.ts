/** Day-by-day opening hours in local time, for `hotline schedule --days 14`. */
import { isoDate, weekdayName } from "./calendar.ts";
import type { CompiledSchedule } from "./compile.ts";
import { dayRuleRef } from "./refs.ts";
import type { DayPreview } from "./types.ts";

/**
 * `days` local days starting with the day `from` falls on. Each day lists the intervals that start
 * on it (after DST and timed ics holidays), so a night range shows as 22:00 → 02:00+1 on its first day.
 * Overrides are not applied: they are about instants, not days; show them separately.
 */
export function preview(schedule: CompiledSchedule, from: Date, days: number): DayPreview[] {
  const first = schedule.dayAt(from.getTime()).day;
  const zone = schedule.zone;
  const out: DayPreview[] = [];
  for (let d = first; d < first + days; d++) {
    const r = schedule.resolve(d);
    out.push({
      date: isoDate(d),
      weekday: weekdayName(d),
      rule: dayRuleRef(schedule, r),
      intervals: r.intervals.map((iv) => ({
        start: new Date(iv.start),
        end: new Date(iv.end),
        from: zone.localTime(iv.start, d),
        to: zone.localTime(iv.end, d),
      })),
    });
  }
  return out;
}
