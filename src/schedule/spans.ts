/**
 * When a dated rule applies: a span of calendar dates, one-time or recurring every year.
 *
 * Yearly spans compare month-day positions ("12-20" … "01-10" wraps over the year end), so a
 * position that does not exist in a year simply is not there: a yearly holiday on 02-29 applies
 * only in leap years (as an iCalendar FREQ=YEARLY rule on Feb 29 does), while a yearly period
 * 02-20 … 02-29 ends on Feb 28 in other years.
 */
import { type CivilDate, civil, dayNumber, isoDate, monthDay } from "./calendar.ts";
import { daysInMonth } from "./syntax.ts";

export type DateSpan =
  /** One time: day numbers, inclusive. */
  | { readonly kind: "dates"; readonly first: number; readonly last: number }
  /** Every year: month-day positions (1224 = Dec 24), inclusive; wraps when from > to. */
  | { readonly kind: "yearly"; readonly from: number; readonly to: number }
  /** iCalendar RRULE:FREQ=YEARLY on an all-day event of `days` days. */
  | {
      readonly kind: "recurring";
      readonly start: CivilDate;
      readonly days: number;
      readonly interval: number;
      readonly count?: number;
      readonly untilDay?: number;
    };

/** Start day of the recurring occurrence in `year`, or null when there is none that year. */
function occurrenceIn(span: Extract<DateSpan, { kind: "recurring" }>, year: number): number | null {
  const k = year - span.start.year;
  if (k < 0 || k % span.interval !== 0) return null;
  if (span.count !== undefined && k / span.interval >= span.count) return null;
  if (span.start.day > daysInMonth(year, span.start.month)) return null; // Feb 29 outside leap years
  const s = dayNumber(year, span.start.month, span.start.day);
  if (span.untilDay !== undefined && s > span.untilDay) return null;
  return s;
}

export function covers(span: DateSpan, day: number, date: CivilDate): boolean {
  switch (span.kind) {
    case "dates":
      return day >= span.first && day <= span.last;
    case "yearly": {
      const md = monthDay(date.month, date.day);
      return span.from <= span.to ? md >= span.from && md <= span.to : md >= span.from || md <= span.to;
    }
    case "recurring": {
      const yearsBack = Math.ceil(span.days / 365);
      for (let y = date.year; y >= date.year - yearsBack; y--) {
        const s = occurrenceIn(span, y);
        if (s !== null && day >= s && day < s + span.days) return true;
      }
      return false;
    }
  }
}

/** Every day of the span within [first, last] (day numbers), in order. */
export function spanDays(span: DateSpan, first: number, last: number): number[] {
  const out: number[] = [];
  const push = (a: number, b: number) => {
    for (let d = Math.max(a, first); d <= Math.min(b, last); d++) out.push(d);
  };
  if (span.kind === "dates") {
    push(span.first, span.last);
    return out;
  }
  const y0 = civil(first).year - 1;
  const y1 = civil(last).year;
  for (let y = y0; y <= y1; y++) {
    if (span.kind === "yearly") {
      const fm = Math.floor(span.from / 100);
      const fd = span.from % 100;
      const tm = Math.floor(span.to / 100);
      const td = span.to % 100;
      const endYear = span.from <= span.to ? y : y + 1;
      // Date.UTC rolls a missing Feb 29 start forward to Mar 1; a missing end is clamped back to Feb 28.
      push(dayNumber(y, fm, fd), dayNumber(endYear, tm, Math.min(td, daysInMonth(endYear, tm))));
    } else {
      const s = occurrenceIn(span, y);
      if (s !== null) push(s, s + span.days - 1);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The last day the span can cover, or null when it recurs forever. */
export function lastDay(span: DateSpan): number | null {
  if (span.kind === "dates") return span.last;
  if (span.kind === "yearly") return null;
  let end: number | null = null;
  if (span.count !== undefined) {
    end = dayNumber(span.start.year + (span.count - 1) * span.interval, span.start.month, span.start.day) + span.days;
  }
  if (span.untilDay !== undefined) end = Math.min(end ?? Number.POSITIVE_INFINITY, span.untilDay + span.days);
  return end;
}

/** The first day the span can cover, or null when it has always recurred. */
export function firstDay(span: DateSpan): number | null {
  if (span.kind === "dates") return span.first;
  if (span.kind === "recurring") return dayNumber(span.start.year, span.start.month, span.start.day);
  return null;
}

function md(n: number): string {
  return `${String(Math.floor(n / 100)).padStart(2, "0")}-${String(n % 100).padStart(2, "0")}`;
}

/** "2027-12-24", "2027-07-01..2027-07-31", "12-25 every year", "12-20..01-10 every year". */
export function describeSpan(span: DateSpan): string {
  switch (span.kind) {
    case "dates":
      return span.first === span.last ? isoDate(span.first) : `${isoDate(span.first)}..${isoDate(span.last)}`;
    case "yearly":
      return span.from === span.to ? `${md(span.from)} every year` : `${md(span.from)}..${md(span.to)} every year`;
    case "recurring": {
      const every = span.interval === 1 ? "every year" : `every ${span.interval} years`;
      const s = dayNumber(span.start.year, span.start.month, span.start.day);
      return `${md(monthDay(span.start.month, span.start.day))} ${every} from ${isoDate(s)}`;
    }
  }
}
