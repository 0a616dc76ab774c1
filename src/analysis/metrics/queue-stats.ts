import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import { mean, ratio } from "./math.ts";

/** The queue's core numbers for any set of calls: the whole week, one topic, one hour. */
export interface QueueStats {
  received: number;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandons: number;
  abandonRate: number | null;
  overflowed: number;
  waitingAtClosing: number;
  answeredWithinTarget: number;
  abandonedAfterTarget: number;
  serviceLevel: number | null;
  serviceLevelWithAbandons: number | null;
  asa: number | null;
  longestWait: number | null;
}

export function queueStats(facts: readonly CallFacts[], settings: AnalysisSettings): QueueStats {
  const t = settings.serviceLevelSeconds;
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  let shortAbandons = 0;
  let overflowed = 0;
  let waitingAtClosing = 0;
  let within = 0;
  let abandonedAfter = 0;
  let longest: number | null = null;
  const answeredWaits: number[] = [];
  for (const f of facts) {
    if (!f.queued) continue;
    offered++;
    if (f.wait !== null) longest = Math.max(longest ?? 0, f.wait);
    if (f.answered) {
      answered++;
      if (f.wait !== null) answeredWaits.push(f.wait);
      if ((f.wait ?? 0) <= t) within++;
    }
    if (f.abandoned) {
      abandoned++;
      if ((f.wait ?? 0) > t) abandonedAfter++;
    }
    if (f.shortAbandon) shortAbandons++;
    if (f.overflowed) overflowed++;
    if (f.waitingAtClosing) waitingAtClosing++;
  }
  return {
    received: facts.length,
    offered,
    answered,
    abandoned,
    shortAbandons,
    abandonRate: ratio(abandoned, offered - shortAbandons),
    overflowed,
    waitingAtClosing,
    answeredWithinTarget: within,
    abandonedAfterTarget: abandonedAfter,
    serviceLevel: ratio(within, answered),
    serviceLevelWithAbandons: ratio(within, answered + abandonedAfter),
    asa: mean(answeredWaits),
    longestWait: longest,
  };
}
