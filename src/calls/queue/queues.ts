import type { CallSession } from "../session.ts";
import type { TalkMark } from "./waiting-mark.ts";

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
  /** A caller who was talking with an operator when the app restarted: follow that conversation again. */
  rejoin(session: CallSession, talk: TalkMark): Promise<Extract<QueueOutcome, { kind: "connected" }>>;
  /** Callers waiting now in a hotline's queue. */
  waiting(hotline: string): number;
  /** Stop ringing and release held bridges (app shutdown). */
  close(): Promise<void>;
}
