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
      const talked = await unlessGone(answered, async () => ({
        talked: await talking(await session.ctx.queues.rejoin(session, mark), {}),
      }));
      if (!("talked" in talked)) return talked;
      const t = talked.talked;
      return "result" in t ? t.result : queueCaller(session, t.requeue.hotline, t.requeue.arrivedAt);
    },
  };
}

type Connected = Extract<QueueOutcome, { kind: "connected" }>;
/** How a conversation came out: the journey's result, or (a transfer) another queue to wait in. */
type Talked = { result: StepResult } | { requeue: { hotline: string; topic?: string; arrivedAt?: Date } };

/**
 * Until the conversation ends; the journey goes on (survey) only when the operator hung up. An
 * operator's transfer settles later: the target took the caller, or the caller waits in a queue
 * again (back in their own with their place, or in the target's).
 */
async function talking(connected: Connected, transfer: { queue?: string; reason?: OverflowReason }): Promise<Talked> {
  const endedBy = await connected.ended;
  if (endedBy === "transferred") {
    const next = await connected.handover?.();
    if (next?.kind === "queue") return { requeue: next };
    if (next?.kind === "talked") {
      const transferred: CallOutcome = {
        kind: "transferred",
        operator: next.operator,
        to: next.to,
        transfer: next.transfer,
      };
      return { result: next.endedBy === "caller" ? end(transferred) : goOn(transferred) };
    }
    return { result: end({ kind: "answered", operator: connected.operator, ...transfer, endedBy: "caller" }) };
  }
  const answered: CallOutcome = { kind: "answered", operator: connected.operator, ...transfer, endedBy };
  return { result: endedBy === "caller" ? end(answered) : goOn(answered) };
}

/**
 * Put the caller into their hotline's queue and, as its overflow says, into other hotlines' queues;
 * each hotline at most once, so overflows never go round in circles. A transfer may put the caller
 * into a queue again (with their place, `arrivedAt`).
 */
async function queueCaller(session: CallSession, first: string, arrivedAt?: Date): Promise<StepResult> {
  const visited = new Set<string>();
  let hotline = first;
  let arrival = arrivedAt;
  let reason: OverflowReason | undefined;
  for (;;) {
    visited.add(hotline);
    const queue = hotline;
    const since = arrival;
    const waited = await unlessGone({ kind: "abandoned", hotline: queue }, async () => ({
      queued: await session.ctx.queues.enter(session, {
        hotline: queue,
        ...(session.topic ? { topic: session.topic } : {}),
        language: session.language,
        ...(since ? { arrivedAt: since } : {}),
      }),
    }));
    if (!("queued" in waited)) return waited;
    const outcome = waited.queued;
    arrival = undefined;
    switch (outcome.kind) {
      case "connected": {
        const talked = await talking(
          outcome,
          queue === session.info.hotline ? {} : { queue, ...(reason ? { reason } : {}) },
        );
        if ("result" in talked) return talked.result;
        hotline = talked.requeue.hotline;
        arrival = talked.requeue.arrivedAt;
        if (talked.requeue.topic) session.topic = talked.requeue.topic;
        break;
      }
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
