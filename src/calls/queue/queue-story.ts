import type { StateChange } from "../../acd/types.ts";
import type { AttemptResult, CallRecords, QueueEvent, QueueEventKind } from "../../records/call-records.ts";
import type { EndedBy } from "./conversation.ts";

/** A caller in a hotline's queue, as the records name them. */
export interface QueuedCall {
  callId: string;
  hotline: string;
}

type Writes = Pick<CallRecords, "queueEvent" | "attempt" | "attemptAnswered" | "attemptEnded" | "attemptWrappedUp">;

const NOWHERE: Writes = {
  queueEvent: () => "",
  attempt: (a) => a.id ?? "",
  attemptAnswered: () => {},
  attemptEnded: () => {},
  attemptWrappedUp: () => {},
};

/** Told of every ring's end as it is recorded (metrics count them): "answered" at the answer. */
export type RingObserver = (result: AttemptResult | "answered") => void;

/**
 * The queue's story in the records, and its only writer: what Asterisk's queue_log would say
 * (queue_events) and every ring of a desk phone (operator_attempts), each stamped by the one clock.
 * Answered is told at the answer; timeout, closing and abandon as the caller leaves.
 */
export class QueueStory {
  /** Operator → their last answered leg, which the end of their wrap-up is recorded on. */
  private readonly lastAnswered = new Map<string, string>();
  /** The app stopped: what happens after is the next run's to tell. */
  private stopped = false;

  constructor(
    private readonly writes: Writes,
    private readonly now: () => Date,
    private readonly onRing: RingObserver = () => {},
  ) {}

  /** Nothing more is written (the app stops; live calls are handed over to the next run). */
  stop(): void {
    this.stopped = true;
  }

  /** queue.maxLength callers were already waiting: this one would have been next after them. */
  full(call: QueuedCall, position: number): void {
    this.event(call, "full", { position });
  }

  /** Nobody logged in and reachable could take the call: the caller never waits. */
  noOperators(call: QueuedCall): void {
    this.event(call, "no-operators");
  }

  entered(call: QueuedCall, position: number): void {
    this.event(call, "enter", { position });
  }

  /** queue.maxWait passed, or the caller was offered maxOffers times: the hotline's overflow takes them. */
  timedOut(call: QueuedCall, waitSeconds: number, detail: "timeout" | "offers" = "timeout"): void {
    this.event(call, "overflow", { waitSeconds, detail });
  }

  closing(call: QueuedCall, waitSeconds: number): void {
    this.event(call, "closing", { waitSeconds });
  }

  abandoned(call: QueuedCall, position: number, waitSeconds: number): void {
    this.event(call, "abandon", { position, waitSeconds });
  }

  /** The operator is talking with the caller (after the whisper and the introduction). */
  answered(call: QueuedCall, operator: string, waitSeconds: number, at: Date): void {
    this.event(call, "answer", { operator, waitSeconds }, at);
  }

  /** The conversation on `legId` ended: the ring's record closes and its wrap-up is what comes next. */
  completed(call: QueuedCall, talk: { operator: string; legId: string; waitedSeconds: number }, endedBy: EndedBy) {
    const endedAt = this.now();
    this.records.attemptEnded(talk.legId, { endedAt, result: "answered" });
    this.event(
      call,
      "complete",
      { operator: talk.operator, waitSeconds: talk.waitedSeconds, detail: endedBy },
      endedAt,
    );
    this.lastAnswered.set(talk.operator, talk.legId);
  }

  /** A desk phone starts ringing for a caller on leg `legId`; returns the attempt's id. */
  ringing(callId: string, operator: string, endpoint: string, legId: string): string {
    return this.records.attempt({ id: legId, callId, operator, endpoint, startedAt: this.now() });
  }

  ringAnswered(attempt: string): void {
    this.records.attemptAnswered(attempt, this.now());
    this.onRing("answered");
  }

  /** The ring is over without a conversation (not answered, cancelled, or the connect failed). */
  ringEnded(attempt: string, result: AttemptResult): void {
    this.records.attemptEnded(attempt, { endedAt: this.now(), result });
    this.onRing(result);
  }

  /** Operators leaving wrap-up: the end of it goes on the ring they last talked on. */
  wrapUpsEnded(changes: readonly StateChange[]): void {
    for (const c of changes) {
      const leg = this.lastAnswered.get(c.operator);
      if (c.from === "wrap-up" && leg) this.records.attemptWrappedUp(leg, c.at);
    }
  }

  /** The records, or nowhere once stopped. */
  private get records(): Writes {
    return this.stopped ? NOWHERE : this.writes;
  }

  private event(call: QueuedCall, event: QueueEventKind, extra: Partial<QueueEvent> = {}, at = this.now()): void {
    this.records.queueEvent({ callId: call.callId, hotline: call.hotline, at, event, ...extra });
  }
}
