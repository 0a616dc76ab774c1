import type { CallOutcome } from "../../records/outcome.ts";
import type { QueueOutcome } from "../queue/queues.ts";
import type { CallSession } from "../session.ts";
import { end, type StepResult, unlessGone } from "../step.ts";
import { requestCallback } from "./callback.ts";

/**
 * A waiting caller pressed callbacks.key: they enter and confirm their number out of the holding
 * bridge. Stored with their place (queue arrival), the call ends; refused or not confirmed,
 * undefined: they go back in line with the place they had.
 */
export async function callbackKeepingPlace(
  session: CallSession,
  hotline: string,
  outcome: Extract<QueueOutcome, { kind: "callback" }>,
): Promise<StepResult> {
  const kept: CallOutcome = { kind: "callback", context: "queue" };
  return unlessGone({ kind: "abandoned", hotline }, async () => {
    const result = await requestCallback(session, "queue", { hotline, arrivedAt: outcome.arrivedAt });
    return result === "saved" ? end(kept) : undefined;
  });
}
