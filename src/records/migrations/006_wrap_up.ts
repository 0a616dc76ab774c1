import type { Knex } from "knex";

/** When the operator's wrap-up after an answered call ended (null: no wrap-up): AHT counts it. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("operator_attempts", (t) => {
    t.timestamp("wrapup_ended_at", { useTz: true });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("operator_attempts", (t) => {
    t.dropColumn("wrapup_ended_at");
  });
}
