/**
 * A hours sheet in plain words, in English or Spanish: what goes on the ads, the packaging and the
 * website. Pure.
 */
import { DateTime } from "luxon";
import { messages } from "../analysis/messages.ts";
import { civil } from "../schedule/calendar.ts";
import { formatTime, MINUTES_PER_DAY, type MinuteRange, MONTH_NAMES } from "../schedule/syntax.ts";
import { dayOf, type HoursSheet, type SpecialDays, type WeekGroup, weekdayOfDate } from "./sheet.ts";

export const HOURS_LANGUAGES = ["en", "es"] as const;
export type HoursLanguage = (typeof HOURS_LANGUAGES)[number];

interface Words {
  weekdays: readonly string[];
  months: readonly string[];
  /** "Monday to Friday", "Monday and Tuesday". */
  dayRun(first: string, last: string, count: number): string;
  range(from: string, to: string): string;
  and: string;
  closed: string;
  allDay: string;
  nextDay: string;
  /** "Friday 25 December", with the year when it is not this year's. */
  date(weekday: string, day: number, month: string, year?: number): string;
  /** Weekday names inside a sentence are lower case (Spanish). */
  lowerInside: boolean;
  dateRun(from: string, to: string): string;
  specialHours: string;
  openNow(until: string): string;
  openNowNoEnd: string;
  closedNow(opens: string): string;
  closedNowNoOpening: string;
  today: string;
  tomorrow: string;
  at(day: string, time: string): string;
  alwaysOpen: string;
  regular: string;
  differentDays: string;
  everyDay: string;
  onlyThoseDays: string;
}

const EN: Words = {
  weekdays: messages("en").weekdays,
  months: MONTH_NAMES,
  dayRun: (first, last, count) => (count === 1 ? first : count === 2 ? `${first} and ${last}` : `${first} to ${last}`),
  range: (from, to) => `${from}–${to}`,
  and: " and ",
  closed: "closed",
  allDay: "open 24 hours",
  nextDay: " (next day)",
  date: (weekday, day, month, year) => `${weekday} ${day} ${month}${year ? ` ${year}` : ""}`,
  lowerInside: false,
  dateRun: (from, to) => `${from} to ${to}`,
  specialHours: "special hours",
  openNow: (until) => `Open now, until ${until}.`,
  openNowNoEnd: "Open now.",
  closedNow: (opens) => `Closed now. Opens ${opens}.`,
  closedNowNoOpening: "Closed now.",
  today: "today",
  tomorrow: "tomorrow",
  at: (day, time) => `${day} at ${time}`,
  alwaysOpen: "Open 24 hours, every day.",
  regular: "Opening hours",
  differentDays: "Days with different hours",
  everyDay: "Every day",
  onlyThoseDays: "closed, but for the days below",
};

const ES: Words = {
  weekdays: messages("es").weekdays,
  months: [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
  ],
  dayRun: (first, last, count) =>
    count === 1 ? capital(first) : count === 2 ? `${capital(first)} y ${last}` : `De ${first} a ${last}`,
  range: (from, to) => `de ${from} a ${to}`,
  and: " y ",
  closed: "cerrado",
  allDay: "abierto las 24 horas",
  nextDay: " (del día siguiente)",
  date: (weekday, day, month, year) => `${weekday} ${day} de ${month}${year ? ` de ${year}` : ""}`,
  lowerInside: true,
  dateRun: (from, to) => `del ${from} al ${to}`,
  specialHours: "horario especial",
  openNow: (until) => `Abierto ahora, hasta ${until}.`,
  openNowNoEnd: "Abierto ahora.",
  closedNow: (opens) => `Cerrado ahora. Abre ${opens}.`,
  closedNowNoOpening: "Cerrado ahora.",
  today: "hoy",
  tomorrow: "mañana",
  at: (day, time) => `${day} a las ${time}`,
  alwaysOpen: "Abierto las 24 horas, todos los días.",
  regular: "Horario de atención",
  differentDays: "Días con otro horario",
  everyDay: "Todos los días",
  onlyThoseDays: "cerrado, salvo los días indicados abajo",
};

const WORDS: Record<HoursLanguage, Words> = { en: EN, es: ES };

/** The first of the languages wanted that the hours speak (asked, a number's, the organization's), else English. */
export function hoursLanguage(...wanted: (string | undefined)[]): HoursLanguage {
  for (const l of wanted) if (l === "en" || l === "es") return l;
  return "en";
}

export function hoursWords(language: HoursLanguage): Words {
  return WORDS[language];
}

/** The sheet in words: the regular week line by line, the days that differ, and now. */
export interface HoursText {
  title: string;
  week: { days: string; hours: string }[];
  specialTitle: string;
  special: { when: string; hours: string }[];
  now: string;
}

