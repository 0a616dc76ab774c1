/**
 * What the room's screens read from the records: a caller's earlier calls, callbacks and messages for
 * the caller card, the operator's worklist, and today's calls to seed the wallboard's mirror. Same
 * results on SQLite (timestamps stored as ISO text) and PostgreSQL (timestamptz, returned as Date):
 * instants go in as ISO strings, which both compare correctly, and come out as ISO strings.
 */
import type { Knex } from "knex";
import type { CallbackStatus } from "./callback-records.ts";
import type { Row } from "./ops.ts";
import { normalizeRows } from "./rows.ts";

/** Callbacks still to make: not reached (reached is done), not marked done, not given up. */
export const OPEN_CALLBACK_STATUSES: readonly CallbackStatus[] = ["pending", "dialing", "failed"];

/** One earlier call from the same number, for the caller card. */
export interface HistoryEntry {
  callId: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  hotline: string | null;
  topic: string | null;
  /** The outcome's kind (outcome.ts), null while the call was in progress. */
  outcome: string | null;
  answeredBy: string | null;
  disposition: string | null;
  notes: string | null;
}

export interface HistoryOptions {
  /** Only calls that started at or after this (the card shows 30 days). */
  since: Date;
  /** The call on the line, which is not its own history. */
  excludeCallId?: string;
  /** At most this many, newest first; default 20. */
  limit?: number;
}

