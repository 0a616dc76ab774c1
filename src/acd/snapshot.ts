/**
 * The operators' states as plain JSON (the operator_states table), and back. Times are ISO
 * strings so the stored row reads well; a snapshot of another version is refused, not guessed at.
 */
import type { OperatorRecord } from "./operators.ts";
import {
  AcdError,
  type OperatorCall,
  type OperatorStateName,
  PAUSE_REASONS,
  type PauseReason,
  type PendingChange,
} from "./types.ts";

export const SNAPSHOT_VERSION = 1;

export interface OperatorSnapshot {
  state: OperatorStateName;
  since: string;
  reason?: PauseReason;
  call?: OperatorCall;
  pending?: PendingChange;
  deviceBusy: boolean;
  idleSince: string;
  callsToday: number;
  callsDay: string;
  missedInRow: number;
}

export interface AcdSnapshot {
  version: typeof SNAPSHOT_VERSION;
  operators: Record<string, OperatorSnapshot>;
  /** Hotline → the operator round-robin rang last. */
  lastRung: Record<string, string>;
}

const STATES: readonly OperatorStateName[] = ["logged-out", "available", "ringing", "on-call", "wrap-up", "paused"];

export function writeSnapshot(
  operators: readonly OperatorRecord[],
  lastRung: ReadonlyMap<string, number>,
  order: readonly string[],
): AcdSnapshot {
  const out: AcdSnapshot = { version: SNAPSHOT_VERSION, operators: {}, lastRung: {} };
  for (const op of operators) {
    out.operators[op.key] = {
      state: op.state,
      since: new Date(op.since).toISOString(),
      ...(op.reason ? { reason: op.reason } : {}),
      ...(op.call ? { call: { ...op.call } } : {}),
      ...(op.pending ? { pending: { ...op.pending } } : {}),
      deviceBusy: op.deviceBusy,
      idleSince: new Date(op.idleSince).toISOString(),
      callsToday: op.callsToday,
      callsDay: op.callsDay,
      missedInRow: op.missedInRow,
    };
  }
  for (const [hotline, index] of lastRung) {
    const key = order[index];
    if (key !== undefined) out.lastRung[hotline] = key;
  }
  return out;
}

/** Records from a snapshot (JSON parsed from storage, so checked field by field). */
export function readSnapshot(snapshot: AcdSnapshot): {
  operators: Map<string, OperatorRecord>;
  lastRung: Record<string, string>;
} {
  if (snapshot?.version !== SNAPSHOT_VERSION) {
    throw new AcdError(`unsupported ACD snapshot version ${String(snapshot?.version)} (expected ${SNAPSHOT_VERSION})`);
  }
  const operators = new Map<string, OperatorRecord>();
  for (const [key, s] of Object.entries(snapshot.operators ?? {})) {
    if (!STATES.includes(s.state)) throw new AcdError(`operator ${key}: unknown state "${String(s.state)}"`);
    if (s.reason !== undefined && !PAUSE_REASONS.includes(s.reason)) {
      throw new AcdError(`operator ${key}: unknown pause reason "${String(s.reason)}"`);
    }
    operators.set(key, {
      key,
      state: s.state,
      since: time(key, s.since),
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.call ? { call: { callId: s.call.callId, hotline: s.call.hotline } } : {}),
      ...(s.pending ? { pending: s.pending } : {}),
      deviceBusy: s.deviceBusy === true,
      idleSince: time(key, s.idleSince),
      callsToday: Number(s.callsToday) || 0,
      callsDay: String(s.callsDay ?? ""),
      missedInRow: Number(s.missedInRow) || 0,
    });
  }
  return { operators, lastRung: { ...(snapshot.lastRung ?? {}) } };
}

function time(key: string, iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new AcdError(`operator ${key}: "${iso}" is not a time`);
  return t;
}
