import type { Knex } from "knex";
import type { CallCost } from "./cost.ts";

/**
 * One record write as plain JSON, so it can sit in the journal and be applied again after a crash.
 * Every op is safe to apply twice in order: inserts are keyed and ignore a row that exists, updates set
 * fields (optionally only while a column is still null), the state upsert keeps the latest.
 */
export type RecordOp =
  /** Insert a row; a row with the same key is left as it is. */
  | { op: "insert"; table: RecordTable; row: Row }
  /** Set fields of the row with `key`; with `ifNull`, only while that column is still null. */
  | { op: "set"; table: RecordTable; key: Row; set: Row; ifNull?: string }
  /** operator_states: replace the operator's row. */
  | { op: "state"; row: Row }
  /** Close a call: duration and cost are computed from the stored row, so a replay needs no memory. */
  | { op: "callEnded"; id: string; set: Row }
  /** Close a ring attempt: ring_seconds from its stored start. */
  | { op: "attemptEnded"; id: string; set: Row };

export type Row = Record<string, string | number | boolean | null>;

export type RecordTable =
  | "calls"
  | "voicemails"
  | "callbacks"
  | "callback_attempts"
  | "operator_attempts"
  | "queue_events"
  | "operator_sessions"
  | "operator_pauses"
  | "operator_states"
  | "monitor_sessions"
  | "recordings"
  | "transfers"
  | "audit_log";

const PRIMARY_KEY: Record<RecordTable, string> = {
  calls: "id",
  voicemails: "id",
  callbacks: "id",
  callback_attempts: "id",
  operator_attempts: "id",
  queue_events: "id",
  operator_sessions: "id",
  operator_pauses: "id",
  operator_states: "operator",
  monitor_sessions: "id",
  recordings: "id",
  transfers: "id",
  audit_log: "id",
};

/** What a call cost, from its stored trunk and times; null when that cannot be known (unknown trunk). */
export type CostOf = (call: { trunk: string | null; answeredAt: Date | null; endedAt: Date }) => CallCost | null;

/**
 * Apply ops in order inside one transaction. Runs of inserts into the same table become multi-row
 * statements (the batch's hot path: one statement per table run, not per row).
 */
export async function applyOps(trx: Knex.Transaction | Knex, ops: readonly RecordOp[], costOf?: CostOf): Promise<void> {
  for (let i = 0; i < ops.length; ) {
    const op = ops[i] as RecordOp;
    if (op.op === "insert") {
      let j = i + 1;
      while (j < ops.length) {
        const next = ops[j] as RecordOp;
        if (next.op !== "insert" || next.table !== op.table) break;
        j++;
      }
      await insertRows(
        trx,
        op.table,
        (ops.slice(i, j) as Extract<RecordOp, { op: "insert" }>[]).map((o) => o.row),
      );
      i = j;
      continue;
    }
    await applyOne(trx, op, costOf);
    i++;
  }
}

async function insertRows(trx: Knex.Transaction | Knex, table: RecordTable, rows: Row[]): Promise<void> {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  const columns = [...names];
  const head = `insert into ${quote(table)} (${columns.map(quote).join(", ")})`;
  const conflict = ` on conflict (${quote(PRIMARY_KEY[table])}) do nothing`;
  if (isPostgres(trx)) {
    // One JSON parameter that PostgreSQL unpacks into typed rows: no 65535-parameter limit, one parse.
    await trx.raw(
      `${head} select ${columns.map(quote).join(", ")} from json_populate_recordset(null::${quote(table)}, ?::json)${conflict}`,
      [JSON.stringify(rows)],
    );
    return;
  }
  // SQLite: multi-row VALUES (knex's own multi-row insert is a compound SELECT capped at 500 rows),
  // chunked well below the 32766 bound-parameter limit whatever the row width.
  const perStatement = Math.max(1, Math.floor(16_000 / columns.length));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let k = 0; k < rows.length; k += perStatement) {
    const chunk = rows.slice(k, k + perStatement);
    const values: (string | number | boolean | null)[] = [];
    for (const row of chunk) for (const column of columns) values.push(row[column] ?? null);
    await trx.raw(`${head} values ${chunk.map(() => tuple).join(", ")}${conflict}`, values);
  }
}

function isPostgres(db: Knex): boolean {
  const client = db.client.config.client as unknown;
  return client === "pg" || client === "postgres" || client === "postgresql";
}

/** A column or table name as an SQL identifier (same quoting in SQLite and PostgreSQL). */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function applyOne(trx: Knex.Transaction | Knex, op: RecordOp, costOf?: CostOf): Promise<void> {
  switch (op.op) {
    case "insert":
      return insertRows(trx, op.table, [op.row]);
    case "set": {
      const query = trx(op.table).where(op.key);
      if (op.ifNull) query.whereNull(op.ifNull);
      await query.update(op.set);
      return;
    }
    case "state":
      await trx("operator_states").insert(op.row).onConflict("operator").merge();
      return;
    case "callEnded": {
      const call = (await trx("calls").where({ id: op.id }).first("started_at", "answered_at", "trunk", "ended_at")) as
        | { started_at: string | Date; answered_at: string | Date | null; trunk: string | null; ended_at: unknown }
        | undefined;
      if (!call || call.ended_at !== null) return; // unknown call, or already closed: the first end wins
      const endedAt = new Date(String(op.set.ended_at));
      const answeredAt = call.answered_at ? new Date(call.answered_at) : null;
      const cost = costOf?.({ trunk: call.trunk, answeredAt, endedAt }) ?? null;
      await trx("calls")
        .where({ id: op.id })
        .whereNull("ended_at")
        .update({
          ...op.set,
          duration_seconds: (endedAt.getTime() - new Date(call.started_at).getTime()) / 1000,
          ...(cost ? { cost: cost.cost, currency: cost.currency, billed_seconds: cost.billedSeconds } : {}),
        });
      return;
    }
    case "attemptEnded": {
      const attempt = (await trx("operator_attempts")
        .where({ id: op.id })
        .first("started_at", "answered_at", "ended_at")) as
        | { started_at: string | Date; answered_at: string | Date | null; ended_at: unknown }
        | undefined;
      if (!attempt || attempt.ended_at !== null) return;
      // Ringing lasts until the operator answered, or until the leg ended unanswered.
      const until = new Date(
        op.set.answered_at ? String(op.set.answered_at) : (attempt.answered_at ?? String(op.set.ended_at)),
      );
      await trx("operator_attempts")
        .where({ id: op.id })
        .whereNull("ended_at")
        .update({ ...op.set, ring_seconds: (until.getTime() - new Date(attempt.started_at).getTime()) / 1000 });
      return;
    }
  }
}
