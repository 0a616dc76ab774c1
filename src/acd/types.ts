/**
 * The ACD's vocabulary: operator states, waiting callers, what the engine proposes to ring and the
 * state changes it reports. Times are `Date`s passed in by the caller; the engine never reads a clock.
 */

/** Where an operator is in their working day, as the ACD sees it. */
export type OperatorStateName = "logged-out" | "available" | "ringing" | "on-call" | "wrap-up" | "paused";

/** Why an operator is paused; missed-calls is set by the ACD itself after too many unanswered rings. */
export type PauseReason = "lunch" | "break" | "training" | "other" | "missed-calls";

export const PAUSE_REASONS: readonly PauseReason[] = ["lunch", "break", "training", "other", "missed-calls"];

/**
 * How a ring on an operator's phone ended. `cancelled`: the caller left, or another operator of a
 * ring-all answered first — not the operator's doing, so it is never counted as a miss.
 */
export type RingResult = "answered" | "no-answer" | "rejected" | "busy" | "cancelled";

/** Who among the free, qualifying operators of the best tier gets the caller. */
export type Strategy = "longest-idle" | "round-robin" | "fewest-calls" | "linear" | "ring-all";

export const STRATEGIES: readonly Strategy[] = ["longest-idle", "round-robin", "fewest-calls", "linear", "ring-all"];

/** The call an operator is ringing for, talking on or wrapping up. */
export interface OperatorCall {
  readonly callId: string;
  readonly hotline: string;
}

/** Something the operator asked for that waits until their call is over (a call is never cut). */
export type PendingChange = { readonly kind: "pause"; readonly reason: PauseReason } | { readonly kind: "logout" };

/** One operator's state as the engine reports it. */
export interface OperatorStatus {
  readonly operator: string;
  readonly state: OperatorStateName;
  /** When the current state began. */
  readonly since: Date;
  /** Set while paused. */
  readonly reason?: PauseReason;
  /** Set while ringing, on a call or in wrap-up. */
  readonly call?: OperatorCall;
  readonly pending?: PendingChange;
  /** The desk phone is in use outside the ACD (device state): skipped while true. */
  readonly deviceBusy: boolean;
  /** Since when the operator has been without a call: end of the last wrap-up, or login. */
  readonly idleSince: Date;
  /** Calls answered on the organization's current local day. */
  readonly callsToday: number;
  /** Rings missed in a row (no-answer or rejected); an answered call resets it. */
  readonly missedInRow: number;
}

/** A caller waiting in a hotline's queue. */
export interface Caller {
  readonly callId: string;
  readonly hotline: string;
  /** The menu topic; without one (no menu) any operator who speaks the language qualifies. */
  readonly topic?: string;
  readonly language: string;
  readonly arrivedAt: Date;
  /** Higher is served first; default 0. */
  readonly priority?: number;
}

/** The engine's proposal: ring these operators (one, or several for ring-all) for this caller. */
export interface Assignment {
  readonly callId: string;
  readonly hotline: string;
  readonly operators: readonly string[];
  /** The competence level of the chosen operators for the caller's topic (null: the topic needs none). */
  readonly level: number | null;
}

/** A change of an operator's state, for the operator_sessions records and the wallboard. */
export interface StateChange {
  readonly operator: string;
  readonly from: OperatorStateName;
  readonly to: OperatorStateName;
  readonly at: Date;
  /** The pause reason when `to` is paused. */
  readonly reason?: PauseReason;
}

/**
 * What a command did: applied now, deferred until the operator's call ends (pause or logout
 * during a call), or ignored (nothing to do, or a late event about a call that is already over).
 */
export type Outcome = "done" | "pending" | "ignored";

/** A mistake of the code driving the engine (an unknown operator, ringing someone not available). */
export class AcdError extends Error {
  override readonly name = "AcdError";
}
