import type { Knex } from "knex";
import { type Logger, silentLogger } from "../logger.ts";

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

export interface CallbackRecord {
  id: string;
  callId: string;
  hotline: string;
  language: string;
  topic?: string;
  number: string;
  reason: "closed" | "overflow" | "closing";
  requestedAt: Date;
}

export interface CallEnd {
  endedAt: Date;
  outcome: string;
  outcomeDetail?: string;
  hangupCause?: number;
  hangupCauseText?: string;
}

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
  outcome: string | null;
  hangup_cause: number | null;
  hangup_cause_text: string | null;
  topic: string | null;
  menu_path: string | null;
  queue_entered_at: string | null;
  queue_left_at: string | null;
  wait_seconds: number | null;
  answered_by: string | null;
  operator_answered_at: string | null;
  survey_score: number | null;
  outcome_detail: string | null;
  schedule_rule: string | null;
}

/**
 * Writes call records off the call path: each write is queued in order and a failed write is retried,
 * so call handling never waits on the database and a busy database loses nothing.
 */
export class CallRecords {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly log: Logger;
  private readonly startedAt = new Map<string, Date>();

  constructor(
    private readonly db: Knex,
    logger: Logger = silentLogger,
  ) {
    this.log = logger.child({ component: "records" });
  }

  started(call: CallStart): void {
    this.startedAt.set(call.id, call.startedAt);
    this.enqueue("started", (db) =>
      db("calls")
        .insert({
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
        })
        .onConflict("id")
        .ignore(),
    );
  }

  update(id: string, fields: CallFields): void {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) row[key] = value instanceof Date ? value.toISOString() : value;
    }
    if (Object.keys(row).length > 0) this.enqueue("update", (db) => db("calls").where({ id }).update(row));
  }

  voicemail(v: VoicemailRecord): void {
    this.enqueue("voicemail", (db) =>
      db("voicemails")
        .insert({
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
        })
        .onConflict("id")
        .ignore(),
    );
  }

  callback(c: CallbackRecord): void {
    this.enqueue("callback", (db) =>
      db("callbacks")
        .insert({
          id: c.id,
          call_id: c.callId,
          hotline: c.hotline,
          language: c.language,
          topic: c.topic ?? null,
          number: c.number,
          reason: c.reason,
          requested_at: c.requestedAt.toISOString(),
        })
        .onConflict("id")
        .ignore(),
    );
  }

  answered(id: string, at: Date): void {
    this.enqueue("answered", (db) =>
      db("calls").where({ id }).whereNull("answered_at").update({ answered_at: at.toISOString() }),
    );
  }

  ended(id: string, end: CallEnd): void {
    const started = this.startedAt.get(id);
    this.startedAt.delete(id);
    this.enqueue("ended", (db) =>
      db("calls")
        .where({ id })
        .whereNull("ended_at")
        .update({
          ended_at: end.endedAt.toISOString(),
          duration_seconds: started ? (end.endedAt.getTime() - started.getTime()) / 1000 : null,
          outcome: end.outcome,
          outcome_detail: end.outcomeDetail ?? null,
          hangup_cause: end.hangupCause ?? null,
          hangup_cause_text: end.hangupCauseText ?? null,
        }),
    );
  }

  /** Resolves when every queued write has landed. */
  async flush(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  get(id: string): Promise<CallRow | undefined> {
    return this.db<CallRow>("calls").where({ id }).first();
  }

  private enqueue(what: string, write: (db: Knex) => Promise<unknown>): void {
    this.pending++;
    this.tail = this.tail.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await write(this.db);
          break;
        } catch (err) {
          const delay = Math.min(5000, 100 * 2 ** attempt);
          this.log.error({ err: (err as Error).message, what, attempt }, "call record write failed; retrying");
          await new Promise((r) => setTimeout(r, delay));
        }
      }
      this.pending--;
    });
  }
}
