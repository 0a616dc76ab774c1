/**
 * One operator's state machine, as plain data and small functions the engine calls. Every change
 * goes through `moveTo`, so each one is reported exactly once.
 */
import type {
  OperatorCall,
  OperatorStateName,
  OperatorStatus,
  PauseReason,
  PendingChange,
  StateChange,
} from "./types.ts";

/** The engine's record of an operator; times in ms since the epoch. */
export interface OperatorRecord {
  readonly key: string;
  state: OperatorStateName;
  since: number;
  reason?: PauseReason;
  call?: OperatorCall;
  pending?: PendingChange;
  deviceBusy: boolean;
  idleSince: number;
  /** Calls answered on the local day `callsDay` (YYYY-MM-DD). */
  callsToday: number;
  callsDay: string;
  missedInRow: number;
}

export function loggedOut(key: string, at: number): OperatorRecord {
  return {
    key,
    state: "logged-out",
    since: at,
    deviceBusy: false,
    idleSince: at,
    callsToday: 0,
    callsDay: "",
    missedInRow: 0,
  };
}

/** Logged in and not on a pause: someone who will take calls, now or after the current one. */
export function isPresent(op: OperatorRecord): boolean {
  return op.state !== "logged-out" && op.state !== "paused";
}

/** Could be rung right now. */
export function isFree(op: OperatorRecord): boolean {
  return op.state === "available" && !op.deviceBusy;
}

/** Busy with a call (ringing or talking): pauses and logouts wait for its end. */
export function isOnCall(op: OperatorRecord): boolean {
  return op.state === "ringing" || op.state === "on-call";
}

export function moveTo(
  op: OperatorRecord,
  to: OperatorStateName,
  at: number,
  extra: { reason?: PauseReason; call?: OperatorCall } = {},
): StateChange {
  const from = op.state;
  op.state = to;
  op.since = at;
  op.reason = to === "paused" ? extra.reason : undefined;
  op.call = extra.call;
  return { operator: op.key, from, to, at: new Date(at), ...(to === "paused" ? { reason: extra.reason } : {}) };
}

/**
 * The call (or ring) is over: a pending pause or logout applies now, otherwise the operator is
 * free again — after `wrapUp` seconds of wrap-up when a conversation took place.
 */
export function afterCall(
  op: OperatorRecord,
  at: number,
  wrapUp: OperatorCall | undefined,
  wrapUpSeconds: number,
): StateChange {
  const pending = op.pending;
  op.pending = undefined;
  if (pending?.kind === "logout") return moveTo(op, "logged-out", at);
  if (pending?.kind === "pause") return moveTo(op, "paused", at, { reason: pending.reason });
  if (wrapUp && wrapUpSeconds > 0) return moveTo(op, "wrap-up", at, { call: wrapUp });
  if (wrapUp) op.idleSince = at; // a conversation just ended: idle from now on
  return moveTo(op, "available", at);
}

export function statusOf(op: OperatorRecord, callsToday: number): OperatorStatus {
  return {
    operator: op.key,
    state: op.state,
    since: new Date(op.since),
    ...(op.reason ? { reason: op.reason } : {}),
    ...(op.call ? { call: op.call } : {}),
    ...(op.pending ? { pending: op.pending } : {}),
    deviceBusy: op.deviceBusy,
    idleSince: new Date(op.idleSince),
    callsToday,
    missedInRow: op.missedInRow,
  };
}
