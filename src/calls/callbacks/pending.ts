import type { Caller } from "../../acd/types.ts";
import type { CallbackRequest } from "../../records/callback-records.ts";

/** Engine ids of callbacks: never a channel id, so Dispatch and restore never take them for a caller. */
const PREFIX = "callback:";

/** A callback not yet reached, as the app holds it between attempts. */
export interface PendingCallback extends CallbackRequest {
  /** Attempts that reached the caller's phone line but not the caller. */
  attempts: number;
  /** Not before this instant (a retry), if set. */
  nextAttemptAt?: Date;
  /** In the engine now: waiting for an operator. */
  inEngine: boolean;
  /** An attempt is in progress (an operator reserved, the caller being dialled or talking). */
  busy: boolean;
}

export function engineId(callbackId: string): string {
  return `${PREFIX}${callbackId}`;
}

/** The callback's id from an engine id; undefined for a live caller's. */
export function callbackIdOf(callId: string): string | undefined {
  return callId.startsWith(PREFIX) ? callId.slice(PREFIX.length) : undefined;
}

/** The callback as the engine sees it: a caller who arrived when the request's caller did. */
export function callerOfCallback(cb: PendingCallback): Caller {
  return {
    callId: engineId(cb.id),
    hotline: cb.hotline,
    ...(cb.topic ? { topic: cb.topic } : {}),
    language: cb.language,
    arrivedAt: cb.placeAt,
  };
}

/**
 * Whether it should wait in the engine now: its retry time has come, its hotline is open, and no
 * attempt is in progress.
 */
export function dueNow(cb: PendingCallback, open: boolean, now: Date): boolean {
  if (cb.busy || !open) return false;
  return !cb.nextAttemptAt || cb.nextAttemptAt.getTime() <= now.getTime();
}

/** After an attempt that did not reach the caller: when to try again, or undefined to give up. */
export function nextAttempt(retries: readonly number[], attempts: number, now: Date): Date | undefined {
  const wait = retries[attempts - 1];
  return wait === undefined ? undefined : new Date(now.getTime() + wait * 1000);
}
