import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { type Logger, silentLogger } from "../logger.ts";
import { AuditRecords } from "./audit-records.ts";
import { CallbackRecords } from "./callback-records.ts";
import { callCost, type Tariff } from "./cost.ts";
import { OperatorRecords } from "./operator-records.ts";
import type { CostOf, RecordOp, Row } from "./ops.ts";
import { type CallOutcome, describeOutcome, outcomeColumns } from "./outcome.ts";
import { RoomRecords } from "./room-records.ts";
import { type AttemptResult, type CallRow, normalizeRow, type QueueEventKind } from "./rows.ts";
import { TransferRecords } from "./transfer-records.ts";
import {
  type JournalFullPolicy,
  type JournalHealth,
  type RecordSink,
  type RecordsHealth,
  RecordWriter,
} from "./writer.ts";

export type { AttemptResult, CallRow, QueueEventKind } from "./rows.ts";

export interface CallStart {
  id: string;
  did?: string;
  hotline?: string;
  campaign?: string;
  trunk?: string;
  callerNumber?: string;
  callerName?: string;
  language?: string;
  startedAt: Date;
  asteriskId?: string;
  /** The Asterisk node that carries the call, when the app drives several. */
  node?: string;
  /** `native`: Asterisk took the call on its own while no app was connected. */
  source?: "native";
}

/** Fields of a call the journey fills in as it learns them (column names as in the table). */
export interface CallFields {
  language?: string;
  hotline?: string;
  topic?: string;
  menu_path?: string;
  queue_entered_at?: Date;
  queue_left_at?: Date;
  wait_seconds?: number;
  answered_by?: string;
  operator_answered_at?: Date;
  survey_score?: number;
  schedule_rule?: string;
}

export interface VoicemailRecord {
  id: string;
  callId: string;
  hotline: string;
  language: string;
  callerNumber?: string;
  topic?: string;
  reason: "closed" | "overflow" | "closing";
  recording: string;
  durationSeconds: number;
  createdAt: Date;
}

export interface CallEnd {
  endedAt: Date;
  /** Written once, when the journey has settled: its columns and its sentence (outcome_detail). */
  outcome: CallOutcome;
  hangupCause?: number;
  hangupCauseText?: string;
}

/** One ring of an operator's phone for a call (a leg). Omit the end to close it later with `attemptEnded`. */
export interface OperatorAttempt {
  /** The leg's id (the operator channel's id); default a new UUID. */
  id?: string;
  callId: string;
  operator: string;
  /** What was rung, e.g. "PJSIP/maria". */
  endpoint?: string;
  startedAt: Date;
  answeredAt?: Date;
  endedAt?: Date;
  result?: AttemptResult;
}

export interface AttemptEnd {
  endedAt: Date;
  result: AttemptResult;
  /** When the operator picked up, if they did and `attemptAnswered` was not called. */
  answeredAt?: Date;
}

/** Something that happened in a hotline's queue (what Asterisk's queue_log would say). */
export interface QueueEvent {
  /** Default a new UUID. */
  id?: string;
  /** The caller's call; omit for queue-wide events. */
  callId?: string;
  /** The queue: the hotline's name. */
  hotline: string;
  at: Date;
  event: QueueEventKind;
  operator?: string;
  /** The caller's place in the queue at that moment (1 = next). */
  position?: number;
  /** Seconds in the queue so far. */
  waitSeconds?: number;
  /** "caller" | "operator" on complete (who hung up); the key on leave; free text otherwise. */
  detail?: string;
}

/** A complete call row for `importCalls`: timestamps as ISO strings, columns as in the table. */
export type CallImport = Partial<Omit<CallRow, "id" | "started_at">> & Pick<CallRow, "id" | "started_at">;

/** A trunk's name and tariff, as in the configuration's `trunks`. */
export interface TrunkTariff extends Tariff {
  name: string;
}

export interface CallRecordsOptions {
  /** Journal file, normally `<state.dir>/records.journal`: writes survive a crash or a database outage. */
  journal?: string;
  /** Trunks and their tariffs, for each call's cost when it ends (a function follows config reloads). */
  trunks?: readonly TrunkTariff[] | (() => readonly TrunkTariff[]);
  /** Instead of `trunks`: any cost rule. */
  costOf?: CostOf;
  /** Batching: see RecordWriterOptions. */
  batchRows?: number;
  batchMs?: number;
  maxBatchRows?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  /** While the journal cannot be written: see RecordWriterOptions. */
  onJournalFull?: JournalFullPolicy;
  maxPending?: number;
  journalRetryMs?: number;
}

