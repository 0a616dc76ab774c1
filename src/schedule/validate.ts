/**
 * Whole-schedule validation: schema errors, ics imports that cannot be read, and rules of equal
 * priority that overlap and disagree. Priority settles every other overlap ("most specific wins"),
 * but between two campaigns, two holidays or two exceptions nothing says which one is meant,
 * so the schedule is rejected rather than guessed at.
 */
import { isoDate, Zone } from "./calendar.ts";
import { type IcsEvent, IcsParseError, type IcsWindow, parseIcs } from "./ics.ts";
import {
  analysisWindow,
  buildRules,
  type DayRule,
  describeRanges,
  hoursOn,
  type RuleSet,
  sameRanges,
} from "./rules.ts";
import { scheduleSchema } from "./schema.ts";
import { spanDays } from "./spans.ts";
import type { ScheduleIssue, SchedulePath } from "./types.ts";

export interface ScheduleSourceOptions {
  /** Returns the text of an ics import (`holidays: [{ ics: ref }]`); the engine itself never reads files. */
  readonly icsLoader?: (ref: string) => string;
  /** Already-parsed ics events by ref; takes precedence over icsLoader. */
  readonly icsEvents?: Readonly<Record<string, readonly IcsEvent[]>>;
  /** Where ics recurrences are expanded (see parseIcs); the engine has no clock to pick it. */
  readonly icsWindow?: IcsWindow;
}

/** The schedule was invalid: `issues` lists every problem with its path. */
export class ScheduleError extends Error {
  readonly issues: readonly ScheduleIssue[];
  constructor(issues: readonly ScheduleIssue[]) {
    super(`invalid schedule:\n${issues.map((i) => `  ${i.path.join(".") || "(schedule)"}: ${i.message}`).join("\n")}`);
    this.name = "ScheduleError";
    this.issues = issues;
  }
}

/** Equal-priority overlaps that give a day different hours; one issue per pair of rules. */
export function findConflicts(rules: RuleSet): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const window = analysisWindow(rules);
  for (const level of [rules.exceptions, rules.holidays, rules.campaigns]) {
    const byDay = new Map<number, DayRule[]>();
    for (const rule of level) {
      if (!rule.span) continue;
      for (const day of spanDays(rule.span, window.first, window.last)) {
        const list = byDay.get(day);
        if (list) list.push(rule);
        else byDay.set(day, [rule]);
      }
    }
    const reported = new Set<string>();
    for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
      const list = byDay.get(day) ?? [];
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i] as DayRule;
          const b = list[j] as DayRule;
          const ha = hoursOn(a.hours, day);
          const hb = hoursOn(b.hours, day);
          const key = `${a.path.join(".")}|${a.source}|${b.path.join(".")}|${b.source}`;
          if (sameRanges(ha, hb) || reported.has(key)) continue;
          reported.add(key);
          const yearly = a.span?.kind !== "dates" && b.span?.kind !== "dates";
          const when = yearly
            ? `every year around ${isoDate(day).slice(5)} (e.g. ${isoDate(day)})`
            : `on ${isoDate(day)}`;
          issues.push({
            path: b.path,
            message:
              `${b.kind} "${b.name}"${b.source ? ` (${b.source})` : ""} overlaps ${a.kind} "${a.name}"${a.source ? ` (${a.source})` : ""} ` +
              `${when} with different hours (${describeRanges(hb)} vs ${describeRanges(ha)}); ` +
              `rules of the same priority must agree — use an exception to settle that date`,
          });
        }
      }
    }
  }
  return issues;
}

function schemaIssues(value: unknown): ScheduleIssue[] {
  const r = scheduleSchema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
  }));
}

/** Schema check, ics import and conflict search; returns the rules only when there is no issue. */
export function analyse(
  value: unknown,
  options: ScheduleSourceOptions = {},
): { rules: RuleSet | null; issues: ScheduleIssue[] } {
  const issues = schemaIssues(value);
  if (issues.length > 0) return { rules: null, issues };
  const config = scheduleSchema.parse(value);
  const zone = new Zone(config.timezone);
  const load = (ref: string, path: SchedulePath): readonly IcsEvent[] => {
    const given = options.icsEvents?.[ref];
    if (given) return given;
    if (!options.icsLoader) {
      issues.push({ path, message: `ics import "${ref}" was not provided (no icsLoader given)` });
      return [];
    }
    try {
      const window = options.icsWindow ? { window: options.icsWindow } : {};
      return parseIcs(options.icsLoader(ref), { defaultZone: config.timezone, ...window });
    } catch (e) {
      const why = e instanceof IcsParseError ? e.message : e instanceof Error ? e.message : String(e);
      issues.push({ path, message: `cannot import ${ref}: ${why}` });
      return [];
    }
  };
  const rules = buildRules(config, zone, load);
  issues.push(...findConflicts(rules));
  return { rules: issues.length > 0 ? null : rules, issues };
}

/** Every problem of a schedule value (unknown input is fine: the schema runs first). Empty = valid. */
export function validateSchedule(value: unknown, options: ScheduleSourceOptions = {}): ScheduleIssue[] {
  return analyse(value, options).issues;
}
