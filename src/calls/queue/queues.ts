import type { CallSession } from "../session.ts";

/** Who the caller waits for: the hotline's queue, for a topic, in a language. */
export interface QueueRequest {
  hotline: string;
  topic?: string;
  language: string;
  /** A caller put back after an app restart: when they first entered the queue (keeps their place). */
  arrivedAt?: Date;
}

/** How a caller's wait in the queue ended. */
export type QueueOutcome =
  /** An operator answered; `ended` settles when their conversation ends, saying who hung up. */
  | { kind: "connected"; operator: string; waitedSeconds: number; ended: Promise<"operator" | "caller"> }
  /** queue.maxWait passed. */
  | { kind: "timeout"; waitedSeconds: number }
  /** queue.maxLength callers were already waiting. */
  | { kind: "full" }
  /** Nobody is logged in who could take the call. */
  | { kind: "no-operators" }
  /** The hotline closed while the caller waited. */
  | { kind: "closing"; waitedSeconds: number };

/** The queues of all hotlines (the ACD: src/calls/queue/acd-queues.ts). */
export interface CallQueues {
  /** Wait (music, announcements) until an operator answers or the caller has to leave the queue. */
  enter(session: CallSession, request: QueueRequest): Promise<QueueOutcome>;
  /** Callers waiting now in a hotline's queue. */
  waiting(hotline: string): number;
  /** Stop ringing and release held bridges (app shutdown). */
  close(): Promise<void>;
}

/** Until operators exist: every caller goes straight to the hotline's overflow. */
export class NoOperators implements CallQueues {
  async enter(): Promise<QueueOutcome> {
    return { kind: "no-operators" };
  }
  waiting(): number {
    return 0;
  }
  async close(): Promise<void> {}
}
