import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rosterAt } from "../../../src/acd/roster.ts";
import { acdConfigFrom } from "../../../src/acd/settings.ts";
import { understaffing, understaffingWarnings } from "../../../src/acd/staffing.ts";
import { type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";

const EXAMPLE = join(import.meta.dirname, "../../../config/hotline.example.yaml");
let config: HotlineConfig;

beforeAll(() => {
  const result = loadConfigSync(EXAMPLE, { env: {} });
  if (!result.ok) throw new Error("the example configuration does not load");
  config = result.config;
});

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("missing in the example configuration");
  return value;
}

/** Madrid wall-clock time (CET in March, UTC+1). */
const madrid = (local: string) => new Date(`${local}:00+01:00`);
const madridSummer = (local: string) => new Date(`${local}:00+02:00`);

describe("rosterAt", () => {
  it("on shift, at lunch, on a break and off, with when that changes", () => {
    // María: mon-fri 08:30-15:30, lunch 13:00-13:30, breaks 10:30-10:45 and 12:00-12:10.
    expect(rosterAt(config, "maria", madrid("2027-03-03T09:00"))).toEqual({
      state: "on-shift",
      since: madrid("2027-03-03T08:30"),
      until: madrid("2027-03-03T10:30"),
    });
    expect(rosterAt(config, "maria", madrid("2027-03-03T13:10"))).toEqual({
      state: "lunch",
      since: madrid("2027-03-03T13:00"),
      until: madrid("2027-03-03T13:30"),
    });
    expect(rosterAt(config, "maria", madrid("2027-03-03T10:40"))).toMatchObject({
      state: "break",
      until: madrid("2027-03-03T10:45"),
    });
    expect(rosterAt(config, "maria", madrid("2027-03-03T07:00"))).toEqual({
      state: "off",
      since: madrid("2027-03-02T15:30"),
      until: madrid("2027-03-03T08:30"),
    });
  });

  it("is off over the weekend until Monday's shift", () => {
    expect(rosterAt(config, "maria", madrid("2027-03-06T11:00"))).toEqual({
      state: "off",
      since: madrid("2027-03-05T15:30"),
      until: madrid("2027-03-08T08:30"),
    });
  });

  it("lunch counts only on days a shift covers it", () => {
    // Lucía: fri 09:00-14:00, lunch 14:00-15:00 → no lunch on Friday, off instead.
    expect(rosterAt(config, "lucia", madrid("2027-03-05T14:30")).state).toBe("off");
    expect(rosterAt(config, "lucia", madrid("2027-03-04T14:30")).state).toBe("lunch");
  });

  it("keeps wall-clock times across daylight-saving time", () => {
    expect(rosterAt(config, "maria", madridSummer("2027-04-07T13:10"))).toMatchObject({
      state: "lunch",
      since: madridSummer("2027-04-07T13:00"),
    });
  });

  it("an operator without a roster, or unknown, is always off", () => {
    const noRoster = {
      ...config,
      operators: { ...config.operators, maria: { ...must(config.operators.maria), roster: undefined } },
    };
    expect(rosterAt(noRoster, "maria", madrid("2027-03-03T09:00"))).toEqual({ state: "off", since: null, until: null });
    expect(rosterAt(config, "nobody", madrid("2027-03-03T09:00")).state).toBe("off");
  });

  it("a night shift reaches into the next day, its breaks too", () => {
    const night = {
      organization: config.organization,
      operators: {
        owl: { ...must(config.operators.maria), roster: { shifts: { fri: "22:00-06:00+1" }, breaks: ["02:00-02:15"] } },
      },
    };
    expect(rosterAt(night, "owl", madrid("2027-03-06T01:00"))).toMatchObject({
      state: "on-shift",
      since: madrid("2027-03-05T22:00"),
      until: madrid("2027-03-06T02:00"),
    });
    expect(rosterAt(night, "owl", madrid("2027-03-06T02:05")).state).toBe("break");
    expect(rosterAt(night, "owl", madrid("2027-03-06T07:00")).state).toBe("off");
  });
});

