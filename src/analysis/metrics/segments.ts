import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import { type QueueStats, queueStats } from "./queue-stats.ts";

export type Segment = { key: string } & QueueStats;

/** Queue numbers per value of one call field (topic, language…); calls without a value under "none". */
export function segmentBy(
  facts: readonly CallFacts[],
  keyOf: (f: CallFacts) => string | null,
  settings: AnalysisSettings,
): Segment[] {
  const groups = new Map<string, CallFacts[]>();
  for (const f of facts) {
    const key = keyOf(f) ?? "none";
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, ...queueStats(list, settings) }))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
}
