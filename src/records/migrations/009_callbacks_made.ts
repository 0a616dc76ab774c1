import type { Knex } from "knex";

/**
 * Callbacks the app makes itself: each request's state and place in line, and every attempt to
 * reach the caller (which operator, when it was answered, how it ended).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("callbacks", (t) => {
    t.string("status", 16).notNullable().defaultTo("pending"); // pending | dialing | reached | failed | given-up | done
    t.integer("attempts").notNullable().defaultTo(0);
    t.timestamp("next_attempt_at", { useTz: true });
    t.timestamp("place_at", { useTz: true }); // the caller's place: their queue arrival, else the request
    t.string("operator", 64);
    t.timestamp("reached_at", { useTz: true });
    t.timestamp("given_up_at", { useTz: true });
    t.index(["status", "place_at"]);
  });
  // Requests before this version: their place is their request; those marked done by hand stay done.
  await db("callbacks").update({ place_at: db.ref("requested_at") });
  await db("callbacks").whereNotNull("done_at").update({ status: "done" });
  await db.schema.createTable("callback_attempts", (t) => {
    t.string("id", 64).primary();
    t.string("callback_id", 64).notNullable().index();
    t.string("operator", 64);
    t.string("number", 64);
    t.string("trunk", 64);
    t.timestamp("started_at", { useTz: true }).notNullable();
    t.timestamp("answered_at", { useTz: true });
    t.timestamp("ended_at", { useTz: true });
    t.string("result", 32); // reached | no-answer | busy | failed | operator-missed | interrupted
    t.integer("cause"); // Q.850
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable("callback_attempts");
  await db.schema.alterTable("callbacks", (t) => {
    t.dropIndex(["status", "place_at"]);
    for (const c of ["status", "attempts", "next_attempt_at", "place_at", "operator", "reached_at", "given_up_at"])
      t.dropColumn(c);
  });
}
