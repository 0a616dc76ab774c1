import type { Knex } from "knex";

/** Which Asterisk node carried the call, when the app drives several (null on a single node). */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.string("node", 64);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.dropColumn("node");
  });
}
