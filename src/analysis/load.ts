/**
 * The only part of the analysis that touches the database: one week of records (and the week
 * before) read through Knex, normalised to plain records. Tables that a deployment's schema does
 * not have yet (operator sessions, pauses, queue events, call costs) simply load as empty.
 */

import type { Knex } from "knex";
import { type CallOutcome, outcomeFromColumns } from "../records/outcome.ts";
import type { CallbackRequestRecord } from "./metrics/callbacks.ts";
import { SYNTHETIC_TABLE } from "./seed/marker.ts";
import type { CallRecord, IsoWeek, OperatorPause, OperatorSession, QueueEvent, WeekData } from "./types.ts";
import { previousWeek, weekContaining } from "./week.ts";

const CALL_COLUMNS = [
  "id",
  "did",
  "hotline",
  "campaign",
  "trunk",
  "caller_number",
  "language",
  "started_at",
  "answered_at",
  "ended_at",
  "duration_seconds",
  "outcome",
  "outcome_reason",
  "outcome_to",
  "outcome_result",
  "topic",
  "menu_path",
  "queue_entered_at",
  "queue_left_at",
  "wait_seconds",
  "answered_by",
  "operator_answered_at",
  "survey_score",
  "schedule_rule",
  "cost",
  "currency",
  "billed_seconds",
  "disposition",
] as const;

type Row = Record<string, unknown>;

export async function loadWeek(db: Knex, week: IsoWeek): Promise<WeekData> {
  const prev = previousWeek(week);
  const at = instantParam(db);
  const present = Object.keys(await db("calls").columnInfo());
  const columns = CALL_COLUMNS.filter((c) => present.includes(c));
  const rows: Row[] = await db("calls")
    .select(columns)
    .where("started_at", ">=", at(prev.start))
    .andWhere("started_at", "<", at(week.end))
    .orderBy("started_at");
  const calls: CallRecord[] = [];
  const previousCalls: CallRecord[] = [];
  const wrapUps = await loadWrapUps(db, prev.start, week.end);
  for (const row of rows) {
    const call = toCall(row);
    const wrapUp = wrapUps.get(call.id);
    if (wrapUp !== undefined) call.wrapUpSeconds = wrapUp;
    (call.startedAt >= week.start ? calls : previousCalls).push(call);
  }
  const [sessions, pauses, queueEvents, synthetic, callbacks] = await Promise.all([
    loadSessions(db, week),
    loadPauses(db, week),
    loadClosingEvents(db, prev.start, week.end),
    isSynthetic(db, week.label),
    loadCallbacks(db, week),
  ]);
  return { week, calls, previousCalls, sessions, pauses, queueEvents, synthetic, callbacks };
}

/** Call → the operator's measured wrap-up after it (answered legs whose wrap-up end was recorded). */
async function loadWrapUps(db: Knex, from: number, to: number): Promise<Map<string, number>> {
  if (!(await db.schema.hasColumn("operator_attempts", "wrapup_ended_at"))) return new Map();
  const at = instantParam(db);
  const rows: Row[] = await db("operator_attempts")
    .select("call_id", "ended_at", "wrapup_ended_at")
    .where("result", "answered")
    .whereNotNull("wrapup_ended_at")
    .andWhere("started_at", ">=", at(from))
    .andWhere("started_at", "<", at(to));
  const out = new Map<string, number>();
  for (const r of rows) {
    const ended = instant(r.ended_at);
    const wrapped = instant(r.wrapup_ended_at);
    if (ended !== null && wrapped !== null) out.set(String(r.call_id), Math.max(0, (wrapped - ended) / 1000));
  }
  return out;
}

async function loadSessions(db: Knex, week: IsoWeek): Promise<OperatorSession[]> {
  if (!(await db.schema.hasTable("operator_sessions"))) return [];
  const at = instantParam(db);
  const rows: Row[] = await db("operator_sessions")
    .select("operator", "logged_in_at", "logged_out_at")
    .where("logged_in_at", "<", at(week.end))
    .andWhere((q) => q.whereNull("logged_out_at").orWhere("logged_out_at", ">", at(week.start)));
  return rows.map((r) => ({
    operator: String(r.operator),
    loggedInAt: instant(r.logged_in_at) as number,
    loggedOutAt: instant(r.logged_out_at),
  }));
}

async function loadPauses(db: Knex, week: IsoWeek): Promise<OperatorPause[]> {
  if (!(await db.schema.hasTable("operator_pauses"))) return [];
  const at = instantParam(db);
  const rows: Row[] = await db("operator_pauses")
    .select("*")
    .where("started_at", "<", at(week.end))
    .andWhere((q) => q.whereNull("ended_at").orWhere("ended_at", ">", at(week.start)));
  return rows.map((r) => ({
    operator: String(r.operator),
    startedAt: instant(r.started_at) as number,
    endedAt: instant(r.ended_at),
    reason: str(r.reason),
    planned: r.planned === true || r.planned === 1 || r.planned === "1" || r.planned === "true",
  }));
}