/**
 * Writes call records off the call path. Every method returns at once: the write is journalled and
 * queued, and a single writer lands the queue in the database in order, in batched transactions,
 * retrying through outages (see writer.ts). Call handling never waits on the database and a busy or
 * absent database loses nothing.
 */
export class CallRecords {
  /** Operator sessions, pauses and states, written through the same ordered queue. */
  readonly operators: OperatorRecords;
  /** Callbacks the app makes: requests, their state, each attempt. */
  readonly callbacks: CallbackRecords;
  /** Monitoring sessions, recordings and dispositions. */
  readonly room: RoomRecords;
  readonly transfers: TransferRecords;
  /** The console's audit trail. */
  readonly audit: AuditRecords;
  private readonly writer: RecordWriter;
  /** Every write also goes to the observers (the room's live view mirrors today's calls from them). */
  private readonly sink: RecordSink;
  private readonly observers = new Set<(op: RecordOp) => void>();

  constructor(
    private readonly db: Knex,
    logger: Logger = silentLogger,
    options: CallRecordsOptions = {},
  ) {
    this.writer = new RecordWriter(db, {
      logger,
      journal: options.journal,
      costOf: options.costOf ?? (options.trunks ? costByTrunk(options.trunks) : undefined),
      batchRows: options.batchRows,
      batchMs: options.batchMs,
      maxBatchRows: options.maxBatchRows,
      retryMinMs: options.retryMinMs,
      retryMaxMs: options.retryMaxMs,
      onJournalFull: options.onJournalFull,
      maxPending: options.maxPending,
      journalRetryMs: options.journalRetryMs,
    });
    this.sink = {
      push: (op) => {
        this.writer.push(op);
        this.notify(op);
      },
    };
    this.operators = new OperatorRecords(this.sink);
    this.callbacks = new CallbackRecords(this.sink);
    this.room = new RoomRecords(this.sink);
    this.transfers = new TransferRecords(this.sink);
    this.audit = new AuditRecords(this.sink);
  }

  started(call: CallStart): void {
    this.sink.push({
      op: "insert",
      table: "calls",
      row: {
        id: call.id,
        did: call.did ?? null,
        hotline: call.hotline ?? null,
        campaign: call.campaign ?? null,
        trunk: call.trunk ?? null,
        caller_number: call.callerNumber ?? null,
        caller_name: call.callerName ?? null,
        language: call.language ?? null,
        started_at: call.startedAt.toISOString(),
        asterisk_id: call.asteriskId ?? null,
        node: call.node ?? null,
        source: call.source ?? null,
      },
    });
  }

