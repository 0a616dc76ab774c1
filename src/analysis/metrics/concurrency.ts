import type { AnalysisSettings } from "../settings.ts";
import type { CallRecord, IsoWeek } from "../types.ts";

export interface TrunkPeak {
  trunk: string;
  channels: number | null;
  /** Most calls up at once on the trunk during the week. */
  peak: number;
  /** When the peak was first reached (ISO instant), null without calls. */
  at: string | null;
  /** peak / channels. */
  usage: number | null;
}

/**
 * Peak simultaneous calls per trunk, over every call that overlaps the week (one that started on
 * Sunday night and is still up on Monday counts on Monday). Refused calls never held a channel.
 */
export function peakConcurrency(calls: readonly CallRecord[], week: IsoWeek, settings: AnalysisSettings): TrunkPeak[] {
  const names = new Set<string>(settings.trunks.map((t) => t.name));
  const events = new Map<string, [number, number][]>();
  for (const c of calls) {
    if (c.outcome?.kind === "busy" || !c.trunk) continue;
    names.add(c.trunk);
    const end = c.endedAt ?? (c.durationSeconds !== null ? c.startedAt + c.durationSeconds * 1000 : c.startedAt);
    const start = Math.max(c.startedAt, week.start);
    const stop = Math.min(end, week.end);
    if (stop <= start) continue;
    const list = events.get(c.trunk) ?? [];
    list.push([start, 1], [stop, -1]);
    events.set(c.trunk, list);
  }
  return [...names].map((trunk) => {
    // Ends sort before starts at the same instant: a channel freed can be taken at once.
    const list = (events.get(trunk) ?? []).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let up = 0;
    let peak = 0;
    let at: number | null = null;
    for (const [t, d] of list) {
      up += d;
      if (up > peak) {
        peak = up;
        at = t;
      }
    }
    const channels = settings.trunks.find((t) => t.name === trunk)?.channels ?? null;
    return {
      trunk,
      channels,
      peak,
      at: at === null ? null : new Date(at).toISOString(),
      usage: channels ? peak / channels : null,
    };
  });
}
