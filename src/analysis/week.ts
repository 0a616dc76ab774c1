import { DateTime } from "luxon";
import type { IsoWeek } from "./types.ts";

const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** "2026-W47" in a time zone: Monday 00:00 local to the next Monday 00:00 local. */
export function isoWeek(label: string, timezone: string): IsoWeek {
  const m = WEEK_LABEL.exec(label.trim());
  if (!m) throw new Error(`"${label}" is not an ISO week; write it like 2026-W47`);
  const weekYear = Number(m[1]);
  const weekNumber = Number(m[2]);
  const start = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timezone });
  if (!start.isValid || start.weekNumber !== weekNumber) throw new Error(`${label}: no such week in ${weekYear}`);
  return fromStart(start);
}

/** The week containing an instant. */
export function weekContaining(at: Date | number, timezone: string): IsoWeek {
  const local = DateTime.fromMillis(+at, { zone: timezone }).startOf("week");
  return fromStart(local);
}

/** The last week that has fully ended at `now` (the default of `hotline report`). */
export function lastCompleteWeek(now: Date | number, timezone: string): IsoWeek {
  return previousWeek(weekContaining(now, timezone));
}

export function previousWeek(week: IsoWeek): IsoWeek {
  return fromStart(DateTime.fromMillis(week.start, { zone: week.timezone }).minus({ weeks: 1 }));
}

function fromStart(start: DateTime): IsoWeek {
  const monday = start.startOf("day");
  const next = monday.plus({ weeks: 1 });
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() ?? "");
  return {
    label: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, "0")}`,
    timezone: monday.zoneName ?? "UTC",
    start: monday.toMillis(),
    end: next.toMillis(),
    hours: Math.round(next.diff(monday, "hours").hours),
    days,
  };
}

/** Local weekday (0 = Monday) and hour of an instant: the heatmap's cell, by wall-clock hour. */
export function localSlot(at: number, timezone: string): { day: number; hour: number } {
  const t = DateTime.fromMillis(at, { zone: timezone });
  return { day: t.weekday - 1, hour: t.hour };
}
