import type { RecordSink } from "./writer.ts";

export type TransferKind = "blind" | "attended";
export type TransferTargetKind = "endpoint" | "number" | "queue";
export type TransferResult = "completed" | "no-answer" | "busy" | "rejected" | "cancelled" | "failed" | "returned";

export interface TransferStart {
  id: string;
  callId: string;
  operator: string;
  target: string;
  targetKind: TransferTargetKind;
  kind: TransferKind;
  hotline?: string | undefined;
  topic?: string | undefined;
  at: Date;
}

/**
 * The `transfers` rows: one per transfer an operator started, through the same journaled, ordered
 * writer as the calls (reached as `records.transfers`).
 */
export class TransferRecords {
  constructor(private readonly sink: RecordSink) {}

  started(t: TransferStart): void {
    this.sink.push({
      op: "insert",
      table: "transfers",
      row: {
        id: t.id,
        call_id: t.callId,
        from_operator: t.operator,
        target: t.target,
        target_kind: t.targetKind,
        kind: t.kind,
        hotline: t.hotline ?? null,
        topic: t.topic ?? null,
        started_at: t.at.toISOString(),
      },
    });
  }

  /** The target picked up (or, for a queue, the caller was put in it). */
  answered(id: string, at: Date): void {
    this.sink.push({ op: "set", table: "transfers", key: { id }, set: { answered_at: at.toISOString() } });
  }

  /** How it ended; the first end wins. */
  ended(id: string, end: { at: Date; result: TransferResult; cause?: string | number | undefined }): void {
    this.sink.push({
      op: "set",
      table: "transfers",
      key: { id },
      set: {
        ended_at: end.at.toISOString(),
        result: end.result,
        cause: end.cause === undefined ? null : String(end.cause),
      },
      ifNull: "ended_at",
    });
  }
}
