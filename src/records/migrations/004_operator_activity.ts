import type { Knex } from "knex";

/**
 * What operators did: each ring of an operator's phone for a call, the queue's events (the information
 * Asterisk's queue_log carries), log-in sessions, pauses, and each operator's current state so the ACD
 * can pick up where it was after a restart. Times are ISO 8601 UTC, like the calls table.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("operator_attempts", (t) => {
    t.string("id", 64).primary(); // one leg: the operator's channel id
    t.string("call_id", 64).notNullable().index();
    t.string("operator", 64).notNullable();
    t.string("endpoint", 128); // the desk phone rung, e.g. PJSIP/maria
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("answered_at", { useTz: true });
    t.timestamp("ended_at", { useTz: true });
    t.string("result", 16); // answered | no-answer | rejected | busy | failed | caller-gone; null while ringing
    t.double("ring_seconds"); // started → answered, or → ended when never answered
    t.index(["operator", "started_at"]);
    t.index(["started_at"]);
  });
  await db.schema.createTable("queue_events", (t) => {
    t.string("id", 64).primary();
    t.string("call_id", 64).index(); // null for queue-wide events
    t.string("hotline", 64).notNullable(); // the queue
    t.timestamp("at", { useTz: true }).notNullable();
    t.string("event", 32).notNullable(); // enter | answer | complete | abandon | overflow | closing | … (QueueEventKind)
    t.string("operator", 64);
    t.integer("position"); // the caller's place in the queue when the event happened (1 = next)
    t.double("wait_seconds"); // in the queue so far
    t.string("detail", 255); // e.g. who hung up ("caller" | "operator") on complete, the key pressed on leave
    t.index(["hotline", "at"]);
    t.index(["at"]);
  });
  await db.schema.createTable("operator_sessions", (t) => {
    t.string("id", 64).primary();
    t.string("operator", 64).notNullable();
    t.string("endpoint", 128);
    t.timestamp("logged_in_at", { useTz: true }).notNullable();
    t.timestamp("logged_out_at", { useTz: true });
    t.string("reason", 64); // why the session ended: logout | phone-unregistered | shutdown | …
    t.index(["operator", "logged_in_at"]);
    t.index(["logged_in_at"]);
  });
  await db.schema.createTable("operator_pauses", (t) => {
    t.string("id", 64).primary();
    t.string("operator", 64).notNullable();
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("ended_at", { useTz: true });
    t.string("reason", 32).notNullable(); // lunch | break | training | other | missed-calls
    t.boolean("planned").notNullable().defaultTo(false); // false: the ACD paused them (e.g. missed calls)
    t.index(["operator", "started_at"]);
    t.index(["started_at"]);
  });
  await db.schema.createTable("operator_states", (t) => {
    t.string("operator", 64).primary(); // one row per operator: the latest state wins
    t.string("state", 32).notNullable(); // logged-out | available | ringing | on-call | wrap-up | paused
    t.timestamp("since", { useTz: true }).notNullable();
    t.string("reason", 64);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    "operator_states",
    "operator_pauses",
    "operator_sessions",
    "queue_events",
    "operator_attempts",
  ]) {
    await db.schema.dropTable(table);
  }
}
