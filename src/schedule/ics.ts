/**
 * A minimal iCalendar (RFC 5545) reader for holiday calendars. It understands what holiday feeds
 * use: VEVENTs with DTSTART/DTEND (all-day VALUE=DATE or date-times, UTC, TZID or floating),
 * DURATION in days/hours, SUMMARY, STATUS:CANCELLED, and RRULE:FREQ=YEARLY with INTERVAL, COUNT
 * and UNTIL. Other components (VTIMEZONE, VALARM…) are skipped. Anything it cannot read raises an
 * IcsParseError carrying the 1-based line number, so a holiday is never silently dropped.
 */
import { type CivilDate, civil, dayNumber, MS_PER_MINUTE, Zone } from "./calendar.ts";

export class IcsParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "IcsParseError";
    this.line = line;
  }
}

export interface IcsYearly {
  readonly interval: number;
  readonly count?: number;
  /** Last date (inclusive) an occurrence may start on. */
  readonly until?: CivilDate;
}

export type IcsEvent =
  | {
      readonly kind: "allDay";
      readonly line: number;
      readonly summary: string;
      readonly start: CivilDate;
      /** Length in days (DTEND is exclusive in iCalendar). */
      readonly days: number;
      readonly yearly?: IcsYearly;
    }
  | {
      readonly kind: "timed";
      readonly line: number;
      readonly summary: string;
      readonly start: Date;
      readonly end: Date;
    };

export interface IcsOptions {
  /** Zone for floating date-times (no Z, no TZID): the schedule's zone. */
  readonly defaultZone: string;
}

interface Property {
  readonly name: string;
  readonly params: Record<string, string>;
  readonly value: string;
  readonly line: number;
}

/** Joins folded lines (continuations start with a space or tab) keeping the first line's number. */
function unfold(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const last = out[out.length - 1];
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && last) last.text += raw.slice(1);
      else if (raw.trim() !== "") out.push({ text: raw, line: i + 1 });
    });
  return out;
}

function parseProperty(text: string, line: number): Property {
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) throw new IcsParseError(line, `expected NAME:VALUE, got "${text.slice(0, 40)}"`);
  const [rawName = "", ...rawParams] = text.slice(0, colon).split(";");
  const name = rawName.toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) throw new IcsParseError(line, `invalid property name "${rawName}"`);
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new IcsParseError(line, `invalid parameter "${p}" in ${name}`);
    params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  return { name, params, value: text.slice(colon + 1), line };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

type DateValue = { kind: "date"; date: CivilDate } | { kind: "dateTime"; ms: number };

function parseDateValue(p: Property, defaultZone: string): DateValue {
  const v = p.value.trim();
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (date) {
    const d = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
    if (!validDate(d)) throw new IcsParseError(p.line, `${p.name} ${v} is not a valid date`);
    return { kind: "date", date: d };
  }
  if (p.params.VALUE === "DATE") throw new IcsParseError(p.line, `${p.name} ${v} is not a date (YYYYMMDD)`);
  const dt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  if (!dt) throw new IcsParseError(p.line, `${p.name} ${v} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`);
  const d = { year: Number(dt[1]), month: Number(dt[2]), day: Number(dt[3]) };
  const [h, m, s] = [Number(dt[4]), Number(dt[5]), Number(dt[6])];
  if (!validDate(d) || h > 23 || m > 59 || s > 60)
    throw new IcsParseError(p.line, `${p.name} ${v} is not a valid date-time`);
  const day = dayNumber(d.year, d.month, d.day);
  if (dt[7] === "Z") return { kind: "dateTime", ms: Date.UTC(d.year, d.month - 1, d.day, h, m, s) };
  const zoneName = p.params.TZID ?? defaultZone;
  let zone: Zone;
  try {
    zone = new Zone(zoneName);
  } catch {
    throw new IcsParseError(p.line, `unknown time zone TZID=${zoneName} (IANA names only, e.g. Europe/Madrid)`);
  }
  return { kind: "dateTime", ms: zone.instant(day, h * 60 + m) + s * 1000 };
}

function validDate(d: CivilDate): boolean {
  const c = civil(dayNumber(d.year, d.month, d.day));
  return d.month >= 1 && d.month <= 12 && c.month === d.month && c.day === d.day;
}

