/**
 * Understaffing: the times in a week when a hotline is open but no rostered operator (on shift,
 * not at lunch or on a break) could take a caller of one of its menu's topics in one of its
 * languages. Pure: opening hours come from the schedule engine, shifts from the rosters.
 */
import { DateTime } from "luxon";
import type { HotlineConfig } from "../config/schema.ts";
import { type CompiledSchedule, compileSchedule, preview } from "../schedule/index.ts";
import { type Interval, subtract, union } from "../schedule/intervals.ts";
import { addDays, localDate, localInstant } from "../schedule/local-day.ts";
import { plannedIntervals } from "../schedule/roster.ts";

type StaffingConfig = Pick<
  HotlineConfig,
  "organization" | "operators" | "topics" | "hotlines" | "schedules" | "numbers"
>;

/** A stretch of one local day with nobody rostered for a topic in a language. */
export interface StaffingGap {
  readonly hotline: string;
  /** undefined: the hotline has no menu, any operator speaking the language would do. */
  readonly topic?: string;
  readonly language: string;
  readonly start: Date;
  readonly end: Date;
  /** Where in the configuration the topic is offered (the menu option), or the hotline. */
  readonly path: readonly (string | number)[];
  /** `hotline admissions: no operator for topic "grants" in Spanish on Sat 09:00–14:00` */
  readonly message: string;
}

export interface StaffingOptions {
  /** Compiled schedules (e.g. with ics imports read); by default compiled here without ics files. */
  readonly schedules?: Readonly<Record<string, CompiledSchedule>>;
}

/**
 * Gaps in the ISO week (Monday–Sunday, organization time) that contains `week`, by hotline, then
 * in menu order, language and time. Opening intervals are those starting in the week.
 */
export function understaffing(config: StaffingConfig, week: Date, options: StaffingOptions = {}): StaffingGap[] {
  const zone = config.organization.timezone;
  const monday = DateTime.fromMillis(week.getTime(), { zone }).startOf("week").toISODate() ?? "";
  const weekStart = localInstant(monday, 0, zone);
  const weekEnd = localInstant(addDays(monday, 7), 0, zone);
  const rosterEnd = localInstant(addDays(monday, 8), 0, zone);
  const gaps: StaffingGap[] = [];
  for (const [hotline, settings] of Object.entries(config.hotlines)) {
    const open = openIntervals(config, settings.schedule, monday, weekStart, weekEnd, options);
    if (open.length === 0) continue;
    for (const offer of offeredTopics(hotline, settings)) {
      const competence = offer.topic === undefined ? undefined : config.topics[offer.topic]?.competence;
      for (const language of hotlineLanguages(config, hotline)) {
        const covered: Interval[] = [];
        for (const op of Object.values(config.operators)) {
          if (!op.roster || !op.languages.includes(language)) continue;
          if (competence !== undefined && (op.competences[competence] ?? 0) < 1) continue;
          // Past Sunday 24:00: an opening that starts on Sunday may run into Monday.
          covered.push(...plannedIntervals(op.roster, { start: weekStart, end: rosterEnd, timezone: zone }));
        }
        for (const gap of splitByDay(subtract(open, covered), zone)) {
          gaps.push({
            hotline,
            ...(offer.topic !== undefined ? { topic: offer.topic } : {}),
            language,
            start: new Date(gap.start),
            end: new Date(gap.end),
            path: offer.path,
            message: `hotline ${hotline}: no operator${offer.topic !== undefined ? ` for topic "${offer.topic}"` : ""} in ${languageName(language)} on ${describe(gap, zone)}`,
          });
        }
      }
    }
  }
  return gaps;
}

/**
 * Human-readable warnings; the same gap on several days of the week is said once:
 * `hotline admissions: no operator for topic "fees" in English on Mon–Fri 10:30–10:45`.
 */
