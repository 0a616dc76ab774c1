import { type CallFacts, isOutsideTarget } from "../classify.ts";
import { ratio } from "./math.ts";

export interface Overflow {
  /** Calls that left the queue to the overflow action and were not answered here. */
  calls: number;
  /** Share of calls offered to the queue. */
  share: number | null;
  /** Transferred to the outside call centre (a phone number). */
  toOutside: number;
  byTarget: { target: string; calls: number }[];
  /** Calls that moved to another of our hotlines' queues and were answered there. */
  answeredAfterTransfer: number;
}

export function overflow(facts: readonly CallFacts[]): Overflow {
  const offered = facts.filter((f) => f.queued).length;
  const by = new Map<string, number>();
  let calls = 0;
  let toOutside = 0;
  for (const f of facts) {
    if (!f.overflowed || f.overflowTarget === null) continue;
    calls++;
    if (isOutsideTarget(f.overflowTarget)) toOutside++;
    by.set(f.overflowTarget, (by.get(f.overflowTarget) ?? 0) + 1);
  }
  const answeredAfterTransfer = facts.filter(
    (f) => f.answered && f.call.outcome?.kind === "answered" && f.call.outcome.queue !== undefined,
  ).length;
  return {
    calls,
    share: ratio(calls, offered),
    toOutside,
    byTarget: [...by.entries()]
      .map(([target, n]) => ({ target, calls: n }))
      .sort((a, b) => b.calls - a.calls || a.target.localeCompare(b.target)),
    answeredAfterTransfer,
  };
}
