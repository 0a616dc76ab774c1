/**
 * The strategies: who, among the free operators of the best open tier, gets the caller. Every
 * order ends on the configuration order, so equal candidates are picked the same way every time.
 */
import type { Strategy } from "./types.ts";

/** What a strategy needs to know about a free operator. */
export interface Candidate {
  readonly key: string;
  /** Position in the configuration. */
  readonly index: number;
  /** ms since the epoch. */
  readonly idleSince: number;
  readonly callsToday: number;
}

/**
 * The operators to ring, in order: one for every strategy but ring-all, which rings them all.
 * `lastRung` is the configuration index of the operator round-robin rang last for this hotline.
 */
export function pick(
  strategy: Strategy,
  candidates: readonly Candidate[],
  lastRung: number,
  total: number,
): Candidate[] {
  if (candidates.length === 0) return [];
  const sorted = [...candidates].sort(byIndex);
  switch (strategy) {
    case "ring-all":
      return sorted;
    case "linear":
      return sorted.slice(0, 1);
    case "longest-idle":
      return [sorted.reduce((best, c) => (longerIdle(c, best) < 0 ? c : best))];
    case "fewest-calls":
      return [sorted.reduce((best, c) => ((c.callsToday - best.callsToday || longerIdle(c, best)) < 0 ? c : best))];
    case "round-robin": {
      // The next one after the last rung, in configuration order, wrapping around.
      const distance = (c: Candidate) => (c.index - lastRung - 1 + total) % total;
      return [sorted.reduce((best, c) => (distance(c) < distance(best) ? c : best))];
    }
  }
}

function byIndex(a: Candidate, b: Candidate): number {
  return a.index - b.index;
}

/** Negative when `a` has been idle longer than `b`. */
function longerIdle(a: Candidate, b: Candidate): number {
  return a.idleSince - b.idleSince;
}
