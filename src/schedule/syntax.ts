/**
 * The small textual notations of the schedule block: times of day, ranges, dates and weekday keys.
 * Each parser returns either a value or a human-readable error, so the zod schema (which reports
 * errors) and the compiler (which trusts validated input) share one definition of the syntax.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MINUTES_PER_DAY = 1440;

/** A range in minutes from local midnight of the day it belongs to; `end` may reach 2880 (crosses midnight). */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

/** Keywords accepted wherever the hours of one day are expected. */
export const CLOSED = "closed";
export const ALL_DAY = "24h";
/** Keywords accepted for `weekly:` meaning round-the-clock. */
export const ALWAYS = ["24/7", "always"] as const;

const TIME = /^(\d{1,2}):(\d{2})$/;

/** "HH:MM" → minutes; 24:00 is allowed as the end of a day. */
export function parseTime(text: string): Parsed<number> {
  const m = TIME.exec(text.trim());
  if (!m) return fail(`${text} is not a time of day (HH:MM, 00:00–24:00)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return fail(`${text} is not a time of day (HH:MM, 00:00–24:00)`);
  return ok(h * 60 + min);
}

export function formatTime(minutes: number): string {
  const nextDay = minutes > MINUTES_PER_DAY;
  const m = nextDay ? minutes - MINUTES_PER_DAY : minutes;
  const text = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return nextDay ? `${text}+1` : text;
}

export function formatRange(r: MinuteRange): string {
  return `${formatTime(r.start)}-${formatTime(r.end)}`;
}

/**
 * "09:00-18:00", or "22:00-02:00+1" to cross midnight. The explicit "+1" makes the intent
 * visible: "18:00-09:00" is far more often a typo than a night shift.
 */
export function parseRange(text: string): Parsed<MinuteRange> {
  const parts = text.split("-");
  const shapeOk =
    parts.length === 2 && TIME.test(parts[0]?.trim() ?? "") && TIME.test((parts[1] ?? "").trim().replace(/\+1$/, ""));
  if (!shapeOk) {
    return fail(
      `"${text}" is not a time range; write HH:MM-HH:MM, e.g. 09:00-18:00 (end with +1 to cross midnight: 22:00-02:00+1)`,
    );
  }
  const [startText = "", rawEnd = ""] = parts;
  const nextDay = rawEnd.trim().endsWith("+1");
  const endText = nextDay ? rawEnd.trim().slice(0, -2) : rawEnd;
  const start = parseTime(startText);
  if (!start.ok) return start;
  const end = parseTime(endText);
  if (!end.ok) return end;
  const s = start.value;
  const e = end.value;
  const shown = text.trim();
  if (s === MINUTES_PER_DAY) return fail(`range ${shown} starts at 24:00; start it at 00:00 on the next day`);
  if (nextDay) {
    if (e > s) return fail(`range ${shown} is longer than 24 hours; drop the +1 or shorten it`);
    return ok({ start: s, end: MINUTES_PER_DAY + e });
  }
  if (e === s) return fail(`range ${shown} is empty (it starts and ends at ${formatTime(s)})`);
  if (e < s) {
    return fail(`range ${shown} ends before it starts; if it is meant to cross midnight write it as ${shown}+1`);
  }
  return ok({ start: s, end: e });
}

/** The hours of one day: "closed", "24h", one range or a list of ranges. Sorted by start. */
export function parseDayHours(value: string | readonly string[]): Parsed<MinuteRange[]> {
  if (typeof value === "string") {
    const v = value.trim();
    if (v === CLOSED) return ok([]);
    if (v === ALL_DAY) return ok([{ start: 0, end: MINUTES_PER_DAY }]);
    const r = parseRange(v);
    return r.ok ? ok([r.value]) : fail(r.error);
  }
  const ranges: MinuteRange[] = [];
  if (value.length > 1 && value.some((v) => v.trim() === CLOSED || v.trim() === ALL_DAY)) {
    return fail(`${CLOSED} and ${ALL_DAY} stand alone; do not list them with other ranges`);
  }
  for (const item of value) {
    const r = parseDayHours(item);
    if (!r.ok) return r;
    ranges.push(...r.value);
  }
  return ok(ranges.sort((a, b) => a.start - b.start || a.end - b.end));
}

const DAY_LIST_HINT = "use mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like mon,wed,fri, or daily";

/** "mon", "mon-fri", "fri-mon" (wraps), "mon,wed,fri", "daily" → weekday indexes (0 = mon). */
export function parseDayKey(key: string): Parsed<number[]> {
  const k = key.trim().toLowerCase();
  if (k === "daily") return ok([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const part of k.split(",")) {
    const bounds = part.trim().split("-");
    const idx = bounds.map((b) => WEEKDAYS.indexOf(b.trim() as Weekday));
    if (bounds.length > 2 || idx.some((i) => i < 0)) return fail(`unknown day "${key}"; ${DAY_LIST_HINT}`);
    const [from = 0, to = from] = idx;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return ok([...days].sort((a, b) => a - b));
}

/** A calendar date: with a year (one specific day) or without (every year). */
export type DateSpec =
  | { yearly: false; year: number; month: number; day: number }
  | { yearly: true; month: number; day: number };

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2027-12-24" (that day) or "12-24" (every year). */
export function parseDate(text: string): Parsed<DateSpec> {
  const t = text.trim();
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const yearly = full ? null : /^(\d{2})-(\d{2})$/.exec(t);
  if (!full && !yearly) {
    return fail(`"${text}" is not a date; write YYYY-MM-DD for one day (2027-12-24) or MM-DD for every year (12-24)`);
  }
  const m = (full ?? yearly) as RegExpExecArray;
  const year = full ? Number(m[1]) : undefined;
  const month = Number(full ? m[2] : m[1]);
  const day = Number(full ? m[3] : m[2]);
  if (month < 1 || month > 12) return fail(`${t} is not a valid date (there is no month ${month})`);
  const monthName = MONTH_NAMES[month - 1];
  // Without a year, Feb 29 is allowed: it then only exists in leap years.
  const max = year === undefined ? daysInMonth(2000, month) : daysInMonth(year, month);
  if (day < 1 || day > max) {
    const where = year === undefined ? monthName : `${monthName} ${year}`;
    return fail(`${t} is not a valid date (${where} has ${max} days)`);
  }
  return ok(year === undefined ? { yearly: true, month, day } : { yearly: false, year, month, day });
}