function parseDuration(p: Property): { days: number; ms: number } {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(p.value.trim());
  if (!m || p.value.trim() === "P" || p.value.trim().endsWith("T")) {
    throw new IcsParseError(p.line, `DURATION ${p.value} is not a positive duration like P1D or PT4H`);
  }
  const days = Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
  const ms = ((Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 60 + Number(m[5] ?? 0)) * 1000;
  return { days, ms };
}

function parseRrule(p: Property, start: CivilDate): IcsYearly {
  const parts = new Map<string, string>();
  for (const part of p.value.split(";")) {
    const [k = "", v = ""] = part.split("=");
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get("FREQ");
  if (freq !== "YEARLY")
    throw new IcsParseError(p.line, `unsupported RRULE FREQ=${freq ?? "(missing)"}; only FREQ=YEARLY is supported`);
  let interval = 1;
  let count: number | undefined;
  let until: CivilDate | undefined;
  for (const [k, v] of parts) {
    if (k === "FREQ" || k === "WKST") continue;
    if (k === "INTERVAL" || k === "COUNT") {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new IcsParseError(p.line, `RRULE ${k}=${v} must be a positive integer`);
      if (k === "INTERVAL") interval = n;
      else count = n;
    } else if (k === "UNTIL") {
      const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(v);
      if (!m) throw new IcsParseError(p.line, `RRULE UNTIL=${v} is not a date`);
      until = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    } else if ((k === "BYMONTH" && Number(v) === start.month) || (k === "BYMONTHDAY" && Number(v) === start.day)) {
      // Redundant with DTSTART, as some calendar exporters write it.
    } else {
      throw new IcsParseError(p.line, `unsupported RRULE part ${k}=${v}; only INTERVAL, COUNT and UNTIL are supported`);
    }
  }
  return { interval, ...(count === undefined ? {} : { count }), ...(until === undefined ? {} : { until }) };
}

function buildEvent(props: Property[], line: number, options: IcsOptions): IcsEvent | null {
  const get = (name: string) => props.find((p) => p.name === name);
  if (get("STATUS")?.value.trim().toUpperCase() === "CANCELLED") return null;
  const dtstart = get("DTSTART");
  if (!dtstart) throw new IcsParseError(line, "VEVENT without DTSTART");
  const summary = unescapeText(get("SUMMARY")?.value ?? "").trim() || "holiday";
  const start = parseDateValue(dtstart, options.defaultZone);
  const dtend = get("DTEND");
  const duration = get("DURATION");
  const rrule = get("RRULE");
  if (start.kind === "date") {
    let days = 1;
    if (dtend) {
      const end = parseDateValue(dtend, options.defaultZone);
      if (end.kind !== "date") throw new IcsParseError(dtend.line, "DTEND must be a date when DTSTART is a date");
      days =
        dayNumber(end.date.year, end.date.month, end.date.day) -
        dayNumber(start.date.year, start.date.month, start.date.day);
      if (days < 1) throw new IcsParseError(dtend.line, "DTEND must be after DTSTART");
    } else if (duration) {
      days = parseDuration(duration).days;
      if (days < 1) throw new IcsParseError(duration.line, "DURATION of an all-day event must be whole days");
    }
    const yearly = rrule ? parseRrule(rrule, start.date) : undefined;
    return { kind: "allDay", line, summary, start: start.date, days, ...(yearly ? { yearly } : {}) };
  }
  if (rrule) throw new IcsParseError(rrule.line, "RRULE is only supported on all-day events (DTSTART;VALUE=DATE)");
  let endMs = start.ms;
  if (dtend) {
    const end = parseDateValue(dtend, options.defaultZone);
    if (end.kind !== "dateTime") throw new IcsParseError(dtend.line, "DTEND must be a date-time when DTSTART is one");
    endMs = end.ms;
  } else if (duration) {
    const d = parseDuration(duration);
    endMs = start.ms + d.days * 1440 * MS_PER_MINUTE + d.ms;
  }
  if (endMs < start.ms) throw new IcsParseError((dtend ?? dtstart).line, "DTEND must not be before DTSTART");
  return { kind: "timed", line, summary, start: new Date(start.ms), end: new Date(endMs) };
}

/** Parses iCalendar text into holiday events. Throws IcsParseError (with .line) on malformed input. */
export function parseIcs(text: string, options: IcsOptions): IcsEvent[] {
  const lines = unfold(text);
  const first = lines[0];
  if (first?.text.trim().toUpperCase() !== "BEGIN:VCALENDAR") {
    throw new IcsParseError(first?.line ?? 1, "not an iCalendar file (expected BEGIN:VCALENDAR)");
  }
  const events: IcsEvent[] = [];
  const stack: { name: string; line: number }[] = [];
  let eventProps: Property[] | null = null;
  let eventLine = 0;
  for (const { text: raw, line } of lines) {
    const p = parseProperty(raw, line);
    if (p.name === "BEGIN") {
      const name = p.value.trim().toUpperCase();
      stack.push({ name, line });
      if (name === "VEVENT") {
        eventProps = [];
        eventLine = line;
      }
    } else if (p.name === "END") {
      const name = p.value.trim().toUpperCase();
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new IcsParseError(
          line,
          `END:${name} does not match ${open ? `BEGIN:${open.name} on line ${open.line}` : "any BEGIN"}`,
        );
      }
      if (name === "VEVENT" && eventProps) {
        const event = buildEvent(eventProps, eventLine, options);
        if (event) events.push(event);
        eventProps = null;
      }
    } else if (stack.length === 0) {
      throw new IcsParseError(line, `${p.name} outside BEGIN:VCALENDAR … END:VCALENDAR`);
    } else if (eventProps && stack[stack.length - 1]?.name === "VEVENT") {
      eventProps.push(p);
    }
  }
  const open = stack.pop();
  if (open) throw new IcsParseError(open.line, `BEGIN:${open.name} is never closed`);
  return events;
}