  update(id: string, fields: CallFields): void {
    const set: Row = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) set[key] = value instanceof Date ? value.toISOString() : (value as string | number);
    }
    if (Object.keys(set).length > 0) this.sink.push({ op: "set", table: "calls", key: { id }, set });
  }

  voicemail(v: VoicemailRecord): void {
    this.sink.push({
      op: "insert",
      table: "voicemails",
      row: {
        id: v.id,
        call_id: v.callId,
        hotline: v.hotline,
        language: v.language,
        caller_number: v.callerNumber ?? null,
        topic: v.topic ?? null,
        reason: v.reason,
        recording: v.recording,
        duration_seconds: v.durationSeconds,
        created_at: v.createdAt.toISOString(),
      },
    });
  }

  /** The caller's channel was answered: billing starts here. The first answer wins. */
  answered(id: string, at: Date): void {
    this.sink.push({
      op: "set",
      table: "calls",
      key: { id },
      set: { answered_at: at.toISOString() },
      ifNull: "answered_at",
    });
  }

  /** Close the call: duration from its start, cost from its trunk's tariff (answer → end). The first end wins. */
  ended(id: string, end: CallEnd): void {
    this.sink.push({
      op: "callEnded",
      id,
      set: {
        ended_at: end.endedAt.toISOString(),
        ...outcomeColumns(end.outcome),
        outcome_detail: describeOutcome(end.outcome) ?? null,
        hangup_cause: end.hangupCause ?? null,
        hangup_cause_text: end.hangupCauseText ?? null,
      },
    });
  }

  /** An operator's phone rang for a call; returns the attempt's id. */
  attempt(a: OperatorAttempt): string {
    const id = a.id ?? randomUUID();
    const until = a.answeredAt ?? a.endedAt;
    this.sink.push({
      op: "insert",
      table: "operator_attempts",
      row: {
        id,
        call_id: a.callId,
        operator: a.operator,
        endpoint: a.endpoint ?? null,
        started_at: a.startedAt.toISOString(),
        answered_at: a.answeredAt?.toISOString() ?? null,
        ended_at: a.endedAt?.toISOString() ?? null,
        result: a.result ?? null,
        ring_seconds: until ? (until.getTime() - a.startedAt.getTime()) / 1000 : null,
      },
    });
    return id;
  }

  /** The operator picked up (the leg goes on until `attemptEnded`). */
  attemptAnswered(id: string, at: Date): void {
    this.sink.push({
      op: "set",
      table: "operator_attempts",
      key: { id },
      set: { answered_at: at.toISOString() },
      ifNull: "answered_at",
    });
  }

  /** The leg ended: ring time is computed from its stored start. The first end wins. */
  attemptEnded(id: string, end: AttemptEnd): void {
    const set: Row = { ended_at: end.endedAt.toISOString(), result: end.result };
    if (end.answeredAt) set.answered_at = end.answeredAt.toISOString();
    this.sink.push({ op: "attemptEnded", id, set });
  }

  /** The operator's wrap-up after this answered leg ended (they are free for the next call). */
  attemptWrappedUp(id: string, at: Date): void {
    this.sink.push({
      op: "set",
      table: "operator_attempts",
      key: { id },
      set: { wrapup_ended_at: at.toISOString() },
      ifNull: "wrapup_ended_at",
    });
  }

  /** Something happened in a hotline's queue; returns the event's id. */
  queueEvent(e: QueueEvent): string {
    const id = e.id ?? randomUUID();
    this.sink.push({
      op: "insert",
      table: "queue_events",
      row: {
        id,
        call_id: e.callId ?? null,
        hotline: e.hotline,
        at: e.at.toISOString(),
        event: e.event,
        operator: e.operator ?? null,
        position: e.position ?? null,
        wait_seconds: e.waitSeconds ?? null,
        detail: e.detail ?? null,
      },
    });
    return id;
  }

  /**
   * Bulk path (`hotline seed`, imports, the benchmark): complete call rows, one journal append for all,
   * landed in large transactions. Await `below(n)` between chunks to bound memory.
   */
  importCalls(rows: readonly CallImport[]): void {
    const ops = rows.map((row): RecordOp => ({ op: "insert", table: "calls", row: row as unknown as Row }));
    this.writer.pushMany(ops);
    for (const op of ops) this.notify(op);
  }

  /** Resolves once at most `max` writes wait: backpressure for bulk loads (never use it on the call path). */
  /** Told of every write as it is queued (not when it lands); returns an unsubscribe. */
  observe(listener: (op: RecordOp) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  private notify(op: RecordOp): void {
    for (const listener of this.observers) {
      try {
        listener(op);
      } catch {
        // An observer's failure never touches the records.
      }
    }
  }

  below(max: number): Promise<void> {
    return this.writer.below(max);
  }

  /** Writes not yet in the database. */
  get pending(): number {
    return this.writer.pending;
  }

  /** Whether a new call's writes are safe now (the call service refuses calls as busy when not). */
  health(): RecordsHealth {
    return this.writer.health();
  }

  get journalHealth(): JournalHealth {
    return this.writer.journalHealth;
  }

  /** Resolves when every queued write has landed; with `timeoutMs`, gives up waiting (the journal keeps them). */
  flush(options?: { timeoutMs?: number }): Promise<void> {
    return this.writer.flush(options);
  }

  /** Flush (bounded by `timeoutMs`) and release the journal. */
  close(options?: { timeoutMs?: number }): Promise<void> {
    return this.writer.close(options);
  }

  async get(id: string): Promise<CallRow | undefined> {
    const row = (await this.db("calls").where({ id }).first()) as Record<string, unknown> | undefined;
    return row ? normalizeRow<CallRow>(row) : undefined;
  }
}

/** The cost rule from the configured trunks: the call's trunk's tariff; an unknown trunk → no cost. */
export function costByTrunk(trunks: readonly TrunkTariff[] | (() => readonly TrunkTariff[])): CostOf {
  return ({ trunk, answeredAt, endedAt }) => {
    const list = typeof trunks === "function" ? trunks() : trunks;
    const tariff = list.find((t) => t.name === trunk);
    return tariff ? callCost({ answeredAt, endedAt }, tariff) : null;
  };
}
