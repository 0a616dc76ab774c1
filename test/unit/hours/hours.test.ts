import { describe, expect, it } from "vitest";
import { displayNumber, hoursFlyer, hoursHtml, hoursIcs, hoursJson } from "../../../src/hours/render.ts";
import { hoursSheet } from "../../../src/hours/sheet.ts";
import { hoursLines, hoursText } from "../../../src/hours/words.ts";
import { compileSchedule } from "../../../src/schedule/compile.ts";

const OFFICE = compileSchedule({
  timezone: "Europe/Madrid",
  weekly: { "mon-fri": ["09:00-14:00", "16:00-18:00"], sat: "10:00-13:00", sun: "closed" },
  holidays: [
    { date: "12-08", name: "Immaculate Conception" },
    { date: "12-25", name: "Christmas Day" },
  ],
  exceptions: [{ date: "2026-12-24", hours: "09:00-13:00", name: "Christmas Eve" }],
  campaigns: [{ name: "Enrolment", from: "2027-01-11", to: "2027-01-15", weekly: { "mon-fri": "08:00-20:00" } }],
});

/** Thursday 3 December 2026, 11:00 in Madrid (UTC+1). */
const THU_11 = new Date("2026-12-03T10:00:00Z");
const THU_15 = new Date("2026-12-03T14:00:00Z");
const FRI_20 = new Date("2026-12-04T19:00:00Z");

describe("the hours sheet, from the schedule the calls use", () => {
  const sheet = hoursSheet(OFFICE, "Europe/Madrid", THU_11, null);
  it("groups the regular week: weekdays alike, then Saturday, then Sunday", () => {
    expect(sheet.week.map((g) => g.days)).toEqual([[0, 1, 2, 3, 4], [5], [6]]);
    expect(sheet.week[2]?.ranges).toEqual([]);
  });
  it("lists the days ahead that differ, a campaign's days joined", () => {
    expect(sheet.special.map((s) => [s.from, s.to, s.kind, s.name, s.hours])).toEqual([
      ["2026-12-08", "2026-12-08", "holiday", "Immaculate Conception", []],
      ["2026-12-24", "2026-12-24", "exception", "Christmas Eve", [{ from: "09:00", to: "13:00" }]],
      ["2026-12-25", "2026-12-25", "holiday", "Christmas Day", []],
      ["2027-01-11", "2027-01-15", "campaign", "Enrolment", []],
    ]);
    // A campaign is listed whole, with its own week.
    expect(sheet.special[3]?.week?.[0]).toEqual({ days: [0, 1, 2, 3, 4], ranges: [{ start: 480, end: 1200 }] });
  });
  it("knows whether it is open now and until when, or when it opens", () => {
    expect(sheet.now).toEqual({ open: true, closesAt: new Date("2026-12-03T13:00:00Z"), opensAt: null });
    expect(hoursSheet(OFFICE, "Europe/Madrid", THU_15, null).now.opensAt).toEqual(new Date("2026-12-03T15:00:00Z"));
  });
  it("applies an override the way the calls do: closed now, open again when it ends", () => {
    const closed = hoursSheet(OFFICE, "Europe/Madrid", THU_11, {
      state: "closed",
      from: THU_11,
      until: new Date("2026-12-03T12:00:00Z"),
      reason: "fire drill",
    });
    expect(closed.now).toEqual({ open: false, closesAt: null, opensAt: new Date("2026-12-03T12:00:00Z") });
    expect(closed.special[0]).toMatchObject({ from: "2026-12-03", kind: "override", name: "fire drill" });
  });
  it("a hotline that opens only for a campaign looks ahead to it, however far", () => {
    const exams = compileSchedule({
      timezone: "Europe/Madrid",
      weekly: { daily: "closed" },
      campaigns: [{ name: "July exams", from: "2027-07-01", to: "2027-07-31", weekly: { "mon-sat": "08:00-20:00" } }],
    });
    const text = hoursText(hoursSheet(exams, "Europe/Madrid", THU_11, null), "en", THU_11);
    expect(hoursLines(text)).toEqual([
      "Opening hours:",
      "  Every day: closed, but for the days below",
      "Days with different hours:",
      "  Thursday 1 July 2027 to Saturday 31 July 2027: Monday to Saturday 08:00–20:00 (July exams)",
      "Closed now. Opens Thursday 1 July 2027 at 08:00.",
    ]);
  });
  it("a schedule open around the clock has no closing time to give", () => {
    const always = compileSchedule({ timezone: "Europe/Madrid", weekly: { daily: "00:00-24:00" } });
    const text = hoursText(hoursSheet(always, "Europe/Madrid", THU_11, null), "en", THU_11);
    expect(text.now).toBe("Open now.");
    expect(text.week).toEqual([{ days: "Every day", hours: "open 24 hours" }]);
  });
  it("without a schedule: open around the clock", () => {
    const always = hoursSheet(null, "Europe/Madrid", THU_11, null);
    expect(always.always).toBe(true);
    expect(always.now.open).toBe(true);
    expect(hoursText(always, "es", THU_11).week).toEqual([{ days: "Todos los días", hours: "abierto las 24 horas" }]);
  });
});

