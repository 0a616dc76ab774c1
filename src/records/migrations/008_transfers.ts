import type { Knex } from "knex";

/**
 * Each transfer an operator started: to whom, blind or attended, when the target answered and how it
 * ended. The call's own outcome says `transferred` only when the target took it; this table keeps the
 * attempts that came back too. `topic` and `hotline` are the call's, for the report's transfer table.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("transfers", (t) => {
    t.string("id", 64).primary();
    t.string("call_id", 64).notNullable().index();
    t.string("from_operator", 64).notNullable();
    t.string("target", 64).notNullable(); // a directory key, or a hotline
    t.string("target_kind", 16).notNullable(); // endpoint | number | queue
    t.string("kind", 16).notNullable(); // blind | attended
    t.string("hotline", 64);
    t.string("topic", 64);
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("answered_at", { useTz: true });
    t.timestamp("ended_at", { useTz: true });
    t.string("result", 16); // completed | no-answer | busy | rejected | cancelled | failed | returned; null while open
    t.string("cause", 64); // a Q.850 cause, or what went wrong
    t.index(["started_at"]);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable("transfers");
}
