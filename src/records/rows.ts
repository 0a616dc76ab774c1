/**
 * The rows as readers see them, the same on SQLite and PostgreSQL: timestamps as ISO 8601 UTC strings
 * (PostgreSQL's timestamptz comes back as a Date), booleans as booleans (SQLite stores 0/1), numbers as
 * numbers (PostgreSQL's bigint/numeric come back as strings).
 */

import type { OutcomeKind } from "./outcome.ts";

export interface CallRow {
  id: string;
  did: string | null;
  hotline: string | null;
  campaign: string | null;
  trunk: string | null;
  caller_number: string | null;
  caller_name: string | null;
  language: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  /** How the call ended (null while it is in progress); with the three columns below, see outcome.ts. */
  outcome: OutcomeKind | null;
  outcome_reason: string | null;
  outcome_to: string | null;
  outcome_result: string | null;
  hangup_cause: number | null;
  hangup_cause_text: string | null;
  asterisk_id?: string | null;
  /** The Asterisk node that carried the call (null on a single node). */
  node?: string | null;
  /** `native`: taken by Asterisk's fallback queue while no app was connected (null: the app's). */
  source?: string | null;
  topic: string | null;
  menu_path: string | null;
  queue_entered_at: string | null;
  queue_left_at: string | null;
  wait_seconds: number | null;
  answered_by: string | null;
  operator_answered_at: string | null;
  survey_score: number | null;
  /** The outcome in a sentence, for people (describeOutcome); never parsed. */
  outcome_detail: string | null;
  schedule_rule: string | null;
  cost?: number | null;
  currency?: string | null;
  billed_seconds?: number | null;
}

export type AttemptResult =
  | "answered"
  | "no-answer"
  | "rejected"
  | "busy"
  | "failed"
  | "caller-gone"
  /** Ring-all: another operator answered first. */
  | "other-answered"
  /** The app stopped or restarted during the ring (or before the caller was put through). */
  | "interrupted";

export interface OperatorAttemptRow {
  id: string;
  call_id: string;
  operator: string;
  endpoint: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  result: AttemptResult | null;
  ring_seconds: number | null;
  /** The end of the operator's wrap-up after this answered leg (null: none). */
  wrapup_ended_at: string | null;
}

/**
 * What happened to a caller in a hotline's queue. `complete` is written when an answered caller's
 * conversation ends (detail: who hung up, "caller" | "operator"); `leave` when the caller chose to leave
 * (detail: the key); `full` / `no-operators` when the caller could not join at all.
 */
export type QueueEventKind =
  | "enter"
  | "position-announced"
  | "answer"
  | "complete"
  | "abandon"
  | "overflow"
  | "closing"
  | "leave"
  | "full"
  | "no-operators"
  | "transfer";

export interface QueueEventRow {
  id: string;
  call_id: string | null;
  hotline: string;
  at: string;
  event: QueueEventKind;
  operator: string | null;
  position: number | null;
  wait_seconds: number | null;
  detail: string | null;
}

export interface OperatorSessionRow {
  id: string;
  operator: string;
  endpoint: string | null;
  logged_in_at: string;
  logged_out_at: string | null;
  reason: string | null;
}

export type PauseReason = "lunch" | "break" | "training" | "other" | "missed-calls";

export interface OperatorPauseRow {
  id: string;
  operator: string;
  started_at: string;
  ended_at: string | null;
  reason: PauseReason;
  planned: boolean;
}

export type OperatorStateName = "logged-out" | "available" | "ringing" | "on-call" | "wrap-up" | "paused";

export interface OperatorStateRow {
  operator: string;
  state: OperatorStateName;
  since: string;
  reason: string | null;
  /** JSON of the ACD engine's snapshot of this operator. */
  snapshot: string | null;
  session_id: string | null;
  pause_id: string | null;
}

const BOOLEAN_COLUMNS = new Set(["planned"]);
const NUMERIC_COLUMNS = new Set([
  "duration_seconds",
  "wait_seconds",
  "ring_seconds",
  "cost",
  "billed_seconds",
  "hangup_cause",
  "survey_score",
  "position",
]);

/** One row from either database, in the shapes above. */
export function normalizeRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (BOOLEAN_COLUMNS.has(key) && value !== null && value !== undefined) out[key] = Boolean(Number(value));
    else if (NUMERIC_COLUMNS.has(key) && typeof value === "string") out[key] = Number(value);
    else out[key] = value;
  }
  return out as T;
}

export function normalizeRows<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map((r) => normalizeRow<T>(r));
}
