import type { Knex } from "knex";

/** What each console user did, refused attempts included: who, when, from where, to what. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("audit_log", (t) => {
    t.string("id").primary();
    t.timestamp("at", { useTz: true }).notNullable().index();
    t.string("user"); // null for a sign-in with an unknown user name
    t.string("role");
    t.string("action").notNullable(); // login, logout, pause, transfer, override, monitor, …
    t.string("target"); // the operator, call, hotline or callback acted on
    t.text("detail"); // JSON
    t.string("address");
    t.string("result").notNullable(); // ok | refused | failed
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable("audit_log");
}
