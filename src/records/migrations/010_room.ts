import type { Knex } from "knex";

/**
 * The supervisors' room: each monitoring session (listen, whisper, barge), each conversation
 * recording with its file and when it may be deleted, and the outcome an operator gave a call.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("monitor_sessions", (t) => {
    t.string("id").primary();
    t.string("call_id").notNullable().index();
    t.string("operator").notNullable();
    t.string("supervisor").notNullable();
    t.string("mode").notNullable();
    t.string("endpoint");
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("ended_at", { useTz: true });
    t.string("end_reason");
  });
  await db.schema.createTable("recordings", (t) => {
    t.string("id").primary();
    t.string("call_id").notNullable().index();
    t.string("operator");
    t.string("topic");
    t.string("path");
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("ended_at", { useTz: true });
    t.bigInteger("bytes");
    t.timestamp("purge_after", { useTz: true }).index();
    t.timestamp("purged_at", { useTz: true });
  });
  await db.schema.alterTable("calls", (t) => {
    t.string("disposition");
    t.string("disposition_by");
    t.timestamp("disposition_at", { useTz: true });
    t.text("notes");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.dropColumn("disposition");
    t.dropColumn("disposition_by");
    t.dropColumn("disposition_at");
    t.dropColumn("notes");
  });
  await db.schema.dropTable("recordings");
  await db.schema.dropTable("monitor_sessions");
}
