/**
 * Holiday calendars (iCalendar, RFC 5545) read with ical.js, the parser of Mozilla's calendar.
 * Our own line scan (ics-lines.ts) runs first so every problem names a line of the file. Each
 * VEVENT becomes its occurrences within a bounded window: recurrences (RRULE with any BYxxx part,
 * COUNT, UNTIL, INTERVAL; RDATE; EXDATE) are expanded by the library, at most MAX_OCCURRENCES per
 * event. Times with a TZID use the file's VTIMEZONE when it has one, else the IANA zone.
 */
import ICAL from "ical.js";
import { type CivilDate, civil, dayNumber, MS_PER_DAY, Zone } from "./calendar.ts";
import { type EventLines, IcsParseError, type Property, scanIcs } from "./ics-lines.ts";

export { IcsParseError } from "./ics-lines.ts";

export type IcsEvent =
  | {
      readonly kind: "allDay";
      /** Line of the VEVENT's BEGIN. */
      readonly line: number;
      readonly summary: string;
      readonly start: CivilDate;
      /** Length in days (DTEND is exclusive in iCalendar; DTEND equal to DTSTART is one day). */
      readonly days: number;
    }
  | {
      readonly kind: "timed";
      readonly line: number;
      readonly summary: string;
      readonly start: Date;
      readonly end: Date;
    };

/** Occurrences starting in [from, to) are kept. */
export interface IcsWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface IcsOptions {
  /** Zone for floating date-times (no Z, no TZID): the schedule's zone. */
  readonly defaultZone: string;
  /** Where recurrences are expanded; by default the years 2000 to 2099. */
  readonly window?: IcsWindow;
}

/** More than this in the window is not a holiday calendar (a daily rule, say): an error, never a cut. */
export const MAX_OCCURRENCES = 2000;
/** Steps of the library's iterator per event, counting those before the window. */
const MAX_STEPS = 100_000;
const DEFAULT_WINDOW: IcsWindow = { from: new Date(Date.UTC(2000, 0, 1)), to: new Date(Date.UTC(2100, 0, 1)) };

/** The window from the start of last year to ten years ahead of `now`, for callers that have a clock. */
export function icsWindowAround(now: Date): IcsWindow {
  const year = now.getUTCFullYear();
  return { from: new Date(Date.UTC(year - 1, 0, 1)), to: new Date(Date.UTC(year + 11, 0, 1)) };
}

/** Turns an ICAL.Time into an instant: UTC, the file's VTIMEZONE, an IANA zone or the schedule's zone. */
function instantOf(
  t: ICAL.Time,
  tzid: string | undefined,
  zones: Map<string, ICAL.Timezone>,
  fallback: Zone,
  line: number,
): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (t.zone === ICAL.Timezone.utcTimezone) return wall;
  const own = tzid === undefined ? undefined : zones.get(tzid);
  if (own) return wall - own.utcOffset(t) * 1000;
  let zone = fallback;
  if (tzid !== undefined) {
    try {
      zone = new Zone(tzid);
    } catch {
      throw new IcsParseError(
        line,
        `unknown time zone TZID=${tzid} (no VTIMEZONE for it in the file, and not an IANA name like Europe/Madrid)`,
      );
    }
  }
  return zone.instant(dayNumber(t.year, t.month, t.day), t.hour * 60 + t.minute) + t.second * 1000;
}

