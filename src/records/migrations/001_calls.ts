import type { Knex } from "knex";

/** One row per call that reached the hotline: who called which number over which trunk, and how it ended. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("calls", (t) => {
    t.string("id", 64).primary(); // our call id: the caller's channel id in Asterisk
    t.string("did", 64); // the number dialled
    t.string("hotline", 64);
    t.string("campaign", 64);
    t.string("trunk", 64);
    t.string("caller_number", 64);
    t.string("caller_name", 128);
    t.string("language", 8);
    t.timestamp("started_at", { useTz: true }).notNullable(); // ISO 8601, UTC
    t.timestamp("answered_at", { useTz: true });
    t.timestamp("ended_at", { useTz: true });
    t.float("duration_seconds"); // started → ended
    t.string("outcome", 32); // completed | caller-hangup | error | lost …
    t.integer("hangup_cause"); // Q.850 cause code
    t.string("hangup_cause_text", 64);
    t.string("asterisk_id", 64); // which Asterisk (for multi-PBX sites)
    t.index(["started_at"]);
    t.index(["did", "started_at"]);
    t.index(["caller_number", "started_at"]);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable("calls");
}
