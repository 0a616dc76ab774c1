/**
 * Writes synthetic records in bulk: multi-row inserts in one transaction (a million calls in
 * seconds, not minutes). Re-seeding a week replaces its synthetic rows and never touches real ones:
 * every synthetic id starts with "syn-<week>-".
 */
import type { Knex } from "knex";
import { describeOutcome, outcomeColumns } from "../../records/outcome.ts";
import type { CallRecord, OperatorPause, OperatorSession, QueueEvent } from "../types.ts";
import type { SeedAttempt, SyntheticWeek } from "./generate.ts";

/** Rows per INSERT: well under SQLite's limit of bound variables (32766) with ~25 columns. */
const ROWS_PER_INSERT = 500;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function callRow(c: CallRecord): Record<string, unknown> {
  return {
    id: c.id,
    did: c.did,
    hotline: c.hotline,
    campaign: c.campaign,
    trunk: c.trunk,
    caller_number: c.callerNumber,
    caller_name: null,
    language: c.language,
    started_at: iso(c.startedAt),
    answered_at: iso(c.answeredAt),
    ended_at: iso(c.endedAt),
    duration_seconds: c.durationSeconds,
    // The same columns and sentence as the live records (CallRecords.ended).
    ...(c.outcome ? outcomeColumns(c.outcome) : { outcome: null }),
    outcome_detail: c.outcome ? (describeOutcome(c.outcome) ?? null) : null,
    hangup_cause: c.outcome?.kind === "busy" ? 17 : 16,
    topic: c.topic,
    menu_path: c.menuPath,
    queue_entered_at: iso(c.queueEnteredAt),
    queue_left_at: iso(c.queueLeftAt),
    wait_seconds: c.waitSeconds,
    answered_by: c.answeredBy,
    operator_answered_at: iso(c.operatorAnsweredAt),
    survey_score: c.surveyScore,
    schedule_rule: c.scheduleRule,
    cost: c.cost,
    currency: c.currency,
    billed_seconds: c.billedSeconds,
  };
}

/** Inserts a synthetic week's records (replacing an earlier seed of the same ids' prefix). */
export async function insertSynthetic(db: Knex, prefix: string, week: SyntheticWeek): Promise<void> {
  const callColumns = Object.keys(await db("calls").columnInfo());
  const has = async (t: string) => db.schema.hasTable(t);
  const [sessions, pauses, events, attempts] = await Promise.all([
    has("operator_sessions"),
    has("operator_pauses"),
    has("queue_events"),
    has("operator_attempts"),
  ]);
  await db.transaction(async (trx) => {
    await trx("calls").where("id", "like", `${prefix}%`).delete();
    if (sessions) await trx("operator_sessions").where("id", "like", `${prefix}%`).delete();
    if (pauses) await trx("operator_pauses").where("id", "like", `${prefix}%`).delete();
    if (events) await trx("queue_events").where("id", "like", `${prefix}%`).delete();
    if (attempts) await trx("operator_attempts").where("id", "like", `${prefix}%`).delete();
    await insertRows(
      trx,
      "calls",
      week.calls.map((c) => pick(callRow(c), callColumns)),
    );
    if (sessions)
      await insertRows(
        trx,
        "operator_sessions",
        week.sessions.map((s, i) => sessionRow(prefix, i, s)),
      );
    if (pauses)
      await insertRows(
        trx,
        "operator_pauses",
        week.pauses.map((p, i) => pauseRow(prefix, i, p)),
      );
    if (events)
      await insertRows(
        trx,
        "queue_events",
        week.queueEvents.map((e, i) => eventRow(prefix, i, e)),
      );
    if (attempts)
      await insertRows(
        trx,
        "operator_attempts",
        week.attempts.map((a, i) => attemptRow(prefix, i, a)),
      );
  });
}

export async function insertRows(db: Knex, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
}

function sessionRow(prefix: string, i: number, s: OperatorSession) {
  return {
    id: `${prefix}s${i}`,
    operator: s.operator,
    logged_in_at: iso(s.loggedInAt),
    logged_out_at: iso(s.loggedOutAt),
    reason: "logout",
  };
}

function pauseRow(prefix: string, i: number, p: OperatorPause) {
  return {
    id: `${prefix}p${i}`,
    operator: p.operator,
    started_at: iso(p.startedAt),
    ended_at: iso(p.endedAt),
    reason: p.reason ?? "other",
    planned: p.planned,
  };
}

function eventRow(prefix: string, i: number, e: QueueEvent) {
  return {
    id: `${prefix}e${i}`,
    call_id: e.callId,
    hotline: e.hotline ?? "unknown",
    at: iso(e.at),
    event: e.event,
    operator: e.operator,
    detail: e.detail,
  };
}

function attemptRow(prefix: string, i: number, a: SeedAttempt) {
  return {
    id: `${prefix}a${i}`,
    call_id: a.callId,
    operator: a.operator,
    endpoint: null,
    started_at: iso(a.startedAt),
    answered_at: iso(a.answeredAt),
    ended_at: iso(a.endedAt),
    result: a.result,
    ring_seconds: ((a.answeredAt ?? a.endedAt) - a.startedAt) / 1000,
  };
}

/** Only the columns this database's schema has (an older schema has no cost columns). */
function pick(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => columns.includes(k)));
}