/** Only the events the analysis reads: a caller still queued when the hotline closed. */
async function loadClosingEvents(db: Knex, from: number, to: number): Promise<QueueEvent[]> {
  if (!(await db.schema.hasTable("queue_events"))) return [];
  const at = instantParam(db);
  const rows: Row[] = await db("queue_events")
    .select("*")
    .where("event", "closing")
    .andWhere("at", ">=", at(from))
    .andWhere("at", "<", at(to));
  return rows.map((r) => ({
    callId: String(r.call_id),
    hotline: str(r.hotline),
    at: instant(r.at) as number,
    event: String(r.event),
    operator: str(r.operator),
    detail: str(r.detail),
  }));
}

async function isSynthetic(db: Knex, label: string): Promise<boolean> {
  if (!(await db.schema.hasTable(SYNTHETIC_TABLE))) return false;
  return (await db(SYNTHETIC_TABLE).where({ week: label }).first()) !== undefined;
}

/** SQLite keeps ISO 8601 text (compared as text), PostgreSQL timestamps. */
function instantParam(db: Knex): (ms: number) => string | Date {
  const client = String((db.client as { config?: { client?: unknown } }).config?.client ?? "");
  return client === "pg" || client === "postgres" || client === "postgresql"
    ? (ms) => new Date(ms)
    : (ms) => new Date(ms).toISOString();
}

export function toCall(r: Row): CallRecord {
  return {
    id: String(r.id),
    did: str(r.did),
    hotline: str(r.hotline),
    campaign: str(r.campaign),
    trunk: str(r.trunk),
    callerNumber: str(r.caller_number),
    language: str(r.language),
    startedAt: instant(r.started_at) as number,
    answeredAt: instant(r.answered_at),
    endedAt: instant(r.ended_at),
    durationSeconds: numOrNull(r.duration_seconds),
    outcome: outcomeOf(r),
    topic: str(r.topic),
    menuPath: str(r.menu_path),
    queueEnteredAt: instant(r.queue_entered_at),
    queueLeftAt: instant(r.queue_left_at),
    waitSeconds: numOrNull(r.wait_seconds),
    answeredBy: str(r.answered_by),
    operatorAnsweredAt: instant(r.operator_answered_at),
    surveyScore: numOrNull(r.survey_score),
    scheduleRule: str(r.schedule_rule),
    cost: numOrNull(r.cost),
    currency: str(r.currency),
    billedSeconds: numOrNull(r.billed_seconds),
    disposition: str(r.disposition),
  };
}

/** The typed outcome from its columns; the operator of an answered call is its answered_by. */
function outcomeOf(r: Row): CallOutcome | null {
  const outcome = outcomeFromColumns({
    outcome: str(r.outcome),
    outcome_reason: str(r.outcome_reason),
    outcome_to: str(r.outcome_to),
    outcome_result: str(r.outcome_result),
  });
  if (outcome?.kind === "answered") outcome.operator = str(r.answered_by) ?? "";
  return outcome ?? null;
}

/** ISO text (SQLite), Date (PostgreSQL) or epoch ms → epoch ms. */
export function instant(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  const text = String(v);
  if (/^\d+$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`unreadable timestamp "${text}" in the call records`);
  return ms;
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Callback requests made in the week, with their state (before migration 009: none). */
async function loadCallbacks(db: Knex, week: IsoWeek): Promise<CallbackRequestRecord[]> {
  if (!(await db.schema.hasColumn("callbacks", "status"))) return [];
  const at = instantParam(db);
  const rows: Row[] = await db("callbacks")
    .select("id", "hotline", "requested_at", "place_at", "status", "attempts", "reached_at", "given_up_at")
    .where("requested_at", ">=", at(week.start))
    .andWhere("requested_at", "<", at(week.end));
  const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());
  return rows.map((r) => ({
    id: String(r.id),
    hotline: (r.hotline as string | null) ?? null,
    requestedAt: ms(r.requested_at) as number,
    placeAt: ms(r.place_at) ?? (ms(r.requested_at) as number),
    status: String(r.status),
    attempts: Number(r.attempts) || 0,
    reachedAt: ms(r.reached_at),
    givenUpAt: ms(r.given_up_at),
  }));
}

/** `count` weeks of calls ending with `last` (oldest first), for what wants more than one week of traffic. */
export async function loadWeeks(
  db: Knex,
  last: IsoWeek,
  count: number,
): Promise<{ weeks: IsoWeek[]; calls: CallRecord[]; queueEvents: QueueEvent[] }> {
  const weeks: IsoWeek[] = [last];
  while (weeks.length < count) weeks.unshift(previousWeek(weeks[0] as IsoWeek));
  const calls: CallRecord[] = [];
  const queueEvents: QueueEvent[] = [];
  for (const week of weeks) {
    const data = await loadWeek(db, week);
    calls.push(...data.calls);
    queueEvents.push(...data.queueEvents.filter((e) => e.at >= week.start && e.at < week.end));
  }
  return { weeks, calls, queueEvents };
}

/** The ISO week of the first call in the records (the week the hotline opened), null without calls. */
export async function firstCallWeek(db: Knex, timezone: string): Promise<IsoWeek | null> {
  const row = (await db("calls").min({ first: "started_at" }).first()) as { first?: unknown } | undefined;
  const first = instant(row?.first);
  return first === null ? null : weekContaining(first, timezone);
}
