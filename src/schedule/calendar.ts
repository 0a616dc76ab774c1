/**
 * Civil-date arithmetic and wall-clock ↔ instant conversion.
 *
 * Dates are "day numbers" (days since 1970-01-01 in the proleptic Gregorian calendar), which makes
 * "the next day" and "is this date inside that period" integer comparisons.
 *
 * DST: a schedule's times are wall-clock times in its zone, resolved like RFC 5545 DATE-TIMEs
 * (and Temporal's "compatible" disambiguation):
 * - a time inside a spring-forward gap (02:30 on 2027-03-28 in Europe/Madrid) does not exist and is
 *   read with the offset in force before the gap, i.e. it moves forward by the gap (→ 03:30);
 *   a range 02:00-03:00 on that day is therefore empty, and 01:00-04:00 lasts two real hours;
 * - a time inside a fall-back repeated hour (02:30 on 2026-10-25 in Europe/Madrid) means its first
 *   occurrence (CEST); a range 01:00-04:00 on that day lasts four real hours.
 */
import { IANAZone } from "luxon";
import type { Weekday } from "./syntax.ts";
import { WEEKDAYS } from "./syntax.ts";

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function civil(day: number): CivilDate {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function weekdayName(day: number): Weekday {
  return WEEKDAYS[weekdayIndex(day)] as Weekday;
}

/** Month and day as one sortable number: 12-24 → 1224. */
export function monthDay(month: number, day: number): number {
  return month * 100 + day;
}

export function isoDate(day: number): string {
  const c = civil(day);
  return `${String(c.year).padStart(4, "0")}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A time zone with the two conversions the engine needs. */
export class Zone {
  readonly name: string;
  private readonly iana: IANAZone;

  constructor(name: string) {
    if (!IANAZone.isValidZone(name)) throw new Error(`unknown time zone "${name}"`);
    this.name = name;
    this.iana = IANAZone.create(name);
  }

  /** UTC offset in minutes at an instant. */
  offset(ms: number): number {
    return this.iana.offset(ms);
  }

  /** The local day number an instant falls on. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** The instant of `minutes` after local midnight of `day` (minutes may exceed 1440). */
  instant(day: number, minutes: number): number {
    const local = day * MS_PER_DAY + minutes * MS_PER_MINUTE;
    const before = this.offset(local - MS_PER_DAY);
    const after = this.offset(local + MS_PER_DAY);
    if (before === after) return local - before * MS_PER_MINUTE;
    const early = local - before * MS_PER_MINUTE;
    const late = local - after * MS_PER_MINUTE;
    const earlyValid = this.offset(early) === before;
    const lateValid = this.offset(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late); // repeated hour: first occurrence
    if (earlyValid) return early;
    if (lateValid) return late;
    return early; // gap: offset before the gap, i.e. pushed forward by the gap length
  }

  /**
   * Whether an instant's wall-clock time happens twice (clocks going back) and which time this is;
   * null when it happens once. DST shifts are hours apart, so looking 3 h either side finds the other offset.
   */
  repeated(ms: number): "first" | "second" | null {
    const off = this.offset(ms);
    const before = this.offset(ms - 3 * 3_600_000);
    if (before > off && this.offset(ms - (before - off) * MS_PER_MINUTE) === before) return "second";
    const after = this.offset(ms + 3 * 3_600_000);
    if (after < off && this.offset(ms + (off - after) * MS_PER_MINUTE) === after) return "first";
    return null;
  }

  /** "2027-03-28T03:30+02:00" — wall clock with offset, for explanations. */
  localIso(ms: number, knownOffset?: number): string {
    const off = knownOffset ?? this.offset(ms);
    const d = new Date(ms + off * MS_PER_MINUTE);
    return `${d.toISOString().slice(0, 16)}${offsetText(off)}`;
  }

  /** Local "HH:MM" of an instant, with "+N" when it is N days after `day`. */
  localTime(ms: number, day: number): string {
    const off = this.offset(ms);
    const local = ms + off * MS_PER_MINUTE;
    const dayOffset = Math.floor(local / MS_PER_DAY) - day;
    const minutes = Math.round((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
    const text = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    if (dayOffset === 1 && minutes === 0) return "24:00";
    return dayOffset === 0 ? text : `${text}${dayOffset > 0 ? "+" : ""}${dayOffset}`;
  }
}

/** An offset in minutes as "+01:00" / "-05:00". */
export function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}
