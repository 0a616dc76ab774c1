/**
 * The line-level reading of an iCalendar file, before the library parses it: folded lines joined,
 * every line a NAME;PARAMS:VALUE property, BEGIN/END balanced, and the date values of each VEVENT
 * checked. It records where each VEVENT and its properties are, so that whatever goes wrong later
 * is still reported at a line of the file.
 */
import { civil, dayNumber } from "./calendar.ts";

export class IcsParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "IcsParseError";
    this.line = line;
  }
}

export interface Property {
  readonly name: string;
  readonly params: Record<string, string>;
  readonly value: string;
  readonly line: number;
  /** The unfolded line as written. */
  readonly text: string;
}

/** A top-level VEVENT: the line of its BEGIN and its own properties (not those of a VALARM inside). */
export interface EventLines {
  readonly line: number;
  readonly props: readonly Property[];
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
  return { name, params, value: text.slice(colon + 1), line, text };
}

function validDate(year: number, month: number, day: number): boolean {
  const c = civil(dayNumber(year, month, day));
  return month >= 1 && month <= 12 && c.month === month && c.day === day;
}

/** A DATE or DATE-TIME value (one of a comma-separated list) the library would misread silently. */
function checkDateValue(p: Property, v: string): void {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(v);
  if (p.params.VALUE === "DATE" && (!m || m[4] !== undefined))
    throw new IcsParseError(p.line, `${p.name} ${v} is not a date (YYYYMMDD)`);
  if (!m) throw new IcsParseError(p.line, `${p.name} ${v} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`);
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3])) || h > 23 || min > 59 || s > 60)
    throw new IcsParseError(p.line, `${p.name} ${v} is not a valid ${m[4] === undefined ? "date" : "date-time"}`);
}

const DATE_PROPS = new Set(["DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID"]);

function checkEvent(event: EventLines): void {
  if (!event.props.some((p) => p.name === "DTSTART")) throw new IcsParseError(event.line, "VEVENT without DTSTART");
  for (const p of event.props) {
    if (!DATE_PROPS.has(p.name) || p.params.VALUE === "PERIOD") continue;
    for (const v of p.value.split(",")) checkDateValue(p, v.trim());
  }
}

/** Checks the structure of the file; returns its top-level VEVENTs in document order, and every line. */
export function scanIcs(text: string): { events: EventLines[]; props: Property[] } {
  const lines = unfold(text);
  const first = lines[0];
  if (first?.text.trim().toUpperCase() !== "BEGIN:VCALENDAR") {
    throw new IcsParseError(first?.line ?? 1, "not an iCalendar file (expected BEGIN:VCALENDAR)");
  }
  const events: EventLines[] = [];
  const props: Property[] = [];
  const stack: { name: string; line: number }[] = [];
  let current: { line: number; props: Property[] } | null = null;
  for (const { text: raw, line } of lines) {
    const p = parseProperty(raw, line);
    props.push(p);
    if (p.name === "BEGIN") {
      const name = p.value.trim().toUpperCase();
      if (name === "VCALENDAR" && (stack.length > 0 || line !== first.line))
        throw new IcsParseError(line, "a second BEGIN:VCALENDAR: one calendar per file");
      stack.push({ name, line });
      if (name === "VEVENT" && stack.length === 2) current = { line, props: [] };
    } else if (p.name === "END") {
      const name = p.value.trim().toUpperCase();
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new IcsParseError(
          line,
          `END:${name} does not match ${open ? `BEGIN:${open.name} on line ${open.line}` : "any BEGIN"}`,
        );
      }
      if (name === "VEVENT" && current && stack.length === 1) {
        checkEvent(current);
        events.push(current);
        current = null;
      }
    } else if (stack.length === 0) {
      throw new IcsParseError(line, `${p.name} outside BEGIN:VCALENDAR … END:VCALENDAR`);
    } else if (current && stack.length === 2) {
      current.props.push(p);
    }
  }
  const open = stack.pop();
  if (open) throw new IcsParseError(open.line, `BEGIN:${open.name} is never closed`);
  return { events, props };
}
