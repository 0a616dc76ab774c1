/**
 * The hours sheet for other places: an HTML snippet for the website, JSON for a script, an
 * iCalendar feed of the openings, and a printable one-page flyer per number. Pure.
 */
import { escapeHtml } from "../analysis/render/escape.ts";
import { formatTime } from "../schedule/syntax.ts";
import type { HoursSheet } from "./sheet.ts";
import { type HoursLanguage, type HoursText, hoursWords } from "./words.ts";

/** A `<section>` to paste into a page (no styles of its own: class names to style it by). */
export function hoursHtml(text: HoursText, language: HoursLanguage, sheet: HoursSheet): string {
  const rows = (items: readonly { term: string; value: string }[]) =>
    items.map((i) => `    <dt>${escapeHtml(i.term)}</dt><dd>${escapeHtml(i.value)}</dd>`).join("\n");
  const parts = [
    `<section class="hotline-hours" lang="${language}">`,
    `  <h2>${escapeHtml(text.title)}</h2>`,
    `  <dl class="hotline-hours-week">`,
    rows(text.week.map((l) => ({ term: l.days, value: l.hours }))),
    "  </dl>",
  ];
  if (text.special.length > 0)
    parts.push(
      `  <h3>${escapeHtml(text.specialTitle)}</h3>`,
      `  <dl class="hotline-hours-special">`,
      rows(text.special.map((l) => ({ term: l.when, value: l.hours }))),
      "  </dl>",
    );
  parts.push(`  <p class="hotline-hours-now" data-open="${sheet.now.open}">${escapeHtml(text.now)}</p>`, "</section>");
  return `${parts.join("\n")}\n`;
}

/** The sheet as data: instants in ISO, times of day as "HH:MM". */
export function hoursJson(hotline: string, sheet: HoursSheet, text: HoursText) {
  return {
    hotline,
    timezone: sheet.timezone,
    now: {
      open: sheet.now.open,
      closesAt: sheet.now.closesAt?.toISOString() ?? null,
      opensAt: sheet.now.opensAt?.toISOString() ?? null,
    },
    week: sheet.week.map((g) => ({
      days: g.days,
      hours: g.ranges.map((r) => ({ from: formatTime(r.start), to: formatTime(r.end) })),
    })),
    special: sheet.special,
    text,
  };
}

/**
 * An iCalendar feed (RFC 5545) with one event per opening of the days the sheet looked at, in UTC,
 * so a website's or a phone's calendar shows when someone answers.
 */
export function hoursIcs(
  input: { organization: string; hotline: string; language: HoursLanguage },
  sheet: HoursSheet,
  at: Date,
): string {
  const summary = `${input.organization}: ${input.language === "es" ? "abierto" : "open"}`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//hotline//hours//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(`${input.organization} (${input.hotline})`)}`,
    `X-WR-TIMEZONE:${icsText(sheet.timezone)}`,
  ];
  for (const o of sheet.openings) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${icsText(input.hotline)}-${icsInstant(o.start)}@hotline`,
      `DTSTAMP:${icsInstant(at)}`,
      `DTSTART:${icsInstant(o.start)}`,
      `DTEND:${icsInstant(o.end)}`,
      `SUMMARY:${icsText(summary)}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.flatMap(fold).join("\r\n")}\r\n`;
}

function icsInstant(d: Date): string {
  return `${d.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

function icsText(s: string): string {
  return s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest, "utf8") > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut), "utf8") > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out;
}

/** A printable page (A4, or Letter) with the organization, the number and its hours. */
export function hoursFlyer(input: {
  organization: string;
  number: string;
  campaign?: string | undefined;
  language: HoursLanguage;
  text: HoursText;
}): string {
  const w = hoursWords(input.language);
  const { text } = input;
  const list = (items: readonly { term: string; value: string }[]) =>
    items.map((i) => `<tr><th>${escapeHtml(i.term)}</th><td>${escapeHtml(i.value)}</td></tr>`).join("\n");
  const call = input.language === "es" ? "Llámenos" : "Call us";
  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${input.organization} · ${input.number}`)}</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; }
  main { max-width: 170mm; margin: 0 auto; text-align: center; }
  h1 { font-size: 26pt; margin: 8mm 0 2mm; }
  .campaign { font-size: 16pt; color: #444; margin: 0 0 8mm; }
  .call { font-size: 16pt; margin: 6mm 0 0; }
  .number { font-size: 44pt; font-weight: bold; letter-spacing: 1pt; margin: 2mm 0 10mm; }
  table { margin: 0 auto 6mm; border-collapse: collapse; font-size: 14pt; text-align: left; }
  th, td { padding: 1.5mm 4mm; vertical-align: top; }
  th { font-weight: normal; color: #333; }
  h2 { font-size: 16pt; margin: 6mm 0 2mm; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.organization)}</h1>
${input.campaign ? `<p class="campaign">${escapeHtml(input.campaign)}</p>\n` : ""}<p class="call">${call}</p>
<p class="number">${escapeHtml(displayNumber(input.number))}</p>
<h2>${escapeHtml(w.regular)}</h2>
<table class="week">
${list(text.week.map((l) => ({ term: l.days, value: l.hours })))}
</table>
${
  text.special.length > 0
    ? `<h2>${escapeHtml(text.specialTitle)}</h2>\n<table class="special">\n${list(text.special.slice(0, 8).map((l) => ({ term: l.when, value: l.hours })))}\n</table>\n`
    : ""
}</main>
</body>
</html>
`;
}

/**
 * A number as people read it: "+34 910 000 001" (Spain), "+1 212 555 1234" (North America); other
 * plans as written, since grouping them needs their national rules.
 */
export function displayNumber(number: string): string {
  const spain = /^\+34(\d{3})(\d{3})(\d{3})$/.exec(number);
  if (spain) return `+34 ${spain.slice(1).join(" ")}`;
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (nanp) return `+1 ${nanp.slice(1).join(" ")}`;
  return number;
}
