import type { Knex } from "knex";
import {
  type CallRow,
  normalizeRows,
  type OperatorAttemptRow,
  type OperatorPauseRow,
  type OperatorSessionRow,
  type OperatorStateRow,
  type QueueEventRow,
} from "./rows.ts";

/** A time range [from, to): instants, compared as the ISO strings the writer stores. */
export interface Range {
  from: Date;
  to: Date;
}

/** Everything recorded in a range, for exports and reports; rows in the shapes of rows.ts. */
export interface RecordsInRange {
  calls: CallRow[];
  queueEvents: QueueEventRow[];
  attempts: OperatorAttemptRow[];
  sessions: OperatorSessionRow[];
  pauses: OperatorPauseRow[];
}

/** Calls that started in the range, oldest first. */
export async function readCalls(db: Knex, range: Range): Promise<CallRow[]> {
  return normalizeRows<CallRow>(
    await db("calls")
      .where("started_at", ">=", iso(range.from))
      .andWhere("started_at", "<", iso(range.to))
      .orderBy(["started_at", "id"]),
  );
}

export async function readRange(db: Knex, range: Range): Promise<RecordsInRange> {
  const between = (table: string, column: string) =>
    db(table)
      .where(column, ">=", iso(range.from))
      .andWhere(column, "<", iso(range.to))
      .orderBy([column, "id"]) as Promise<Record<string, unknown>[]>;
  const [calls, queueEvents, attempts, sessions, pauses] = await Promise.all([
    readCalls(db, range),
    between("queue_events", "at"),
    between("operator_attempts", "started_at"),
    between("operator_sessions", "logged_in_at"),
    between("operator_pauses", "started_at"),
  ]);
  return {
    calls,
    queueEvents: normalizeRows<QueueEventRow>(queueEvents),
    attempts: normalizeRows<OperatorAttemptRow>(attempts),
    sessions: normalizeRows<OperatorSessionRow>(sessions),
    pauses: normalizeRows<OperatorPauseRow>(pauses),
  };
}

/** Every operator's last recorded state: where the ACD resumes after a restart. */
export async function readOperatorStates(db: Knex): Promise<OperatorStateRow[]> {
  return normalizeRows<OperatorStateRow>(await db("operator_states").orderBy("operator"));
}

/** Rings the records still have open (a run stopped during them): the next run closes them. */
export async function readOpenAttempts(db: Knex): Promise<string[]> {
  const rows: { id: string }[] = await db("operator_attempts").whereNull("ended_at").select("id");
  return rows.map((r) => r.id);
}

function iso(d: Date): string {
  return d.toISOString();
}
