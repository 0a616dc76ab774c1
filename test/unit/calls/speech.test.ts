import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextOpeningSpeech } from "../../../src/calls/speech.ts";

const MADRID = "Europe/Madrid";
/** A local time in Madrid (wall clock), as the schedule would give it. */
const madrid = (iso: string) => DateTime.fromISO(iso, { zone: MADRID }).toJSDate();
const say = (next: string, now: string, language = "en", zone = MADRID) =>
  nextOpeningSpeech(
    DateTime.fromISO(next, { zone }).toJSDate(),
    DateTime.fromISO(now, { zone }).toJSDate(),
    zone,
    language,
  );

describe("nextOpeningSpeech: when the hotline opens, in Asterisk's core sounds", () => {
  // 2027-03-03 is a Wednesday.
  it("later today, on the hour", () => {
    expect(say("2027-03-03T16:00", "2027-03-03T14:10")).toEqual([
      "sound:digits/today",
      "sound:digits/at",
      "number:4",
      "sound:digits/p-m",
    ]);
    expect(say("2027-03-03T16:00", "2027-03-03T14:10", "es")).toEqual([
      "sound:digits/today",
      "sound:digits/at",
      "number:16",
    ]);
  });

  it("tomorrow morning, with minutes (English: 'oh' before a single-digit minute)", () => {
    expect(say("2027-03-04T09:30", "2027-03-03T20:00")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:9",
      "number:30",
      "sound:digits/a-m",
    ]);
    expect(say("2027-03-04T09:05", "2027-03-03T20:00")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:9",
      "sound:digits/oh",
      "number:5",
      "sound:digits/a-m",
    ]);
    expect(say("2027-03-04T09:30", "2027-03-03T20:00", "es")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:9",
      "sound:digits/and",
      "number:30",
    ]);
  });

  it("within the week: the weekday (Spanish: 'el lunes')", () => {
    // Friday evening → Monday 09:00 (day-1 = Monday; Asterisk counts from Sunday = day-0).
    expect(say("2027-03-08T09:00", "2027-03-05T19:00")).toEqual([
      "sound:digits/day-1",
      "sound:digits/at",
      "number:9",
      "sound:digits/a-m",
    ]);
    expect(say("2027-03-08T09:00", "2027-03-05T19:00", "es")).toEqual([
      "sound:digits/es-el",
      "sound:digits/day-1",
      "sound:digits/at",
      "number:9",
    ]);
    // Six days ahead is still a weekday; Sunday is day-0.
    expect(say("2027-03-07T10:00", "2027-03-01T10:00")[0]).toBe("sound:digits/day-0");
  });

  it("a week or more ahead: weekday, day of month and month", () => {
    // Wednesday 3 March → Monday 22 March 2027, 12:00 (noon is 12 p.m.).
    expect(say("2027-03-22T12:00", "2027-03-03T10:00")).toEqual([
      "sound:digits/day-1",
      "sound:digits/mon-2",
      "sound:digits/20",
      "sound:digits/h-2",
      "sound:digits/at",
      "number:12",
      "sound:digits/p-m",
    ]);
    expect(say("2027-03-22T12:00", "2027-03-03T10:00", "es")).toEqual([
      "sound:digits/es-el",
      "sound:digits/day-1",
      "number:22",
      "sound:digits/es-de",
      "sound:digits/mon-2",
      "sound:digits/at",
      "number:12",
    ]);
    // Exactly seven days: the same weekday as today, so the date is said too. 10 March = "tenth".
    expect(say("2027-03-10T09:00", "2027-03-03T09:00").slice(0, 3)).toEqual([
      "sound:digits/day-3",
      "sound:digits/mon-2",
      "sound:digits/h-10",
    ]);
    // January is mon-0; the 30th has a file of its own.
    expect(say("2028-01-30T09:00", "2027-12-20T09:00").slice(0, 3)).toEqual([
      "sound:digits/day-0",
      "sound:digits/mon-0",
      "sound:digits/h-30",
    ]);
  });

  it("counts calendar days in the schedule's zone across a DST change (23- and 25-hour days)", () => {
    // Spring forward in Madrid: Sunday 28 March 2027 has 23 hours.
    expect(say("2027-03-29T09:00", "2027-03-28T08:30")[0]).toBe("sound:digits/tomorrow");
    expect(say("2027-03-29T00:30", "2027-03-27T23:45")[0]).toBe("sound:digits/day-1");
    // Fall back: Sunday 31 October 2027 has 25 hours; 23:30 Saturday → 00:15 Monday is two days.
    expect(say("2027-11-01T00:15", "2027-10-30T23:30")[0]).toBe("sound:digits/day-1");
    expect(say("2027-11-01T09:00", "2027-10-31T00:10")[0]).toBe("sound:digits/tomorrow");
    // The wall-clock hour is the zone's, not UTC's: 09:00 in summer is 07:00 UTC.
    expect(nextOpeningSpeech(madrid("2027-07-06T09:00"), madrid("2027-07-05T18:00"), MADRID, "es")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:9",
    ]);
  });

  it("midnight belongs to the day it starts: 23:59 → 00:00 is tomorrow, said as 12 a.m. / las 0", () => {
    expect(say("2027-03-04T00:00", "2027-03-03T23:59")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:12",
      "sound:digits/a-m",
    ]);
    expect(say("2027-03-04T00:00", "2027-03-03T23:59", "es")).toEqual([
      "sound:digits/tomorrow",
      "sound:digits/at",
      "number:0",
    ]);
    // 00:01 after midnight, opening at 09:00 the same morning: today.
    expect(say("2027-03-04T09:00", "2027-03-04T00:01")[0]).toBe("sound:digits/today");
  });

  it("uses the schedule's zone, not the machine's: the same instant is a different day in Tokyo", () => {
    const now = new Date("2027-03-03T14:00:00Z"); // 15:00 Madrid, 23:00 Tokyo
    const next = new Date("2027-03-03T16:00:00Z"); // 17:00 Madrid, 01:00 Tokyo next day
    expect(nextOpeningSpeech(next, now, MADRID, "en")[0]).toBe("sound:digits/today");
    expect(nextOpeningSpeech(next, now, "Asia/Tokyo", "en")[0]).toBe("sound:digits/tomorrow");
  });

  it("an opening already past (the state changed while the caller listened) is said as today", () => {
    expect(say("2027-03-03T09:00", "2027-03-03T09:01")[0]).toBe("sound:digits/today");
  });

  it("refuses an unknown time zone instead of saying a wrong time", () => {
    expect(() => nextOpeningSpeech(new Date(), new Date(), "Mars/Olympus", "en")).toThrow(/time zone/);
  });
});