describe("in plain words", () => {
  it("in English", () => {
    const text = hoursText(hoursSheet(OFFICE, "Europe/Madrid", THU_11, null), "en", THU_11);
    expect(hoursLines(text)).toEqual([
      "Opening hours:",
      "  Monday to Friday: 09:00–14:00 and 16:00–18:00",
      "  Saturday: 10:00–13:00",
      "  Sunday: closed",
      "Days with different hours:",
      "  Tuesday 8 December: closed (Immaculate Conception)",
      "  Thursday 24 December: 09:00–13:00 (Christmas Eve)",
      "  Friday 25 December: closed (Christmas Day)",
      "  Monday 11 January 2027 to Friday 15 January 2027: Monday to Friday 08:00–20:00 (Enrolment)",
      "Open now, until 14:00.",
    ]);
  });
  it("in Spanish", () => {
    const text = hoursText(hoursSheet(OFFICE, "Europe/Madrid", THU_11, null), "es", THU_11);
    expect(hoursLines(text)).toEqual([
      "Horario de atención:",
      "  De lunes a viernes: de 09:00 a 14:00 y de 16:00 a 18:00",
      "  Sábado: de 10:00 a 13:00",
      "  Domingo: cerrado",
      "Días con otro horario:",
      "  Martes 8 de diciembre: cerrado (Immaculate Conception)",
      "  Jueves 24 de diciembre: de 09:00 a 13:00 (Christmas Eve)",
      "  Viernes 25 de diciembre: cerrado (Christmas Day)",
      "  Del lunes 11 de enero de 2027 al viernes 15 de enero de 2027: de lunes a viernes de 08:00 a 20:00 (Enrolment)",
      "Abierto ahora, hasta las 14:00.",
    ]);
  });
  it("says when a closed hotline opens: today, tomorrow, or the weekday", () => {
    const at = (d: Date, l: "en" | "es") => hoursText(hoursSheet(OFFICE, "Europe/Madrid", d, null), l, d).now;
    expect(at(THU_15, "en")).toBe("Closed now. Opens today at 16:00.");
    expect(at(THU_15, "es")).toBe("Cerrado ahora. Abre hoy a las 16:00.");
    expect(at(FRI_20, "en")).toBe("Closed now. Opens tomorrow at 10:00.");
    const sat = new Date("2026-12-05T13:00:00Z");
    expect(at(sat, "en")).toBe("Closed now. Opens Monday at 09:00.");
    expect(at(sat, "es")).toBe("Cerrado ahora. Abre el lunes a las 09:00.");
  });
});

describe("for the website, a calendar and print", () => {
  const sheet = hoursSheet(OFFICE, "Europe/Madrid", THU_11, null);
  const text = hoursText(sheet, "es", THU_11);
  it("an HTML snippet with its language and escaped names", () => {
    const html = hoursHtml({ ...text, special: [{ when: "X", hours: "<b>" }] }, "es", sheet);
    expect(html).toContain('<section class="hotline-hours" lang="es">');
    expect(html).toContain("<dt>De lunes a viernes</dt><dd>de 09:00 a 14:00 y de 16:00 a 18:00</dd>");
    expect(html).toContain("&#60;b&#62;");
    expect(html).toContain('<p class="hotline-hours-now" data-open="true">Abierto ahora, hasta las 14:00.</p>');
  });
  it("JSON with instants and times of day", () => {
    const json = hoursJson("admissions", sheet, text);
    expect(json.now).toEqual({ open: true, closesAt: "2026-12-03T13:00:00.000Z", opensAt: null });
    expect(json.week[0]).toEqual({
      days: [0, 1, 2, 3, 4],
      hours: [
        { from: "09:00", to: "14:00" },
        { from: "16:00", to: "18:00" },
      ],
    });
  });
  it("an iCalendar feed: one event per opening, in UTC, CRLF lines of at most 75 octets", () => {
    const ics = hoursIcs(
      { organization: "Test College, Madrid", hotline: "admissions", language: "en" },
      sheet,
      THU_11,
    );
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(ics).toContain("X-WR-CALNAME:Test College\\, Madrid (admissions)\r\n");
    // Today's first opening is 09:00–14:00 local: 08:00–13:00 UTC.
    expect(ics).toContain("DTSTART:20261203T080000Z\r\nDTEND:20261203T130000Z\r\n");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(sheet.openings.length);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
  it("a flyer per number, the number as people read it", () => {
    const html = hoursFlyer({
      organization: "Test College",
      number: "+34910000001",
      campaign: "Enrolment",
      language: "es",
      text,
    });
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<p class="number">+34 910 000 001</p>');
    expect(html).toContain('<p class="campaign">Enrolment</p>');
    expect(html).toContain("<tr><th>Sábado</th><td>de 10:00 a 13:00</td></tr>");
    expect(displayNumber("+12125551234")).toBe("+1 212 555 1234");
    expect(displayNumber("+441632960961")).toBe("+441632960961");
  });
});
