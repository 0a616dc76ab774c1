import type { Knex } from "knex";

/** What each call cost on its trunk, plus the indexes the weekly report filters calls by. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.double("cost"); // in `currency`, rounded to cents; 0 when never answered; null when the trunk is unknown
    t.string("currency", 3); // ISO 4217, the trunk's
    t.integer("billed_seconds"); // answer → end, rounded up to the trunk's billing increment
    t.index(["hotline", "started_at"]);
    t.index(["trunk", "started_at"]);
    t.index(["answered_by", "started_at"]);
  });
  if (isPostgres(db)) {
    // 001/002 said float, which is PostgreSQL's 4-byte real (6 digits): durations need double precision.
    await db.schema.alterTable("calls", (t) => {
      t.double("duration_seconds").alter();
      t.double("wait_seconds").alter();
    });
    await db.schema.alterTable("voicemails", (t) => {
      t.double("duration_seconds").alter();
    });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.dropIndex(["hotline", "started_at"]);
    t.dropIndex(["trunk", "started_at"]);
    t.dropIndex(["answered_by", "started_at"]);
    t.dropColumn("cost");
    t.dropColumn("currency");
    t.dropColumn("billed_seconds");
  });
}

function isPostgres(db: Knex): boolean {
  const client = db.client.config.client as unknown;
  return client === "pg" || client === "postgres" || client === "postgresql";
}
