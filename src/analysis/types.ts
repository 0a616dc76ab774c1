/**
 * The plain records the weekly analysis reads. Instants are epoch milliseconds: SQLite keeps ISO
 * strings and PostgreSQL Dates, and the loader normalises both so every metric is a pure function
 * over numbers.
 */

import type { CallOutcome } from "../records/outcome.ts";
import type { CallbackRequestRecord } from "./metrics/callbacks.ts";

export interface CallRecord {
  id: string;
  did: string | null;
  hotline: string | null;
  campaign: string | null;
  trunk: string | null;
  callerNumber: string | null;
  language: string | null;
  startedAt: number;
  /** When the hotline (the IVR) picked up. */
  answeredAt: number | null;
  endedAt: number | null;
  durationSeconds: number | null;
  /** How the call ended (src/records/outcome.ts); null while it is in progress. */
  outcome: CallOutcome | null;
  topic: string | null;
  menuPath: string | null;
  queueEnteredAt: number | null;
  queueLeftAt: number | null;
  waitSeconds: number | null;
  answeredBy: string | null;
  /** When an operator picked up. */
  operatorAnsweredAt: number | null;
  surveyScore: number | null;
  /** Set on every call found closed: the rule that decided it. */
  scheduleRule: string | null;
  cost: number | null;
  currency: string | null;
  billedSeconds: number | null;
  /** The operator's measured wrap-up after this call (absent: the hotline's configured queue.wrapUp). */
  wrapUpSeconds?: number | null;
  /** The outcome the operator gave the call (a disposition's name), if any. */
  disposition?: string | null;
}

export interface OperatorSession {
  operator: string;
  loggedInAt: number;
  loggedOutAt: number | null;
}

export interface OperatorPause {
  operator: string;
  startedAt: number;
  endedAt: number | null;
  reason: string | null;
  planned: boolean;
}

export interface QueueEvent {
  callId: string;
  hotline: string | null;
  at: number;
  event: string;
  operator: string | null;
  detail: string | null;
}

/** One ISO week in the organization's time zone: [start, end) in epoch ms. */
export interface IsoWeek {
  label: string;
  timezone: string;
  start: number;
  end: number;
  /** 168, or 167/169 in a week with a daylight-saving change. */
  hours: number;
  /** The seven local dates, Monday first (YYYY-MM-DD). */
  days: string[];
}

/** Everything one report needs, as loaded (or seeded) — no database handles. */
export interface WeekData {
  week: IsoWeek;
  /** Calls that started in the week. */
  calls: CallRecord[];
  /** Calls that started in the week before (week-over-week change, repeat callers, concurrency across Monday 00:00). */
  previousCalls: CallRecord[];
  sessions: OperatorSession[];
  pauses: OperatorPause[];
  queueEvents: QueueEvent[];
  /** True when the week was filled by `hotline seed`: the report says so on every page. */
  synthetic: boolean;
  /** Callback requests made in the week (absent: none recorded). */
  callbacks?: CallbackRequestRecord[];
}
