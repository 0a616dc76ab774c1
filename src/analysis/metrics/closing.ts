import type { CallFacts } from "../classify.ts";

export interface WaitingAtClosing {
  calls: number;
  byHotline: { hotline: string; calls: number }[];
  /** Longest a caller had waited when the hotline closed on them, seconds. */
  longestWait: number | null;
}

/** Callers still in the queue when the hotline closed (told so and offered voicemail or a callback). */
export function waitingAtClosing(facts: readonly CallFacts[]): WaitingAtClosing {
  const those = facts.filter((f) => f.waitingAtClosing);
  const by = new Map<string, number>();
  for (const f of those) by.set(f.call.hotline ?? "unknown", (by.get(f.call.hotline ?? "unknown") ?? 0) + 1);
  const waits = those.map((f) => f.wait).filter((w): w is number => w !== null);
  return {
    calls: those.length,
    byHotline: [...by.entries()].map(([hotline, calls]) => ({ hotline, calls })).sort((a, b) => b.calls - a.calls),
    longestWait: waits.length > 0 ? Math.max(...waits) : null,
  };
}
