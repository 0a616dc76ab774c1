import type { Knex } from "knex";

/** `native` for a call Asterisk took on its own while no app was connected (null: the app's). */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.string("source", 16);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.dropColumn("source");
  });
}
