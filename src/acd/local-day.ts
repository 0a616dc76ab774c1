/** Local calendar days and wall-clock minutes in the organization's zone (luxon handles DST). */
import { DateTime } from "luxon";

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? "";
}

/**
 * The instant of `minutes` after local midnight of `date` as a wall-clock time, so 13:00 stays
 * 13:00 on a daylight-saving day; minutes past 1440 fall on the following days (night shifts).
 */
export function localInstant(date: string, minutes: number, zone: string): number {
  const day = DateTime.fromISO(date, { zone }).plus({ days: Math.floor(minutes / 1440) });
  const m = minutes % 1440;
  return day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 }).toMillis();
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate() ?? date;
}

/** Monday = 0 … Sunday = 6, as the schedule engine numbers weekdays. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date).weekday - 1;
}
