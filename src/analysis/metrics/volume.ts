import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { IsoWeek } from "../types.ts";
import { queueStats } from "./queue-stats.ts";

export interface DayVolume {
  date: string;
  weekday: string;
  received: number;
  offered: number;
  answered: number;
  abandoned: number;
  afterHours: number;
  serviceLevel: number | null;
}

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Calls per local day of the week, by the day they started (a call across midnight stays on its first day). */
export function callsPerDay(facts: readonly CallFacts[], week: IsoWeek, settings: AnalysisSettings): DayVolume[] {
  return week.days.map((date, day) => {
    const those = facts.filter((f) => f.day === day);
    const q = queueStats(those, settings);
    return {
      date,
      weekday: WEEKDAY_NAMES[day] as string,
      received: those.length,
      offered: q.offered,
      answered: q.answered,
      abandoned: q.abandoned,
      afterHours: those.filter((f) => f.afterHours).length,
      serviceLevel: q.serviceLevel,
    };
  });
}

export interface OutcomeCount {
  outcome: string;
  calls: number;
  share: number;
}

/** Every outcome as recorded, most frequent first; a call still in progress has none. */
export function outcomes(facts: readonly CallFacts[]): OutcomeCount[] {
  const counts = new Map<string, number>();
  for (const f of facts) {
    const o = f.call.outcome?.kind ?? "in progress";
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([outcome, calls]) => ({ outcome, calls, share: calls / facts.length }))
    .sort((a, b) => b.calls - a.calls || a.outcome.localeCompare(b.outcome));
}