export function understaffingWarnings(config: StaffingConfig, week: Date, options: StaffingOptions = {}): string[] {
  const zone = config.organization.timezone;
  const groups = new Map<string, { head: string; hours: string; days: number[] }>();
  for (const gap of understaffing(config, week, options)) {
    const span = { start: gap.start.getTime(), end: gap.end.getTime() };
    const head = gap.message.slice(0, gap.message.lastIndexOf(" on ") + 4);
    const hours = describe(span, zone).slice(4);
    const key = `${head}\u0000${hours}`;
    const group = groups.get(key) ?? { head, hours, days: [] };
    group.days.push(DateTime.fromMillis(span.start, { zone }).weekday - 1);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.head}${dayList(g.days)} ${g.hours}`);
}

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** [0,1,2,3,4] → "Mon–Fri", [0,2] → "Mon, Wed". */
function dayList(days: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const d of [...new Set(days)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs
    .map(([a, b]) => (b - a >= 2 ? `${DAY_NAMES[a]}–${DAY_NAMES[b]}` : DAY_NAMES.slice(a, b + 1).join(", ")))
    .join(", ");
}

function openIntervals(
  config: StaffingConfig,
  schedule: string | undefined,
  monday: string,
  weekStart: number,
  weekEnd: number,
  options: StaffingOptions,
): Interval[] {
  if (schedule === undefined) return [{ start: weekStart, end: weekEnd }]; // no schedule: always open
  const compiled = options.schedules?.[schedule] ?? compileSchedule(config.schedules[schedule]);
  // Noon, so a schedule in a neighbouring zone still starts on the same Monday.
  const from = new Date(localInstant(monday, 12 * 60, config.organization.timezone));
  return union(
    preview(compiled, from, 7).flatMap((day) =>
      day.intervals.map((iv) => ({ start: iv.start.getTime(), end: iv.end.getTime() })),
    ),
  );
}

/** The topics a hotline's menu offers (sub-menus and defaults included), each once, in menu order. */
export function offeredTopics(
  hotline: string,
  settings: HotlineConfig["hotlines"][string],
): { topic?: string; path: (string | number)[] }[] {
  const base = ["hotlines", hotline];
  const menu = settings.menu;
  if (!menu) return [{ path: base }];
  const out = new Map<string, (string | number)[]>();
  const add = (topic: string | undefined, path: (string | number)[]) => {
    if (topic !== undefined && !out.has(topic)) out.set(topic, path);
  };
  for (const [key, option] of Object.entries(menu.options)) {
    const at = [...base, "menu", "options", key];
    add(option.topic, at);
    for (const [sub, leaf] of Object.entries(option.menu?.options ?? {}))
      add(leaf.topic, [...at, "menu", "options", sub]);
    add(option.menu?.default, [...at, "menu", "default"]);
  }
  add(menu.default, [...base, "menu", "default"]);
  return [...out].map(([topic, path]) => ({ topic, path }));
}

/** Languages callers of a hotline may speak: all of the organization's when they can choose. */
function hotlineLanguages(config: StaffingConfig, hotline: string): string[] {
  const settings = config.hotlines[hotline];
  if (settings?.languageChoice !== false) return config.organization.languages;
  const spoken = new Set([config.organization.defaultLanguage]);
  for (const n of config.numbers) if (n.hotline === hotline && n.language) spoken.add(n.language);
  return [...spoken];
}

/** A gap over midnight becomes one per local day: warnings read "on Sat 09:00–14:00". */
function splitByDay(spans: readonly Interval[], zone: string): Interval[] {
  const out: Interval[] = [];
  for (const s of spans) {
    let start = s.start;
    while (start < s.end) {
      const midnight = localInstant(addDays(localDate(start, zone), 1), 0, zone);
      const end = Math.min(s.end, midnight);
      out.push({ start, end });
      start = end;
    }
  }
  return out;
}

function describe(span: Interval, zone: string): string {
  const start = DateTime.fromMillis(span.start, { zone });
  const end = DateTime.fromMillis(span.end, { zone });
  const endText = end.hasSame(start, "day") ? end.toFormat("HH:mm") : "24:00";
  return `${start.setLocale("en").toFormat("ccc")} ${start.toFormat("HH:mm")}–${endText}`;
}

/** "es" → "Spanish"; the code itself when the runtime does not know it. */
function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
