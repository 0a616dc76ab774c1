import type { RecordSink } from "./writer.ts";

/** Where a callback request was made: closed, while waiting at closing time, a queue's overflow, or in the queue keeping the place. */
export type CallbackReason = "closed" | "closing" | "overflow" | "queue";

/** A callback's state in the `callbacks` table. `done`: marked done by hand (`hotline callbacks done`). */
export type CallbackStatus = "pending" | "dialing" | "reached" | "failed" | "given-up" | "done";

/** How one attempt to reach the caller ended. */
export type CallbackAttemptResult =
  /** Caller and operator talked. */
  | "reached"
  /** The caller's phone rang out, was busy, or the network refused the number. */
  | "no-answer"
  | "busy"
  | "failed"
  /** The reserved operator did not answer their desk phone: the callback waits again. */
  | "operator-missed"
  /** The app stopped during the attempt. */
  | "interrupted";

export interface CallbackRequest {
  id: string;
  callId: string;
  hotline: string;
  language: string;
  topic?: string;
  number: string;
  reason: CallbackReason;
  requestedAt: Date;
  /** The caller's place in line: their queue arrival, else the request itself. */
  placeAt: Date;
}

/**
 * The callbacks the app makes: requests, their state and each attempt (`callback_attempts`),
 * journalled like every record, so a crash never loses that a callback was reached. Reached as
 * `records.callbacks`.
 */
export class CallbackRecords {
  constructor(private readonly sink: RecordSink) {}

  requested(r: CallbackRequest): void {
    this.sink.push({
      op: "insert",
      table: "callbacks",
      row: {
        id: r.id,
        call_id: r.callId,
        hotline: r.hotline,
        language: r.language,
        topic: r.topic ?? null,
        number: r.number,
        reason: r.reason,
        requested_at: r.requestedAt.toISOString(),
        place_at: r.placeAt.toISOString(),
        status: "pending",
        attempts: 0,
      },
    });
  }

  /** An attempt begins (the operator's desk phone rings for it). */
  attemptStarted(a: {
    id: string;
    callbackId: string;
    operator: string;
    number: string;
    trunk: string;
    at: Date;
  }): void {
    this.sink.push({
      op: "insert",
      table: "callback_attempts",
      row: {
        id: a.id,
        callback_id: a.callbackId,
        operator: a.operator,
        number: a.number,
        trunk: a.trunk,
        started_at: a.at.toISOString(),
      },
    });
  }

  /** The operator took it: the caller is being dialled. */
  dialing(callbackId: string, attempt: string, s: { operator: string; attempts: number; at: Date }): void {
    this.status(callbackId, { status: "dialing", operator: s.operator, attempts: s.attempts });
    this.sink.push({
      op: "set",
      table: "callback_attempts",
      key: { id: attempt },
      set: { answered_at: s.at.toISOString() },
    });
  }

  /** The attempt ended. The first end wins. */
  attemptEnded(attempt: string, end: { at: Date; result: CallbackAttemptResult; cause?: number }): void {
    this.sink.push({
      op: "set",
      table: "callback_attempts",
      key: { id: attempt },
      set: { ended_at: end.at.toISOString(), result: end.result, cause: end.cause ?? null },
      ifNull: "ended_at",
    });
  }

  /** Caller and operator are bridged: never made again, whatever happens next. */
  reached(callbackId: string, at: Date, operator: string): void {
    this.status(callbackId, { status: "reached", reached_at: at.toISOString(), done_at: at.toISOString(), operator });
  }

  /** Waiting for its turn again (the operator missed the ring, or after a restart). */
  pending(callbackId: string): void {
    this.status(callbackId, { status: "pending" });
  }

  /** Not reached this time: tried again at `next`. */
  retryAt(callbackId: string, next: Date, attempts: number): void {
    this.status(callbackId, { status: "failed", next_attempt_at: next.toISOString(), attempts });
  }

  /** Every attempt failed. */
  givenUp(callbackId: string, at: Date, attempts: number): void {
    this.status(callbackId, { status: "given-up", given_up_at: at.toISOString(), next_attempt_at: null, attempts });
  }

  private status(id: string, set: Record<string, string | number | null>): void {
    this.sink.push({ op: "set", table: "callbacks", key: { id }, set });
  }
}