/** The number's calls since `since`, newest first. */
export async function callerHistory(db: Knex, number: string, options: HistoryOptions): Promise<HistoryEntry[]> {
  const query = db("calls")
    .select("id", "started_at", "hotline", "topic", "outcome", "answered_by", "disposition", "notes")
    .where("caller_number", number)
    .andWhere("started_at", ">=", options.since.toISOString())
    .orderBy([
      { column: "started_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(bounded(options.limit ?? 20));
  if (options.excludeCallId !== undefined) query.whereNot("id", options.excludeCallId);
  const rows = (await query) as Record<string, unknown>[];
  return rows.map((r) => ({
    callId: String(r.id),
    startedAt: isoOf(r.started_at) as string,
    hotline: str(r.hotline),
    topic: str(r.topic),
    outcome: str(r.outcome),
    answeredBy: str(r.answered_by),
    disposition: str(r.disposition),
    notes: str(r.notes),
  }));
}

/** What callbacks and messages share: the call they came from and where it was. */
interface LeftByCaller {
  id: string;
  callId: string;
  hotline: string | null;
  topic: string | null;
  language: string | null;
}

/** A callback request still open, for the caller card. */
export interface OpenCallback extends LeftByCaller {
  number: string;
  status: CallbackStatus;
  attempts: number;
  /** ISO 8601: when it was asked for, and the caller's place in line. */
  requestedAt: string;
  placeAt: string;
  nextAttemptAt: string | null;
}

/** The number's open callbacks, oldest place first. */
export async function openCallbacksFor(db: Knex, number: string, limit = 50): Promise<OpenCallback[]> {
  const rows = (await db("callbacks")
    .where("number", number)
    .whereIn("status", OPEN_CALLBACK_STATUSES)
    .orderBy([{ column: "place_at" }, { column: "requested_at" }, { column: "id" }])
    .limit(bounded(limit))) as Record<string, unknown>[];
  return rows.map(toOpenCallback);
}

/** A message a caller left. */
export interface Voicemail extends LeftByCaller {
  number: string | null;
  reason: string | null;
  /** Asterisk's stored-recording name. */
  recording: string;
  durationSeconds: number | null;
  /** ISO 8601. */
  createdAt: string;
  heardAt: string | null;
}

/** The number's messages: unheard first, newest first within each. */
export async function voicemailsFor(db: Knex, number: string, limit = 50): Promise<Voicemail[]> {
  const rows = (await db("voicemails")
    .where("caller_number", number)
    .orderByRaw("case when heard_at is null then 0 else 1 end")
    .orderBy([
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(bounded(limit))) as Record<string, unknown>[];
  return rows.map(toVoicemail);
}

/** One thing waiting for an operator: a callback to make or a message to listen to. */
export interface WorkItem extends LeftByCaller {
  kind: "callback" | "voicemail";
  number: string | null;
  /** ISO 8601: a callback's place in line, a message's time. */
  at: string;
  /** Voicemails: the stored-recording name. */
  recording?: string;
  /** Callbacks: their state. */
  status?: CallbackStatus;
}

export interface WorklistOptions {
  /** The operator's topics; items without a topic are everyone's. */
  topics: readonly string[];
  /** At most this many of each kind; default 200. */
  limit?: number;
}

/** Open callbacks and unheard messages for these topics (and those with none), oldest first. */
export async function worklist(db: Knex, options: WorklistOptions): Promise<WorkItem[]> {
  const limit = bounded(options.limit ?? 200);
  const topics = [...options.topics];
  const ofTopics = (q: Knex.QueryBuilder) => {
    q.whereNull("topic");
    if (topics.length > 0) q.orWhereIn("topic", topics);
  };
  const [callbacks, voicemails] = await Promise.all([
    db("callbacks")
      .whereIn("status", OPEN_CALLBACK_STATUSES)
      .andWhere(ofTopics)
      .orderBy([{ column: "place_at" }, { column: "requested_at" }, { column: "id" }])
      .limit(limit) as Promise<Record<string, unknown>[]>,
    db("voicemails")
      .whereNull("heard_at")
      .andWhere(ofTopics)
      .orderBy([{ column: "created_at" }, { column: "id" }])
      .limit(limit) as Promise<Record<string, unknown>[]>,
  ]);
  const items: WorkItem[] = [
    ...callbacks.map((r): WorkItem => {
      const c = toOpenCallback(r);
      return {
        kind: "callback",
        id: c.id,
        callId: c.callId,
        number: c.number,
        hotline: c.hotline,
        topic: c.topic,
        language: c.language,
        at: c.placeAt,
        status: c.status,
      };
    }),
    ...voicemails.map(toVoicemail).map(
      (v): WorkItem => ({
        kind: "voicemail",
        id: v.id,
        callId: v.callId,
        number: v.number,
        hotline: v.hotline,
        topic: v.topic,
        language: v.language,
        at: v.createdAt,
        recording: v.recording,
      }),
    ),
  ];
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The calls rows started at or after `since` (today's midnight), oldest first: the mirror's seed. */
export async function todayCallRows(db: Knex, since: Date): Promise<Row[]> {
  const rows = (await db("calls")
    .where("started_at", ">=", since.toISOString())
    .orderBy(["started_at", "id"])) as Record<string, unknown>[];
  return normalizeRows<Row>(rows);
}

function toVoicemail(r: Record<string, unknown>): Voicemail {
  return {
    id: String(r.id),
    callId: String(r.call_id),
    number: str(r.caller_number),
    hotline: str(r.hotline),
    topic: str(r.topic),
    language: str(r.language),
    reason: str(r.reason),
    recording: String(r.recording),
    durationSeconds: num(r.duration_seconds),
    createdAt: isoOf(r.created_at) as string,
    heardAt: isoOf(r.heard_at),
  };
}

function toOpenCallback(r: Record<string, unknown>): OpenCallback {
  return {
    id: String(r.id),
    callId: String(r.call_id),
    number: String(r.number),
    hotline: str(r.hotline),
    topic: str(r.topic),
    language: str(r.language),
    status: String(r.status) as CallbackStatus,
    attempts: Number(r.attempts) || 0,
    requestedAt: isoOf(r.requested_at) as string,
    placeAt: (isoOf(r.place_at) ?? isoOf(r.requested_at)) as string,
    nextAttemptAt: isoOf(r.next_attempt_at),
  };
}

/** A stored instant (ISO text in SQLite, Date in PostgreSQL) as ISO 8601 UTC; null when absent. */
function isoOf(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  const ms = Date.parse(String(v));
  return Number.isNaN(ms) ? String(v) : new Date(ms).toISOString();
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A limit the database is never asked to exceed. */
function bounded(limit: number): number {
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}
