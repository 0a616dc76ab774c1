import { describe, expect, it } from "vitest";
import { explain, type IcsEvent, IcsParseError, isOpen, parseIcs } from "../../../src/schedule/index.ts";
import { compile, iso, local } from "./helpers.ts";

const opts = { defaultZone: "Europe/Madrid" };
const cal = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", ...lines, "END:VCALENDAR"].join("\r\n");

function parseError(text: string): IcsParseError {
  try {
    parseIcs(text, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(IcsParseError);
    return e as IcsParseError;
  }
  throw new Error("expected an IcsParseError");
}

describe("parseIcs", () => {
  it("reads all-day events with VALUE=DATE, folded and escaped SUMMARY, DTEND exclusive", () => {
    const events = parseIcs(
      cal(
        "BEGIN:VEVENT",
        "UID:1",
        "DTSTART;VALUE=DATE:20271224",
        "DTEND;VALUE=DATE:20271227",
        "SUMMARY:Christmas\\, and",
        "  the days after",
        "END:VEVENT",
      ),
      opts,
    );
    expect(events).toEqual([
      {
        kind: "allDay",
        line: 3,
        summary: "Christmas, and the days after",
        start: { year: 2027, month: 12, day: 24 },
        days: 3,
      },
    ]);
  });

  it("reads yearly rules with INTERVAL, COUNT and UNTIL", () => {
    const events = parseIcs(
      cal(
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20270101",
        "RRULE:FREQ=YEARLY;COUNT=2",
        "SUMMARY:New Year",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20270501",
        "RRULE:FREQ=YEARLY;INTERVAL=2;UNTIL=20310501;BYMONTH=5",
        "END:VEVENT",
      ),
      opts,
    );
    const dates = (e: IcsEvent) =>
      e.kind === "allDay" ? `${e.summary} ${e.start.year}-${e.start.month}-${e.start.day}` : "";
    expect(events.map(dates)).toEqual([
      "New Year 2027-1-1",
      "New Year 2028-1-1",
      "holiday 2027-5-1",
      "holiday 2029-5-1",
      "holiday 2031-5-1",
    ]);
  });

  it("reads date-times in UTC, with TZID, and floating in the schedule's zone; skips cancelled events", () => {
    const events = parseIcs(
      cal(
        "BEGIN:VEVENT",
        "DTSTART:20271224T130000Z",
        "DTEND:20271224T170000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;TZID=America/New_York:20271224T090000",
        "DURATION:PT2H",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20270701T140000",
        "DTEND:20270701T150000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "STATUS:CANCELLED",
        "DTSTART;VALUE=DATE:20270101",
        "END:VEVENT",
      ),
      opts,
    );
    expect(events.map((e) => (e.kind === "timed" ? [iso(e.start), iso(e.end)] : e.kind))).toEqual([
      ["2027-12-24T13:00:00Z", "2027-12-24T17:00:00Z"],
      ["2027-12-24T14:00:00Z", "2027-12-24T16:00:00Z"],
      ["2027-07-01T12:00:00Z", "2027-07-01T13:00:00Z"],
    ]);
  });

  it("reports malformed input with its line number", () => {
    expect(parseError("hello").line).toBe(1);
    expect(parseError("hello").message).toBe("line 1: not an iCalendar file (expected BEGIN:VCALENDAR)");
    const noColon = parseError(cal("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "garbage line", "END:VEVENT"));
    expect(noColon.line).toBe(5);
    expect(noColon.message).toBe('line 5: expected NAME:VALUE, got "garbage line"');
    expect(parseError(cal("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270230", "END:VEVENT")).message).toBe(
      "line 4: DTSTART 20270230 is not a valid date",
    );
    expect(
      parseError(cal("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "RRULE:FREQ=SOMETIMES", "END:VEVENT")).message,
    ).toMatch(/^line 5: not readable as iCalendar: invalid frequency "SOMETIMES"/);
    expect(parseError(cal("BEGIN:VEVENT", "SUMMARY:x", "END:VEVENT")).message).toBe("line 3: VEVENT without DTSTART");
    expect(parseError(cal("BEGIN:VEVENT", "DTSTART;TZID=Mars/Base:20270101T100000", "END:VEVENT")).message).toMatch(
      /^line 4: unknown time zone TZID=Mars\/Base/,
    );
    expect(parseError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\n").message).toBe(
      "line 2: BEGIN:VEVENT is never closed",
    );
    expect(parseError(cal("BEGIN:VEVENT", "DTSTART:20270101", "END:VTODO")).message).toBe(
      "line 5: END:VTODO does not match BEGIN:VEVENT on line 3",
    );
  });
});

describe("ics holidays in a schedule", () => {
  const text = cal(
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20271208",
    "SUMMARY:Immaculate Conception",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20270101",
    "RRULE:FREQ=YEARLY;COUNT=2",
    "SUMMARY:New Year",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20270705T150000",
    "DTEND:20270705T170000",
    "SUMMARY:Staff meeting",
    "END:VEVENT",
  );
  const s = compile(
    { weekly: { "mon-fri": "09:00-18:00" }, holidays: [{ name: "Mine", date: "12-25" }, { ics: "es.ics" }] },
    { icsLoader: (ref) => (ref === "es.ics" ? text : "") },
  );

  it("closes on all-day events, naming the event and where it comes from", () => {
    const e = explain(s, local("2027-12-08T10:00"));
    expect(e.open).toBe(false);
    expect(e.rule).toMatchObject({ kind: "holiday", name: "Immaculate Conception", path: ["holidays", 1, "ics"] });
    expect(e.rule.description).toBe('holiday "Immaculate Conception" (2027-12-08, from es.ics line 3): closed');
  });

  it("applies RRULE:FREQ=YEARLY within its COUNT", () => {
    expect(isOpen(s, local("2027-01-01T10:00"))).toBe(false); // Friday
    expect(isOpen(s, local("2030-01-01T10:00"))).toBe(true); // Tuesday, after the 2 occurrences
  });

  it("closes only the hours of a timed event", () => {
    expect(isOpen(s, local("2027-07-05T14:59"))).toBe(true);
    const e = explain(s, local("2027-07-05T16:00"));
    expect(e.open).toBe(false);
    expect(e.rule).toMatchObject({ kind: "holiday", name: "Staff meeting" });
    expect(iso(e.nextChange)).toBe(iso(local("2027-07-05T17:00")));
    expect(iso(explain(s, local("2027-07-05T10:00")).nextChange)).toBe(iso(local("2027-07-05T15:00")));
  });

  it("accepts pre-parsed events instead of a loader", () => {
    const pre = compile(
      { weekly: "24/7", holidays: [{ ics: "x.ics" }] },
      { icsEvents: { "x.ics": parseIcs(text, opts) } },
    );
    expect(isOpen(pre, local("2027-12-08T10:00"))).toBe(false);
  });
});