function readEvent(
  vevent: ICAL.Component,
  lines: EventLines,
  zones: Map<string, ICAL.Timezone>,
  options: IcsOptions,
  out: IcsEvent[],
): void {
  const lineOf = (name: string) => lines.props.find((p) => p.name === name)?.line ?? lines.line;
  const status = String(vevent.getFirstPropertyValue("status") ?? "").toUpperCase();
  if (status === "CANCELLED") return;
  const summary = String(vevent.getFirstPropertyValue("summary") ?? "").trim() || "holiday";
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const tzid = vevent.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined;
  const fallback = new Zone(options.defaultZone);
  const window = options.window ?? DEFAULT_WINDOW;
  const hasEnd = vevent.hasProperty("dtend");
  const endTime = hasEnd ? (vevent.getFirstPropertyValue("dtend") as ICAL.Time) : undefined;
  const duration = vevent.hasProperty("duration")
    ? (vevent.getFirstPropertyValue("duration") as ICAL.Duration)
    : undefined;
  if (endTime && endTime.isDate !== start.isDate) {
    throw new IcsParseError(
      lineOf("DTEND"),
      `DTEND must be a ${start.isDate ? "date" : "date-time"} when DTSTART is one`,
    );
  }
  let days = 1;
  let lengthMs = 0;
  if (start.isDate) {
    if (endTime) {
      days = dayNumber(endTime.year, endTime.month, endTime.day) - dayNumber(start.year, start.month, start.day);
      if (days < 0) throw new IcsParseError(lineOf("DTEND"), "DTEND must not be before DTSTART");
      // Some published feeds write DTEND equal to DTSTART for a one-day holiday.
      days = Math.max(days, 1);
    } else if (duration) {
      days = Math.floor(duration.toSeconds() / 86_400);
      if (days < 1) throw new IcsParseError(lineOf("DURATION"), "DURATION of an all-day event must be whole days");
    }
  } else {
    const startMs = instantOf(start, tzid, zones, fallback, lineOf("DTSTART"));
    if (endTime) {
      const endTzid = vevent.getFirstProperty("dtend")?.getParameter("tzid") as string | undefined;
      lengthMs = instantOf(endTime, endTzid, zones, fallback, lineOf("DTEND")) - startMs;
    } else if (duration) lengthMs = duration.toSeconds() * 1000;
    if (lengthMs < 0)
      throw new IcsParseError(lineOf(endTime ? "DTEND" : "DURATION"), "DTEND must not be before DTSTART");
  }

  // A moved instance (RECURRENCE-ID) is one more occurrence at its own DTSTART; the library's
  // iterator would yield nothing for it on its own.
  const moved = vevent.hasProperty("recurrence-id");
  const iterator = moved ? undefined : event.iterator();
  let kept = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = iterator ? iterator.next() : step === 0 ? start : undefined;
    if (!next) return;
    const ms = next.isDate
      ? Date.UTC(next.year, next.month - 1, next.day)
      : instantOf(next, tzid, zones, fallback, lines.line);
    if (ms >= window.to.getTime()) return;
    const endMs = next.isDate ? ms + days * MS_PER_DAY : ms + lengthMs;
    if (endMs <= window.from.getTime()) continue;
    if (++kept > MAX_OCCURRENCES) {
      throw new IcsParseError(
        lineOf("RRULE"),
        `"${summary}" repeats more than ${MAX_OCCURRENCES} times between ${window.from.toISOString().slice(0, 10)} and ${window.to.toISOString().slice(0, 10)}; a holiday calendar repeats yearly`,
      );
    }
    if (next.isDate) {
      out.push({ kind: "allDay", line: lines.line, summary, start: civil(ms / MS_PER_DAY), days });
    } else {
      out.push({ kind: "timed", line: lines.line, summary, start: new Date(ms), end: new Date(endMs) });
    }
  }
  throw new IcsParseError(lineOf("RRULE"), `"${summary}" has too many occurrences before the window to expand`);
}

/** The library says what is wrong but not where: the first line it refuses on its own. */
function lineRefused(props: readonly Property[]): number {
  for (const p of props) {
    if (p.name === "BEGIN" || p.name === "END") continue;
    try {
      ICAL.parse(`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${p.text}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);
    } catch {
      return p.line;
    }
  }
  return 1;
}

/** Parses iCalendar text into holiday occurrences. Throws IcsParseError (with .line) on malformed input. */
export function parseIcs(text: string, options: IcsOptions): IcsEvent[] {
  const scanned = scanIcs(text);
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, "")) as unknown[]);
  } catch (e) {
    throw new IcsParseError(lineRefused(scanned.props), `not readable as iCalendar: ${(e as Error).message}`);
  }
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    zones.set(zone.tzid, zone);
  }
  const events: IcsEvent[] = [];
  root.getAllSubcomponents("vevent").forEach((vevent, i) => {
    const lines = scanned.events[i] ?? { line: 1, props: [] };
    try {
      readEvent(vevent, lines, zones, options, events);
    } catch (e) {
      if (e instanceof IcsParseError) throw e;
      const rrule = lines.props.find((p) => p.name === "RRULE");
      throw new IcsParseError(rrule?.line ?? lines.line, `cannot read this VEVENT: ${(e as Error).message}`);
    }
  });
  return events;
}
