import type { Knex } from "knex";

/**
 * What the ACD needs to pick up exactly where it was after a restart, beside the readable state:
 * the engine's own snapshot of the operator (idle since, calls today, pending pause, the call they
 * are on) and the open log-in session and pause, so they are continued, not duplicated.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("operator_states", (t) => {
    t.text("snapshot"); // JSON: the ACD engine's OperatorSnapshot
    t.string("session_id", 64); // the open operator_sessions row
    t.string("pause_id", 64); // the open operator_pauses row
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("operator_states", (t) => {
    t.dropColumn("snapshot");
    t.dropColumn("session_id");
    t.dropColumn("pause_id");
  });
}
