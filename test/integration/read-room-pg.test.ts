import { randomBytes } from "node:crypto";
import knex from "knex";
import { describe, expect, inject, it } from "vitest";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import { readRoomSuite } from "../unit/records/read-room-suite.ts";

/**
 * The room's reads on PostgreSQL (timestamps come back as Date there), in a schema of their own:
 * HOTLINE_TEST_PG, or the database the global setup prepared. Without one the file fails, as
 * records-pg.test.ts does, unless HOTLINE_SKIP_PG=1 says so.
 */
const url = process.env.HOTLINE_TEST_PG || inject("pgUrl");

if (!url) {
  if (process.env.HOTLINE_SKIP_PG === "1") {
    describe.skip("the room's reads on PostgreSQL — skipped: HOTLINE_SKIP_PG=1", () => {
      it("runs when HOTLINE_TEST_PG is set", () => {});
    });
  } else {
    describe("the room's reads on PostgreSQL", () => {
      it("needs HOTLINE_TEST_PG (or HOTLINE_SKIP_PG=1 to skip on purpose)", () => {
        expect.fail("HOTLINE_TEST_PG is not set: set it to a PostgreSQL URL (docs/records.md)");
      });
    });
  }
} else {
  const schemas = new Map<Knex, string>();
  const admin = () => knex({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
  readRoomSuite("PostgreSQL", {
    async open() {
      const schema = `hotline_room_${randomBytes(6).toString("hex")}`;
      const a = admin();
      await a.raw(`create schema "${schema}"`);
      await a.destroy();
      const options = encodeURIComponent(`-c search_path=${schema}`);
      const db = await openDatabase({
        client: "pg",
        connection: `${url}${url.includes("?") ? "&" : "?"}options=${options}`,
      });
      schemas.set(db, schema);
      return db;
    },
    async close(db) {
      const schema = schemas.get(db) as string;
      await db.destroy();
      const a = admin();
      await a.raw(`drop schema "${schema}" cascade`);
      await a.destroy();
    },
  });
}
