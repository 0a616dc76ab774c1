import type { CallOutcome, OverflowReason } from "../../records/outcome.ts";
import type { QueueOutcome } from "../queue/queues.ts";
import type { QueueMark, TalkMark } from "../queue/waiting-mark.ts";
import type { CallSession } from "../session.ts";
import { end, goOn, type Step, type StepResult, unlessGone } from "../step.ts";
import { closingOffer, overflow } from "./overflow.ts";
import { callbackKeepingPlace } from "./queue-callback.ts";

/**
 * Wait for an operator: music on hold, position and wait announcements, limits, and the hotline's
 * overflow when the wait is too long, the queue full or nobody is there. A hotline of an
 * organization without operators only makes announcements: no queue at all.
 */
export const waitInQueue: Step = {
  name: "queue",
  async run(session) {
    if (Object.keys(session.ctx.config.operators).length === 0) return undefined;
    return queueCaller(session, session.info.hotline);
  },
};

/**
 * A caller who was waiting when the app restarted (their mark on the channel): back into the same
 * queue with their original arrival time, so they keep their place; the journey then goes on.
 */
export function resumeWaiting(mark: QueueMark): Step {
  return {
    name: "queue (resumed)",
    async run(session) {
      session.topic = mark.topic;
      session.language = mark.language;
      return queueCaller(session, mark.hotline, mark.arrivedAt);
    },
  };
}

/** A caller who was talking with an operator when the app restarted: the conversation goes on. */
export function resumeTalking(mark: TalkMark): Step {
  return {
    name: "conversation (resumed)",
    async run(session) {
      const answered: CallOutcome = { kind: "answered", operator: mark.operator };
      return unlessGone(answered, async () => talking(await session.ctx.queues.rejoin(session, mark), {}));
    },
  };
}

/** Until the conversation ends; the journey goes on (survey) only when the operator hung up. */
async function talking(
  connected: Extract<QueueOutcome, { kind: "connected" }>,
  transfer: { queue?: string; reason?: OverflowReason },
): Promise<StepResult> {
  const endedBy = await connected.ended;
  const answered: CallOutcome = { kind: "answered", operator: connected.operator, ...transfer, endedBy };
  return endedBy === "caller" ? end(answered) : goOn(answered);
}

/**
 * Put the caller into their hotline's queue and, as its overflow says, into other hotlines' queues;
 * each hotline at most once, so overflows never go round in circles.
 */
async function queueCaller(session: CallSession, first: string, arrivedAt?: Date): Promise<StepResult> {
  const visited = new Set<string>();
  let hotline = first;
  let reason: OverflowReason | undefined;
  for (;;) {
    visited.add(hotline);
    const queue = hotline;
    const waited = await unlessGone({ kind: "abandoned", hotline: queue }, async () => ({
      queued: await session.ctx.queues.enter(session, {
        hotline: queue,
        ...(session.topic ? { topic: session.topic } : {}),
        language: session.language,
        ...(arrivedAt && queue === first ? { arrivedAt } : {}),
      }),
    }));
    if (!("queued" in waited)) return waited;
    const outcome = waited.queued;
    switch (outcome.kind) {
      case "connected":
        return talking(outcome, queue === session.info.hotline ? {} : { queue, ...(reason ? { reason } : {}) });
      case "closing":
        return closingOffer(session);
      case "callback":
        // Kept: the call ends. Otherwise back in line with the place they had.
        return (await callbackKeepingPlace(session, queue, outcome)) ?? queueCaller(session, queue, outcome.arrivedAt);
      default: {
        const next = await overflow(session, { hotline: queue, why: outcome.kind, visited });
        if ("result" in next) return next.result;
        reason ??= outcome.kind;
        hotline = next.requeue;
      }
    }
  }
}
