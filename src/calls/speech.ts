import { DateTime } from "luxon";

/**
 * When the hotline opens next, as Asterisk core sounds, after the hotline's "we open" prompt:
 * "tomorrow at 9 a.m.", "el lunes a las 9", "Monday, January 5th at 9 30 a.m.".
 *
 * Days are counted on the schedule's calendar (its time zone), not in 24-hour steps, so a DST
 * change in between cannot turn "tomorrow" into "today". English says the time on the 12-hour
 * clock with a.m./p.m., as English speakers give opening hours; Spanish on the 24-hour clock with
 * "y" before the minutes ("a las 14 y 30"), as Spanish announcements do. Other languages take the
 * English order, their numbers said in their own language by Asterisk.
 */
export function nextOpeningSpeech(next: Date, now: Date, timezone: string, language: string): string[] {
  const opens = DateTime.fromJSDate(next, { zone: timezone });
  const today = DateTime.fromJSDate(now, { zone: timezone });
  if (!opens.isValid || !today.isValid) throw new Error(`cannot say a time in time zone "${timezone}"`);
  const spanish = language === "es";
  return [...dayPart(opens, calendarDaysBetween(today, opens), spanish), ...timePart(opens, spanish)];
}

/** Whole calendar days from `from`'s date to `to`'s date, both in their zone (DST-proof). */
function calendarDaysBetween(from: DateTime, to: DateTime): number {
  // Compare the local dates as if they were UTC dates: every day is then exactly 24 hours long.
  const day = (d: DateTime) => Date.UTC(d.year, d.month - 1, d.day);
  return Math.round((day(to) - day(from)) / 86_400_000);
}

function dayPart(opens: DateTime, days: number, spanish: boolean): string[] {
  if (days <= 0) return ["sound:digits/today"]; // a past "next opening" can only mean now-ish
  if (days === 1) return ["sound:digits/tomorrow"];
  // Asterisk numbers weekdays from Sunday (day-0) and months from January (mon-0); luxon from 1.
  const weekday = `sound:digits/day-${opens.weekday % 7}`;
  const month = `sound:digits/mon-${opens.month - 1}`;
  if (days <= 6) return spanish ? ["sound:digits/es-el", weekday] : [weekday];
  return spanish
    ? ["sound:digits/es-el", weekday, `number:${opens.day}`, "sound:digits/es-de", month]
    : [weekday, month, ...ordinal(opens.day)];
}

function timePart(opens: DateTime, spanish: boolean): string[] {
  const at = "sound:digits/at";
  const { hour, minute } = opens;
  if (spanish)
    return minute === 0 ? [at, `number:${hour}`] : [at, `number:${hour}`, "sound:digits/and", `number:${minute}`];
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? [] : minute < 10 ? ["sound:digits/oh", `number:${minute}`] : [`number:${minute}`];
  return [at, `number:${hour12}`, ...minutes, hour < 12 ? "sound:digits/a-m" : "sound:digits/p-m"];
}

/** "fifth", "twenty-first": Asterisk has h-1…h-20 and h-30; 21st is "20" + "h-1", as its say.c does. */
function ordinal(day: number): string[] {
  if (day <= 20 || day % 10 === 0) return [`sound:digits/h-${day}`];
  return [`sound:digits/${day - (day % 10)}`, `sound:digits/h-${day % 10}`];
}
