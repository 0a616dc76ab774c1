import type { QueueOutcome } from "../queue/queues.ts";
import type { QueueMark, TalkMark } from "../queue/waiting-mark.ts";
import type { CallSession, Step } from "../session.ts";
import { closingOffer, overflow } from "./overflow.ts";

/** Who the caller talked to, and who hung up: the survey runs only after the operator ended the call. */
export interface OperatorConversation {
  operator: string;
  endedBy: "operator" | "caller";
}

const conversations = new WeakMap<CallSession, OperatorConversation>();

/** The caller's conversation with an operator, once it has ended. */
export function operatorConversation(session: CallSession): OperatorConversation | undefined {
  return conversations.get(session);
}

/**
 * Wait for an operator: music on hold, position and wait announcements, limits, and the hotline's
 * overflow when the wait is too long, the queue full or nobody is there. A hotline of an
 * organization without operators only makes announcements: no queue at all.
 */
export const waitInQueue: Step = {
  name: "queue",
  async run(session) {
    if (Object.keys(session.ctx.config.operators).length === 0) return;
    return queueCaller(session, session.info.hotline, new Set());
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
      return queueCaller(session, mark.hotline, new Set(), mark.arrivedAt);
    },
  };
}

/** A caller who was talking with an operator when the app restarted: the conversation goes on. */
export function resumeTalking(mark: TalkMark): Step {
  return {
    name: "conversation (resumed)",
    async run(session) {
      return talking(session, await session.ctx.queues.rejoin(session, mark));
    },
  };
}

/** Until the conversation ends; the journey goes on (survey) only when the operator hung up. */
async function talking(
  session: CallSession,
  outcome: Extract<QueueOutcome, { kind: "connected" }>,
): Promise<"end" | undefined> {
  session.outcome = "answered";
  const endedBy = await outcome.ended;
  conversations.set(session, { operator: outcome.operator, endedBy });
  return endedBy === "caller" ? "end" : undefined;
}

/**
 * Put the caller into a hotline's queue (their own, or another one as that hotline's overflow).
 * `visited` are the hotlines the caller already waited in, so overflows never go round in circles.
 */
export async function queueCaller(
  session: CallSession,
  hotline: string,
  visited: Set<string>,
  arrivedAt?: Date,
): Promise<"end" | undefined> {
  // Should the caller hang up while waiting, that is what the record says; anything else replaces it.
  session.outcome = "abandoned";
  const outcome = await session.ctx.queues.enter(session, {
    hotline,
    topic: session.topic,
    language: session.language,
    ...(arrivedAt ? { arrivedAt } : {}),
  });
  switch (outcome.kind) {
    case "connected":
      session.outcomeDetail = hotline === session.info.hotline ? undefined : `answered in the ${hotline} queue`;
      return talking(session, outcome);
    case "closing":
      return closingOffer(session);
    default:
      return overflow(session, {
        hotline,
        why: outcome.kind,
        visited: new Set([...visited, hotline]),
        requeue: queueCaller,
      });
  }
}