export function hoursText(sheet: HoursSheet, language: HoursLanguage, at: Date): HoursText {
  const w = WORDS[language];
  const thisYear = DateTime.fromJSDate(at).setZone(sheet.timezone).year;
  return {
    title: w.regular,
    week: sheet.always
      ? [{ days: w.everyDay, hours: w.allDay }]
      : sheet.week.every((g) => g.ranges.length === 0)
        ? [{ days: w.everyDay, hours: w.onlyThoseDays }]
        : sheet.week.map((g) => ({ days: daysText(g, w), hours: rangesText(g.ranges, w) })),
    specialTitle: w.differentDays,
    special: sheet.special.map((s) => ({ when: specialWhen(s, w, thisYear), hours: specialHours(s, w) })),
    now: nowText(sheet, w, at, language),
  };
}

/** The whole sheet as lines of text, for a terminal or a plain-text notice. */
export function hoursLines(text: HoursText): string[] {
  const lines = [`${text.title}:`, ...text.week.map((l) => `  ${l.days}: ${l.hours}`)];
  if (text.special.length > 0)
    lines.push(`${text.specialTitle}:`, ...text.special.map((l) => `  ${l.when}: ${l.hours}`));
  lines.push(text.now);
  return lines;
}

/** "Monday to Friday", "Saturday", "Every day". */
function daysText(g: WeekGroup, w: Words): string {
  if (g.days.length === 7) return w.everyDay;
  return w.dayRun(w.weekdays[g.days[0] ?? 0] ?? "", w.weekdays[g.days[g.days.length - 1] ?? 0] ?? "", g.days.length);
}

function rangesText(ranges: readonly MinuteRange[], w: Words): string {
  if (ranges.length === 0) return w.closed;
  if (ranges.length === 1 && ranges[0]?.start === 0 && ranges[0].end >= MINUTES_PER_DAY) return w.allDay;
  return ranges
    .map((r) =>
      w.range(
        formatTime(r.start),
        r.end > MINUTES_PER_DAY ? `${formatTime(r.end - MINUTES_PER_DAY)}${w.nextDay}` : formatTime(r.end),
      ),
    )
    .join(w.and);
}

function specialHours(s: SpecialDays, w: Words): string {
  if (s.week) {
    const open = s.week.filter((g) => g.ranges.length > 0);
    const week =
      open.length === 0
        ? w.closed
        : open
            .map((g, i) => {
              const days = daysText(g, w);
              const inside = w.lowerInside || (i > 0 && g.days.length === 7);
              return `${inside ? days.charAt(0).toLowerCase() + days.slice(1) : days} ${rangesText(g.ranges, w)}`;
            })
            .join(", ");
    return `${week} (${s.name})`;
  }
  const hours =
    s.hours.length === 0
      ? w.closed
      : s.hours.length === 1 && s.hours[0]?.from === "00:00" && /^(24:00|00:00\+1)$/.test(s.hours[0].to)
        ? w.allDay
        : s.hours.map((h) => w.range(h.from, h.to.replace(/\+1$/, w.nextDay))).join(w.and);
  return `${hours} (${s.name || w.specialHours})`;
}

function dateText(date: string, w: Words, thisYear: number): string {
  const { year, month, day } = civil(dayOf(date));
  return w.date(
    w.weekdays[weekdayOfDate(date)] ?? "",
    day,
    w.months[month - 1] ?? "",
    year === thisYear ? undefined : year,
  );
}

function specialWhen(s: SpecialDays, w: Words, thisYear: number): string {
  const text =
    s.from === s.to
      ? dateText(s.from, w, thisYear)
      : w.dateRun(dateText(s.from, w, thisYear), dateText(s.to, w, thisYear));
  return capital(text);
}

function nowText(sheet: HoursSheet, w: Words, at: Date, language: HoursLanguage): string {
  const { now } = sheet;
  if (now.open)
    return now.closesAt ? w.openNow(when(now.closesAt, sheet.timezone, at, w, language, true)) : w.openNowNoEnd;
  return now.opensAt ? w.closedNow(when(now.opensAt, sheet.timezone, at, w, language, false)) : w.closedNowNoOpening;
}

/** "18:00" (today, until), "today at 16:00", "tomorrow at 09:00", "Monday at 09:00", "Monday 4 January at 09:00". */
function when(instant: Date, zone: string, at: Date, w: Words, language: HoursLanguage, until: boolean): string {
  const t = DateTime.fromJSDate(instant).setZone(zone);
  const now = DateTime.fromJSDate(at).setZone(zone);
  const time = t.toFormat("HH:mm");
  const days = Math.round(t.startOf("day").diff(now.startOf("day"), "days").days);
  const weekday = w.weekdays[t.weekday - 1] ?? "";
  const article = language === "es" ? "el " : "";
  if (until) {
    if (days === 0) return language === "es" ? `las ${time}` : time;
    return w.at(days === 1 ? w.tomorrow : `${article}${weekday}`, time);
  }
  if (days === 0) return w.at(w.today, time);
  if (days === 1) return w.at(w.tomorrow, time);
  if (days < 7) return w.at(`${article}${weekday}`, time);
  return w.at(
    `${article}${w.date(weekday, t.day, w.months[t.month - 1] ?? "", t.year === now.year ? undefined : t.year)}`,
    time,
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
