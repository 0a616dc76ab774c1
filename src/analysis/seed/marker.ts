import type { Knex } from "knex";

/**
 * Weeks filled by `hotline seed` are listed here, so every report of such a week says its data is
 * synthetic. Created by the seed itself: the records migrations stay about real calls.
 */
export const SYNTHETIC_TABLE = "synthetic_weeks";

export async function markSynthetic(db: Knex, week: string, at: Date): Promise<void> {
  if (!(await db.schema.hasTable(SYNTHETIC_TABLE))) {
    await db.schema.createTable(SYNTHETIC_TABLE, (t) => {
      t.string("week", 10).primary();
      t.timestamp("seeded_at", { useTz: true }).notNullable();
    });
  }
  await db(SYNTHETIC_TABLE).insert({ week, seeded_at: at.toISOString() }).onConflict("week").merge();
}
