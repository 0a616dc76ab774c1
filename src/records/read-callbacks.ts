import type { Knex } from "knex";
import type { CallbackReason, CallbackRequest } from "./callback-records.ts";

/** A callback the last run did not reach: pending, failed (a retry due), or dialling when it stopped. */
export interface OpenCallbackRow extends CallbackRequest {
  attempts: number;
  nextAttemptAt?: Date;
  /** It was being dialled when the last run stopped: made again. */
  wasDialing: boolean;
}

/** A `callbacks` row as the database returns it (dates as text in SQLite, Date in PostgreSQL). */
export interface CallbackRow {
  id: string;
  call_id: string;
  hotline: string | null;
  language: string | null;
  topic: string | null;
  number: string;
  reason: string | null;
  requested_at: string | Date;
  done_at: string | Date | null;
  place_at: string | Date | null;
  status: string;
  attempts: number | null;
  next_attempt_at: string | Date | null;
  operator: string | null;
  reached_at: string | Date | null;
  given_up_at: string | Date | null;
}

/** Callbacks still to make, in their place order (oldest first). */
export async function readOpenCallbacks(db: Knex): Promise<OpenCallbackRow[]> {
  const rows = (await db("callbacks")
    .whereIn("status", ["pending", "dialing", "failed"])
    .orderBy([{ column: "place_at" }, { column: "requested_at" }, { column: "id" }])) as CallbackRow[];
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    hotline: r.hotline ?? "",
    language: r.language ?? "",
    ...(r.topic ? { topic: r.topic } : {}),
    number: r.number,
    reason: (r.reason ?? "closed") as CallbackReason,
    requestedAt: new Date(r.requested_at),
    placeAt: new Date(r.place_at ?? r.requested_at),
    attempts: Number(r.attempts) || 0,
    ...(r.next_attempt_at ? { nextAttemptAt: new Date(r.next_attempt_at) } : {}),
    wasDialing: r.status === "dialing",
  }));
}

/** Attempts the last run left open (it stopped or was killed during them). */
export async function readOpenCallbackAttempts(db: Knex): Promise<string[]> {
  const rows = (await db("callback_attempts").whereNull("ended_at").select("id")) as { id: string }[];
  return rows.map((r) => r.id);
}
