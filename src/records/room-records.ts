import type { RecordSink } from "./writer.ts";

export type MonitorMode = "listen" | "whisper" | "barge";

export interface MonitorStart {
  id: string;
  callId: string;
  operator: string;
  supervisor: string;
  mode: MonitorMode;
  endpoint: string;
  at: Date;
}

export interface RecordingStart {
  id: string;
  callId: string;
  operator: string;
  topic: string | undefined;
  at: Date;
}

export interface RecordingEnd {
  at: Date;
  /** Where the file is kept (recordings.dir); null when none could be kept. */
  path: string | null;
  bytes: number | null;
  purgeAfter: Date;
}

export interface DispositionSet {
  callId: string;
  disposition: string;
  by: string;
  at: Date;
  notes?: string | undefined;
}

/**
 * The supervisors' room in the records: monitoring sessions, conversation recordings and the
 * outcomes operators give their calls; through the same journaled, ordered queue as the calls.
 */
export class RoomRecords {
  constructor(private readonly sink: RecordSink) {}

  monitorStarted(m: MonitorStart): void {
    this.sink.push({
      op: "insert",
      table: "monitor_sessions",
      row: {
        id: m.id,
        call_id: m.callId,
        operator: m.operator,
        supervisor: m.supervisor,
        mode: m.mode,
        endpoint: m.endpoint,
        started_at: m.at.toISOString(),
      },
    });
  }

  /** The first end wins. */
  monitorEnded(id: string, at: Date, reason: string): void {
    this.sink.push({
      op: "set",
      table: "monitor_sessions",
      key: { id },
      set: { ended_at: at.toISOString(), end_reason: reason },
      ifNull: "ended_at",
    });
  }

  recordingStarted(r: RecordingStart): void {
    this.sink.push({
      op: "insert",
      table: "recordings",
      row: {
        id: r.id,
        call_id: r.callId,
        operator: r.operator,
        topic: r.topic ?? null,
        started_at: r.at.toISOString(),
      },
    });
  }

  recordingEnded(id: string, end: RecordingEnd): void {
    this.sink.push({
      op: "set",
      table: "recordings",
      key: { id },
      set: {
        ended_at: end.at.toISOString(),
        path: end.path,
        bytes: end.bytes,
        purge_after: end.purgeAfter.toISOString(),
      },
      ifNull: "ended_at",
    });
  }

  /** Its file was deleted (retention or `hotline recordings purge`). */
  recordingPurged(id: string, at: Date): void {
    this.sink.push({
      op: "set",
      table: "recordings",
      key: { id },
      set: { purged_at: at.toISOString() },
      ifNull: "purged_at",
    });
  }

  /** The operator's outcome of a call; a later one replaces it (a mistyped digit is corrected by dialling again). */
  disposition(d: DispositionSet): void {
    this.sink.push({
      op: "set",
      table: "calls",
      key: { id: d.callId },
      set: {
        disposition: d.disposition,
        disposition_by: d.by,
        disposition_at: d.at.toISOString(),
        ...(d.notes !== undefined ? { notes: d.notes } : {}),
      },
    });
  }
}
