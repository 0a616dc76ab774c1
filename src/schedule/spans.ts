/**
 * When a dated rule applies: a span of calendar dates, one-time or every year (ics recurrences
 * arrive expanded into one-time spans).
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
  | { readonly kind: "yearly"; readonly from: number; readonly to: number };

export function covers(span: DateSpan, day: number, date: CivilDate): boolean {
  switch (span.kind) {
    case "dates":
      return day >= span.first && day <= span.last;
    case "yearly": {
      const md = monthDay(date.month, date.day);
      return span.from <= span.to ? md >= span.from && md <= span.to : md >= span.from || md <= span.to;
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
  const fm = Math.floor(span.from / 100);
  const fd = span.from % 100;
  const tm = Math.floor(span.to / 100);
  const td = span.to % 100;
  for (let y = y0; y <= y1; y++) {
    const endYear = span.from <= span.to ? y : y + 1;
    // Date.UTC rolls a missing Feb 29 start forward to Mar 1; a missing end is clamped back to Feb 28.
    push(dayNumber(y, fm, fd), dayNumber(endYear, tm, Math.min(td, daysInMonth(endYear, tm))));
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The last day the span can cover, or null when it recurs forever. */
export function lastDay(span: DateSpan): number | null {
  return span.kind === "dates" ? span.last : null;
}

/** The first day the span can cover, or null when it has always recurred. */
export function firstDay(span: DateSpan): number | null {
  return span.kind === "dates" ? span.first : null;
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
  }
}