describe("understaffing on the example configuration", () => {
  const week = madrid("2027-03-03T12:00"); // Mon 1 – Sun 7 March 2027

  it("names the hotline, topic, language, day and hours of each gap", () => {
    const warnings = understaffingWarnings(config, week);
    // Saturday: John (English) and David (no fees) are rostered; nobody for fees in Spanish.
    expect(warnings).toContain('hotline admissions: no operator for topic "fees" in Spanish on Sat 10:00–13:00');
    // Every weekday at 10:30 María, the only one on duty for admissions, is on her break.
    expect(warnings).toContain(
      'hotline admissions: no operator for topic "admissions" in English on Mon–Fri 10:30–10:45',
    );
    // Friday afternoon: Lucía's short shift has ended and David does not do fees.
    expect(warnings).toContain('hotline admissions: no operator for topic "fees" in Spanish on Fri 16:00–18:00');
    // The exam line is closed outside its July campaign.
    expect(warnings.some((w) => w.includes("hotline exams"))).toBe(false);
  });

  it("reports nothing where someone qualifying is rostered", () => {
    const gaps = understaffing(config, week);
    // Spanish grants: María 09:00–15:30 (breaks aside), Lucía and David in the afternoon.
    const grantsEs = gaps.filter((g) => g.topic === "grants" && g.language === "es");
    expect(grantsEs.map((g) => g.message)).toEqual([
      'hotline admissions: no operator for topic "grants" in Spanish on Fri 16:30–16:45',
    ]);
    expect(grantsEs[0]).toMatchObject({
      hotline: "admissions",
      start: madrid("2027-03-05T16:30"),
      end: madrid("2027-03-05T16:45"),
      path: ["hotlines", "admissions", "menu", "options", "3"],
    });
  });

  it("a holiday closes the hotline: no gaps that day", () => {
    const gaps = understaffing(config, madrid("2027-10-13T12:00")); // Tue 12 October, National Day
    expect(gaps.some((g) => g.start.toISOString().startsWith("2027-10-12"))).toBe(false);
    expect(gaps.some((g) => g.start.toISOString().startsWith("2027-10-13"))).toBe(true);
  });

  it("the exam line is checked during its campaign", () => {
    const warnings = understaffingWarnings(config, madridSummer("2027-07-07T12:00"));
    expect(warnings).toContain('hotline exams: no operator for topic "fees" in Spanish on Sat 08:00–20:00');
    expect(warnings).toContain('hotline exams: no operator for topic "admissions" in English on Mon–Fri 08:00–08:30');
  });

  it("fully staffed: no warnings", () => {
    const allDay = { shifts: { daily: "24h" }, breaks: [] };
    const staffed = {
      ...config,
      operators: {
        all: { ...must(config.operators.maria), competences: { admissions: 1, fees: 1, grants: 1 }, roster: allDay },
      },
    };
    expect(understaffingWarnings(staffed, week)).toEqual([]);
  });

  it("a hotline without menu or schedule needs anyone in each language, all week", () => {
    const bare = {
      ...config,
      hotlines: { help: { ...must(config.hotlines.exams), schedule: undefined, menu: undefined } },
      operators: { en: { ...must(config.operators.john), roster: { shifts: { daily: "24h" }, breaks: [] } } },
    };
    expect(understaffingWarnings(bare, week)).toEqual(["hotline help: no operator in Spanish on Mon–Sun 00:00–24:00"]);
  });
});

describe("acdConfigFrom", () => {
  it("takes operators in configuration order, topics' competences and each hotline's rules", () => {
    const acd = acdConfigFrom(config);
    expect(acd.timezone).toBe("Europe/Madrid");
    expect(acd.operators.map((o) => o.key)).toEqual(["maria", "john", "lucia", "david"]);
    expect(acd.operators[0]).toEqual({
      key: "maria",
      languages: ["es", "en"],
      competences: { admissions: 5, fees: 3, grants: 4 },
    });
    expect(acd.topics.grants).toEqual({ competence: "grants" });
    expect(acd.hotlines.admissions).toEqual({
      strategy: "longest-idle",
      wrapUp: 10,
      widenAfter: 30,
      retryAfter: 60,
      maxMissed: 3,
    });
  });

  it("maps best-skill to longest-idle and reads the proposed keys when present", () => {
    const withKeys = structuredClone(config);
    Object.assign(must(withKeys.hotlines.admissions).queue, {
      strategy: "ring-all",
      widenAfter: 5,
      retryAfter: 7,
      maxMissed: 0,
    });
    Object.assign(must(withKeys.hotlines.exams).queue, { strategy: "best-skill" });
    const acd = acdConfigFrom(withKeys);
    expect(acd.hotlines.admissions).toMatchObject({ strategy: "ring-all", widenAfter: 5, retryAfter: 7, maxMissed: 0 });
    expect(acd.hotlines.exams?.strategy).toBe("longest-idle");
  });
});
