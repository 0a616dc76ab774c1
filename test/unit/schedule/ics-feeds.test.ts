import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  explain,
  type IcsEvent,
  IcsParseError,
  isOpen,
  MAX_OCCURRENCES,
  parseIcs,
} from "../../../src/schedule/index.ts";
import { compile, iso, local } from "./helpers.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/ics");
const feed = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const window = { from: new Date("2021-01-01T00:00:00Z"), to: new Date("2031-01-01T00:00:00Z") };
const opts = { defaultZone: "Europe/London", window };

function allDay(events: IcsEvent[], summary: string): string[] {
  return events.flatMap((e) =>
    e.kind === "allDay" && e.summary === summary
      ? [`${e.start.year}-${String(e.start.month).padStart(2, "0")}-${String(e.start.day).padStart(2, "0")}/${e.days}`]
      : [],
  );
}

function timed(events: IcsEvent[], summary: string): string[] {
  return events.flatMap((e) => (e.kind === "timed" && e.summary === summary ? [`${iso(e.start)}..${iso(e.end)}`] : []));
}

describe("a national bank-holidays feed (VTIMEZONE, BYMONTH/BYDAY, EXDATE, RDATE)", () => {
  const events = parseIcs(feed("national-holidays.ics"), opts);

  it("expands the last Monday of May, without the EXDATE and with the RDATE", () => {
    expect(allDay(events, "Spring bank holiday")).toEqual([
      "2021-05-31/1",
      "2022-06-02/1",
      "2023-05-29/1",
      "2024-05-27/1",
      "2025-05-26/1",
      "2026-05-25/1",
      "2027-05-31/1",
      "2028-05-29/1",
      "2029-05-28/1",
      "2030-05-27/1",
    ]);
  });

  it("expands an endless yearly rule only within the window", () => {
    expect(allDay(events, "New Year’s Day")).toEqual(Array.from({ length: 10 }, (_, i) => `${2021 + i}-01-01/1`));
  });

  it("reads times in the file's own VTIMEZONE (not an IANA name), with INTERVAL, COUNT and UNTIL", () => {
    // 09:00 BST is 08:00 UTC; every other year, three times.
    expect(timed(events, "Staff summer morning")).toEqual([
      "2021-07-01T08:00:00Z..2021-07-01T11:00:00Z",
      "2023-07-01T08:00:00Z..2023-07-01T11:00:00Z",
      "2025-07-01T08:00:00Z..2025-07-01T11:00:00Z",
    ]);
    // 13:00 GMT in winter, DURATION four hours, until 2023.
    expect(timed(events, "Christmas Eve afternoon")).toEqual([
      "2021-12-24T13:00:00Z..2021-12-24T17:00:00Z",
      "2022-12-24T13:00:00Z..2022-12-24T17:00:00Z",
      "2023-12-24T13:00:00Z..2023-12-24T17:00:00Z",
    ]);
  });

  it("closes a schedule on those days, each named with the feed's line", () => {
    const s = compile(
      { timezone: "Europe/London", weekly: { "mon-fri": "09:00-17:00" }, holidays: [{ ics: "uk.ics" }] },
      { icsLoader: () => feed("national-holidays.ics"), icsWindow: window },
    );
    const at = (t: string) => new Date(`${t}Z`);
    expect(isOpen(s, at("2022-05-30T10:00"))).toBe(true); // the EXDATE: an ordinary Monday
    const e = explain(s, at("2022-06-02T10:00"));
    expect(e.open).toBe(false);
    expect(e.rule.description).toBe('holiday "Spring bank holiday" (2022-06-02, from uk.ics line 35): closed');
    expect(isOpen(s, at("2024-05-27T10:00"))).toBe(false);
  });
});

describe("a regional feed whose all-day events have DTEND equal to DTSTART", () => {
  const events = parseIcs(feed("catalan-holidays.ics"), { defaultZone: "Europe/Madrid", window });

  it("reads each as one day", () => {
    expect(events.map((e) => (e.kind === "allDay" ? `${e.summary} ${e.start.day}/${e.days}` : ""))).toEqual([
      "Sant Joan 24/1",
      "Diada Nacional de Catalunya 11/1",
      "Sant Esteve 26/1",
    ]);
  });

  it("closes the schedule that day only", () => {
    const s = compile(
      { weekly: "24/7", holidays: [{ ics: "cat.ics" }] },
      { icsLoader: () => feed("catalan-holidays.ics") },
    );
    expect(isOpen(s, local("2027-09-11T12:00"))).toBe(false);
    expect(isOpen(s, local("2027-09-12T00:00"))).toBe(true);
  });
});

describe("bounds and located errors", () => {
  const cal = (...lines: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", ...lines, "END:VCALENDAR"].join("\r\n");

  it("keeps a moved instance (RECURRENCE-ID) as one more day", () => {
    const text = cal(
      ...[
        "BEGIN:VEVENT",
        "UID:a",
        "DTSTART;VALUE=DATE:20270101",
        "RRULE:FREQ=YEARLY;COUNT=2",
        "SUMMARY:X",
        "END:VEVENT",
      ],
      ...["BEGIN:VEVENT", "UID:a", "RECURRENCE-ID;VALUE=DATE:20280101", "DTSTART;VALUE=DATE:20280102", "SUMMARY:X"],
      "END:VEVENT",
    );
    expect(allDay(parseIcs(text, opts), "X")).toEqual(["2027-01-01/1", "2028-01-01/1", "2028-01-02/1"]);
  });

  it("refuses a rule with more occurrences in the window than a holiday calendar has, at its line", () => {
    const text = cal(
      "BEGIN:VEVENT",
      "DTSTART;VALUE=DATE:20210101",
      "RRULE:FREQ=DAILY",
      "SUMMARY:Every day",
      "END:VEVENT",
    );
    let error: unknown;
    try {
      parseIcs(text, opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IcsParseError);
    expect((error as IcsParseError).line).toBe(5);
    expect((error as IcsParseError).message).toContain(`repeats more than ${MAX_OCCURRENCES} times`);
  });

  it("reports a DTEND before DTSTART and an unknown TZID at their lines", () => {
    const wrong = (...lines: string[]) => {
      try {
        parseIcs(cal("BEGIN:VEVENT", ...lines, "END:VEVENT"), opts);
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(wrong("DTSTART;VALUE=DATE:20270102", "DTEND;VALUE=DATE:20270101")).toBe(
      "line 5: DTEND must not be before DTSTART",
    );
    expect(wrong("DTSTART;TZID=Office Time:20270102T100000")).toMatch(/^line 4: unknown time zone TZID=Office Time/);
    expect(() => parseIcs(`${cal()}\r\n${cal()}`, opts)).toThrow(
      "line 4: a second BEGIN:VCALENDAR: one calendar per file",
    );
  });
});
