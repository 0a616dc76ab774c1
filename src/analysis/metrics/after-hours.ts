import type { CallFacts } from "../classify.ts";
import { ratio } from "./math.ts";

export interface AfterHours {
  calls: number;
  /** Share of all calls received. */
  share: number | null;
  /** By local hour of day the call came (0–23). */
  byHour: number[];
  /** By local weekday (Monday first). */
  byDay: number[];
  /** What the callers got: a message kept, a callback requested, or only the closed announcement. */
  voicemails: number;
  callbacks: number;
}

/** Demand while closed: every call found closed (outcome closed or a schedule rule noted on it). */
export function afterHours(facts: readonly CallFacts[]): AfterHours {
  const byHour = new Array<number>(24).fill(0);
  const byDay = new Array<number>(7).fill(0);
  let calls = 0;
  let voicemails = 0;
  let callbacks = 0;
  for (const f of facts) {
    if (!f.afterHours) continue;
    calls++;
    byHour[f.hour] = (byHour[f.hour] ?? 0) + 1;
    byDay[f.day] = (byDay[f.day] ?? 0) + 1;
    if (f.call.outcome?.kind === "voicemail") voicemails++;
    if (f.call.outcome?.kind === "callback") callbacks++;
  }
  return { calls, share: ratio(calls, facts.length), byHour, byDay, voicemails, callbacks };
}
