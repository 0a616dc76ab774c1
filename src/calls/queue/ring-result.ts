import type { RingResult } from "../../acd/types.ts";
import type { AttemptResult } from "../../records/call-records.ts";
import type { WaiterState } from "./queue-state.ts";

/** What the attempt's record says: the Q.850 cause the desk phone's leg ended with. */
export function attemptResult(cause: number | undefined): AttemptResult {
  if (cause === 17) return "busy";
  if (cause === 21) return "rejected";
  if (cause === 18 || cause === 19 || cause === 16 || cause === undefined) return "no-answer";
  return "failed";
}

/**
 * How a ring ended for the engine. A desk phone that answers 486 Busy Here while the ACD saw it
 * free is an operator pressing "reject" (that is what desk phones send): a miss, like no answer.
 * A failure of the phone or the network is not the person's: not a miss.
 */
export function ringResult(attempt: AttemptResult): RingResult {
  if (attempt === "busy" || attempt === "rejected") return "rejected";
  if (attempt === "no-answer") return "no-answer";
  return "busy";
}

/**
 * Causes that say Asterisk or the network could not place the call (congestion, network out of
 * order, temporary failure, resources unavailable): the system's trouble, so every desk phone
 * would fail the same way.
 */
const SYSTEM_CAUSES = new Set([34, 38, 41, 42, 44, 47]);

/** The ring failed for a reason no desk phone or operator is to blame for. */
export function systemFailure(cause: number | undefined): boolean {
  return cause !== undefined && SYSTEM_CAUSES.has(cause);
}

/**
 * An unanswered ring, for the record and for the engine. While the caller still waits, the phone's
 * cause decides; once the caller left, or another operator of a ring-all took them, the ring was
 * cancelled and says which.
 */
export function unansweredRing(
  cause: number | undefined,
  caller: WaiterState,
): { recorded: AttemptResult; result: RingResult } {
  if (caller === "waiting") {
    const recorded = attemptResult(cause);
    return { recorded, result: ringResult(recorded) };
  }
  return { recorded: caller === "left" ? "caller-gone" : "other-answered", result: "cancelled" };
}
