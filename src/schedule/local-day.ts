/**
 * Local calendar days (YYYY-MM-DD) and wall-clock minutes in a time zone, for rosters, staffing and
 * the weekly report. Wall-clock times become instants by the schedule engine's own DST rule
 * (calendar.ts): a time the clocks skip moves forward by the gap, a repeated time is its first
 * occurrence. So a roster and the opening hours it is compared with never disagree about an hour.
 */
import { dayNumber, isoDate, weekdayIndex, Zone } from "./calendar.ts";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const zones = new Map<string, Zone>();

function zoneOf(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new Zone(name);
    zones.set(name, zone);
  }
  return zone;
}

function dayOf(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The local date of an instant. */
export function localDate(ms: number, zone: string): string {
  return isoDate(zoneOf(zone).dayOf(ms));
}

/**
 * The instant of `minutes` after local midnight of `date` as a wall-clock time, so 13:00 stays
 * 13:00 on a daylight-saving day; minutes past 1440 fall on the following days (night shifts).
 */
export function localInstant(date: string, minutes: number, zone: string): number {
  return zoneOf(zone).instant(dayOf(date), minutes);
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return isoDate(dayOf(date) + days);
}

/** How many days `to` is after `from`. */
export function daysBetween(from: string, to: string): number {
  return dayOf(to) - dayOf(from);
}

/** Monday = 0 … Sunday = 6, as the schedule engine numbers weekdays. */
export function weekdayOf(date: string): number {
  return weekdayIndex(dayOf(date));
}
