import type { Knex } from "knex";

/** What the caller's journey adds to a call, and the messages and callback requests it leaves. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.string("topic", 64);
    t.string("menu_path", 64); // keys pressed through the menu, e.g. "2" or "3>1"
    t.timestamp("queue_entered_at", { useTz: true });
    t.timestamp("queue_left_at", { useTz: true });
    t.float("wait_seconds"); // in queue, until answered, abandoned or overflowed
    t.string("answered_by", 64); // operator
    t.timestamp("operator_answered_at", { useTz: true });
    t.integer("survey_score");
    t.string("outcome_detail", 255); // e.g. "overflowed to +34911000000", "trunk main at its 30-channel limit"
    t.string("schedule_rule", 255); // the rule that found the hotline closed
  });
  await db.schema.createTable("voicemails", (t) => {
    t.string("id", 64).primary();
    t.string("call_id", 64).notNullable().index();
    t.string("hotline", 64);
    t.string("language", 8);
    t.string("caller_number", 64);
    t.string("topic", 64);
    t.string("reason", 32); // closed | overflow | closing
    t.string("recording", 128).notNullable(); // Asterisk stored-recording name
    t.float("duration_seconds");
    t.timestamp("created_at", { useTz: true }).notNullable().index();
    t.timestamp("heard_at", { useTz: true });
  });
  await db.schema.createTable("callbacks", (t) => {
    t.string("id", 64).primary();
    t.string("call_id", 64).notNullable().index();
    t.string("hotline", 64);
    t.string("language", 8);
    t.string("topic", 64);
    t.string("number", 64).notNullable();
    t.string("reason", 32); // closed | overflow | closing
    t.timestamp("requested_at", { useTz: true }).notNullable().index();
    t.timestamp("done_at", { useTz: true });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable("callbacks");
  await db.schema.dropTable("voicemails");
  await db.schema.alterTable("calls", (t) => {
    for (const c of [
      "topic",
      "menu_path",
      "queue_entered_at",
      "queue_left_at",
      "wait_seconds",
      "answered_by",
      "operator_answered_at",
      "survey_score",
      "outcome_detail",
      "schedule_rule",
    ]) {
      t.dropColumn(c);
    }
  });
}
