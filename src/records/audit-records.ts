import { randomUUID } from "node:crypto";
import type { RecordSink } from "./writer.ts";

export type AuditResult = "ok" | "refused" | "failed";

export interface AuditEntry {
  at: Date;
  /** Null for a sign-in with a user name nobody has. */
  user: string | null;
  role: string | null;
  action: string;
  target?: string | undefined;
  detail?: Record<string, unknown> | undefined;
  address?: string | undefined;
  result: AuditResult;
}

/** The console's audit trail, through the same journaled writer as the calls: nothing is lost on a crash. */
export class AuditRecords {
  constructor(private readonly sink: RecordSink) {}

  write(e: AuditEntry): void {
    this.sink.push({
      op: "insert",
      table: "audit_log",
      row: {
        id: randomUUID(),
        at: e.at.toISOString(),
        user: e.user,
        role: e.role,
        action: e.action,
        target: e.target ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
        address: e.address ?? null,
        result: e.result,
      },
    });
  }
}
