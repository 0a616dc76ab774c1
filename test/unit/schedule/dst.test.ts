import { describe, expect, it } from "vitest";
import {
  compileSchedule,
  explain,
  isOpen,
  nextOpening,
  preview,
  repeatedHourNote,
} from "../../../src/schedule/index.ts";
import { iso, utc } from "./helpers.ts";

// Expected instants are written in UTC so they do not rely on the engine's own zone arithmetic.
const madrid = (weekly: Record<string, string>) => compileSchedule({ timezone: "Europe/Madrid", weekly });
const newYork = (weekly: Record<string, string>) => compileSchedule({ timezone: "America/New_York", weekly });

describe("DST in Europe/Madrid", () => {
  it("spring forward 2027-03-28: 01:00-04:00 lasts two real hours", () => {
    const s = madrid({ sun: "01:00-04:00" });
    expect(isOpen(s, utc("2027-03-27T23:59"))).toBe(false); // 00:59 CET
    const e = explain(s, utc("2027-03-28T00:30"));
    expect(e.open).toBe(true);
    expect(e.localTime).toBe("2027-03-28T01:30+01:00");
    expect(iso(e.nextChange)).toBe("2027-03-28T02:00:00Z"); // 04:00 CEST
    expect(isOpen(s, utc("2027-03-28T01:59"))).toBe(true);
    expect(isOpen(s, utc("2027-03-28T02:00"))).toBe(false);
    expect(iso(explain(s, utc("2027-03-27T23:59")).nextChange)).toBe("2027-03-28T00:00:00Z");
  });

  it("spring forward: a range inside the missing hour is empty, one starting in it opens after the gap", () => {
    const gap = madrid({ sun: "02:00-03:00" });
    expect(isOpen(gap, utc("2027-03-28T01:00"))).toBe(false);
    expect(iso(nextOpening(gap, utc("2027-03-28T00:00")))).toBe("2027-04-04T00:00:00Z"); // next Sunday 02:00 CEST
    expect(preview(gap, utc("2027-03-28T12:00"), 1)[0]?.intervals).toEqual([]);
    const late = madrid({ sun: "02:30-05:00" });
    expect(iso(nextOpening(late, utc("2027-03-28T00:00")))).toBe("2027-03-28T01:30:00Z"); // 03:30 CEST
    expect(iso(explain(late, utc("2027-03-28T02:00")).nextChange)).toBe("2027-03-28T03:00:00Z");
  });

  it("fall back 2026-10-25: 01:00-04:00 lasts four real hours, open through both 02:xx", () => {
    const s = madrid({ sun: "01:00-04:00" });
    expect(iso(nextOpening(s, utc("2026-10-24T20:00")))).toBe("2026-10-24T23:00:00Z"); // 01:00 CEST
    const first = explain(s, utc("2026-10-25T00:30"));
    expect(first.localTime).toBe("2026-10-25T02:30+02:00");
    expect(first.open).toBe(true);
    expect(iso(first.nextChange)).toBe("2026-10-25T03:00:00Z"); // 04:00 CET
    const second = explain(s, utc("2026-10-25T01:30"));
    expect(second.localTime).toBe("2026-10-25T02:30+01:00");
    expect(second.open).toBe(true);
    expect(isOpen(s, utc("2026-10-25T03:00"))).toBe(false);
  });

  it("fall back: a time in the repeated hour means its first occurrence", () => {
    const s = madrid({ sun: "02:30-03:30" });
    expect(iso(nextOpening(s, utc("2026-10-24T20:00")))).toBe("2026-10-25T00:30:00Z"); // 02:30 CEST
    expect(iso(explain(s, utc("2026-10-25T00:30")).nextChange)).toBe("2026-10-25T02:30:00Z"); // 03:30 CET
  });

  it("a closed second 02:15 says which 02:15 it is and its UTC offset, beside the rule that names 02:15", () => {
    const s = madrid({ sun: "02:00-02:30" });
    const second = explain(s, utc("2026-10-25T01:15"));
    expect(second).toMatchObject({ open: false, utcOffset: "+01:00", repeated: "second" });
    expect(repeatedHourNote(second)).toBe(
      "02:15 happens twice on 2026-10-25 (clocks go back): this is the second 02:15, UTC+01:00; times in the rules mean the first",
    );
    const first = explain(s, utc("2026-10-25T00:15"));
    expect(first).toMatchObject({ open: true, utcOffset: "+02:00", repeated: "first" });
    expect(repeatedHourNote(first)).toContain("this is the first 02:15, UTC+02:00");
    const ordinary = explain(s, utc("2026-10-25T03:15"));
    expect(ordinary).toMatchObject({ utcOffset: "+01:00", repeated: null });
    expect(repeatedHourNote(ordinary)).toBeNull();
    expect(explain(s, utc("2027-03-28T01:15")).repeated).toBeNull(); // spring forward: nothing repeats
  });

  it("nextChange across a weekend with a DST change uses the new offset", () => {
    const s = madrid({ "mon-fri": "09:00-17:00" });
    expect(iso(explain(s, utc("2027-03-26T16:00")).nextChange)).toBe("2027-03-29T07:00:00Z"); // Mon 09:00 CEST
    expect(iso(explain(s, utc("2026-10-23T15:00")).nextChange)).toBe("2026-10-26T08:00:00Z"); // Mon 09:00 CET
  });

  it("a night range spanning the change ends at the wall-clock time in the new offset", () => {
    const s = madrid({ sat: "22:00-06:00+1" });
    const e = explain(s, utc("2027-03-27T21:00"));
    expect(e.open).toBe(true);
    expect(iso(e.nextChange)).toBe("2027-03-28T04:00:00Z"); // 06:00 CEST: 7 real hours
    expect(preview(s, utc("2027-03-27T12:00"), 1)[0]?.intervals.map((i) => `${i.from}-${i.to}`)).toEqual([
      "22:00-06:00+1",
    ]);
  });
});

describe("DST in America/New_York", () => {
  it("spring forward 2027-03-14: 01:00-04:00 runs 06:00Z–08:00Z", () => {
    const s = newYork({ sun: "01:00-04:00" });
    expect(iso(nextOpening(s, utc("2027-03-14T00:00")))).toBe("2027-03-14T06:00:00Z");
    const e = explain(s, utc("2027-03-14T06:59"));
    expect(e.localTime).toBe("2027-03-14T01:59-05:00");
    expect(iso(e.nextChange)).toBe("2027-03-14T08:00:00Z");
    expect(isOpen(s, utc("2027-03-14T07:30"))).toBe(true); // 03:30 EDT
  });

  it("fall back 2026-11-01: 01:00-04:00 runs 05:00Z–09:00Z", () => {
    const s = newYork({ sun: "01:00-04:00" });
    expect(iso(nextOpening(s, utc("2026-11-01T00:00")))).toBe("2026-11-01T05:00:00Z"); // 01:00 EDT
    const repeated = explain(s, utc("2026-11-01T06:30"));
    expect(repeated.localTime).toBe("2026-11-01T01:30-05:00");
    expect(repeated.open).toBe(true);
    expect(iso(repeated.nextChange)).toBe("2026-11-01T09:00:00Z"); // 04:00 EST
  });
});
