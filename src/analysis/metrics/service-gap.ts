import { overlaps } from "../../schedule/intervals.ts";
import { localInstant } from "../../schedule/local-day.ts";
import { weekPlan } from "../../schedule/roster.ts";
import { MINUTES_PER_DAY } from "../../schedule/syntax.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { IsoWeek, OperatorPause } from "../types.ts";
import type { Heatmap } from "./hourly.ts";
import { WEEKDAY_NAMES } from "./volume.ts";

/** Where the service level fell short the most, and who was (not) there: evidence for the findings. */
export interface ServiceGap {
  day: number;
  weekday: string;
  fromHour: number;
  toHour: number;
  answered: number;
  answeredWithinTarget: number;
  serviceLevel: number;
  /** Operators whose shift covers part of the window. */
  rostered: string[];
  /** Of those, on a planned break or a recorded pause during the window. */
  onBreak: string[];
}

/** Hours with fewer answered calls than this say nothing about service level. */
const MIN_ANSWERED = 3;

/**
 * The run of consecutive hours on one day, all below target, that missed the most calls against
 * the target (target × answered − answered within T): the gap worth fixing first.
 */
export function serviceGap(
  map: Heatmap,
  pauses: readonly OperatorPause[],
  week: IsoWeek,
  settings: AnalysisSettings,
): ServiceGap | null {
  const target = settings.serviceLevelTarget;
  let best: { day: number; from: number; to: number; missed: number; answered: number; within: number } | null = null;
  for (let day = 0; day < 7; day++) {
    let run: { from: number; missed: number; answered: number; within: number } | null = null;
    for (let hour = 0; hour <= 24; hour++) {
      const answered = map.answered[day]?.[hour] ?? 0;
      const within = map.answeredWithinTarget[day]?.[hour] ?? 0;
      const below = hour < 24 && answered >= MIN_ANSWERED && within / answered < target;
      if (below) {
        run ??= { from: hour, missed: 0, answered: 0, within: 0 };
        run.missed += target * answered - within;
        run.answered += answered;
        run.within += within;
        continue;
      }
      if (run && (!best || run.missed > best.missed + 1e-9)) best = { day, to: hour, ...run };
      run = null;
    }
  }
  if (!best) return null;
  const { day, from, to } = best;
  const date = week.days[day] as string;
  const window = {
    start: localInstant(date, from * 60, week.timezone),
    end: localInstant(date, to * 60, week.timezone),
  };
  const hours = { start: day * MINUTES_PER_DAY + from * 60, end: day * MINUTES_PER_DAY + to * 60 };
  const rostered: string[] = [];
  const onBreak: string[] = [];
  for (const o of settings.operators) {
    if (!o.roster) continue;
    // By the wall clock, so the small hours of a night shift begun the evening before count.
    const plan = weekPlan(o.roster).filter((s) => overlaps(s, hours));
    if (plan.length === 0) continue;
    rostered.push(o.name);
    const plannedBreak = plan.some((s) => s.state !== "on-shift");
    const paused = pauses.some(
      (p) => p.operator === o.id && p.startedAt < window.end && (p.endedAt ?? week.end) > window.start,
    );
    if (plannedBreak || paused) onBreak.push(o.name);
  }
  return {
    day,
    weekday: WEEKDAY_NAMES[day] as string,
    fromHour: from,
    toHour: to,
    answered: best.answered,
    answeredWithinTarget: best.within,
    serviceLevel: best.within / best.answered,
    rostered,
    onBreak,
  };
}
