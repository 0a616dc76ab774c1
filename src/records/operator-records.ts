import { randomUUID } from "node:crypto";
import type { OperatorStateName, PauseReason } from "./rows.ts";
import type { RecordSink } from "./writer.ts";

export type { OperatorStateName, PauseReason } from "./rows.ts";

export interface SessionStart {
  /** Default a new UUID. */
  id?: string;
  operator: string;
  endpoint?: string;
  at: Date;
}

export interface PauseStart {
  /** Default a new UUID. */
  id?: string;
  operator: string;
  at: Date;
  reason: PauseReason;
  /** true: the operator chose it; false: the ACD imposed it (e.g. after missed calls). */
  planned: boolean;
}

export interface OperatorState {
  state: OperatorStateName;
  since: Date;
  reason?: string;
  /** The ACD engine's snapshot of the operator (JSON), for a restart. */
  snapshot?: string;
  /** The open log-in session and pause, continued after a restart. */
  sessionId?: string;
  pauseId?: string;
}

/**
 * What operators do, for the report and for the ACD's restart: log-in sessions, pauses and the current
 * state. Same guarantees as CallRecords (journalled, ordered, never blocking); reached as
 * `records.operators`.
 */
export class OperatorRecords {
  constructor(private readonly sink: RecordSink) {}

  /** The operator logged in; returns the session's id for `sessionEnded`. */
  sessionStarted(s: SessionStart): string {
    const id = s.id ?? randomUUID();
    this.sink.push({
      op: "insert",
      table: "operator_sessions",
      row: { id, operator: s.operator, endpoint: s.endpoint ?? null, logged_in_at: s.at.toISOString() },
    });
    return id;
  }

  /** The session ended (logout, phone gone, shutdown…). The first end wins. */
  sessionEnded(id: string, end: { at: Date; reason?: string }): void {
    this.sink.push({
      op: "set",
      table: "operator_sessions",
      key: { id },
      set: { logged_out_at: end.at.toISOString(), reason: end.reason ?? null },
      ifNull: "logged_out_at",
    });
  }

  /** A pause began; returns its id for `pauseEnded`. */
  pauseStarted(p: PauseStart): string {
    const id = p.id ?? randomUUID();
    this.sink.push({
      op: "insert",
      table: "operator_pauses",
      row: { id, operator: p.operator, started_at: p.at.toISOString(), reason: p.reason, planned: p.planned },
    });
    return id;
  }

  /** The pause ended. The first end wins. */
  pauseEnded(id: string, at: Date): void {
    this.sink.push({
      op: "set",
      table: "operator_pauses",
      key: { id },
      set: { ended_at: at.toISOString() },
      ifNull: "ended_at",
    });
  }

  /** The operator's current state (one row per operator; read back with `readOperatorStates` on restart). */
  operatorState(operator: string, s: OperatorState): void {
    this.sink.push({
      op: "state",
      row: {
        operator,
        state: s.state,
        since: s.since.toISOString(),
        reason: s.reason ?? null,
        snapshot: s.snapshot ?? null,
        session_id: s.sessionId ?? null,
        pause_id: s.pauseId ?? null,
      },
    });
  }
}
