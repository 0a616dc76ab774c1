import { randomBytes } from "node:crypto";
import knex from "knex";
import { describe, expect, inject, it } from "vitest";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import { type Backend, recordWriterSuite } from "../unit/records/writer-suite.ts";

/**
 * The record-writer suite on PostgreSQL, in a database the tests may create schemas in:
 * HOTLINE_TEST_PG, or the one the global setup prepared (scripts/test-postgres.sh; docs/records.md).
 * Without one the file FAILS — PostgreSQL support is not optional — unless HOTLINE_SKIP_PG=1 says so.
 */
const url = process.env.HOTLINE_TEST_PG || inject("pgUrl");
const skip = process.env.HOTLINE_SKIP_PG === "1";

if (!url) {
  if (skip) {
    describe.skip("record writer on PostgreSQL — skipped: HOTLINE_SKIP_PG=1 and no HOTLINE_TEST_PG", () => {
      it("runs when HOTLINE_TEST_PG is set", () => {});
    });
  } else {
    describe("record writer on PostgreSQL", () => {
      it("needs HOTLINE_TEST_PG (or HOTLINE_SKIP_PG=1 to skip on purpose)", () => {
        expect.fail(
          "HOTLINE_TEST_PG is not set: set it to a PostgreSQL URL (docs/records.md), or HOTLINE_SKIP_PG=1 to skip",
        );
      });
    });
  }
} else {
  // Each database gets its own schema (search_path), dropped afterwards: runs never see each other.
  const schemas = new Map<Knex, string>();
  const admin = () => knex({ client: "pg", connection: url, pool: { min: 0, max: 2 } });
  const pg: Backend = {
    async open() {
      const schema = `hotline_test_${randomBytes(6).toString("hex")}`;
      const a = admin();
      await a.raw(`create schema "${schema}"`);
      await a.destroy();
      const options = encodeURIComponent(`-c search_path=${schema} -c lock_timeout=50`);
      const db = await openDatabase({
        client: "pg",
        connection: `${url}${url.includes("?") ? "&" : "?"}options=${options}`,
      });
      schemas.set(db, schema);
      return db;
    },
    async blockWrites(db) {
      const other = knex({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
      const trx = await other.transaction();
      const schema = schemas.get(db) as string;
      const tables = [
        "calls",
        "queue_events",
        "operator_attempts",
        "operator_sessions",
        "operator_pauses",
        "operator_states",
      ];
      await trx.raw(`lock table ${tables.map((t) => `"${schema}"."${t}"`).join(", ")} in access exclusive mode`);
      return async () => {
        await trx.commit();
        await other.destroy();
      };
    },
    async insertionOrder(db, table) {
      // A table that is only ever inserted into keeps its rows in heap order.
      return ((await db(table).select("id").orderByRaw("ctid")) as { id: string }[]).map((r) => r.id);
    },
    async close(db) {
      const schema = schemas.get(db) as string;
      await db.destroy();
      const a = admin();
      await a.raw(`drop schema "${schema}" cascade`);
      await a.destroy();
    },
  };

  describe("record writer on PostgreSQL", () => {
    it("reads timestamps back as ISO strings and numbers as numbers", async () => {
      const db = await pg.open();
      try {
        const { CallRecords } = await import("../../src/records/call-records.ts");
        const records = new CallRecords(db);
        records.started({ id: "p1", startedAt: new Date("2026-11-20T09:00:00.250Z") });
        records.ended("p1", { endedAt: new Date("2026-11-20T09:01:05.750Z"), outcome: "completed" });
        await records.flush();
        expect(await records.get("p1")).toMatchObject({
          started_at: "2026-11-20T09:00:00.250Z",
          ended_at: "2026-11-20T09:01:05.750Z",
          duration_seconds: 65.5,
        });
      } finally {
        await pg.close(db);
      }
    });
    recordWriterSuite(pg);
  });
}
