import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import knex from "knex";
import { describe, expect, inject, it } from "vitest";
import { analyzeWeek } from "../../src/analysis/analyze.ts";
import { loadWeek } from "../../src/analysis/load.ts";
import { seedWeek } from "../../src/analysis/seed/index.ts";
import { settingsFromConfig } from "../../src/analysis/settings.ts";
import { isoWeek } from "../../src/analysis/week.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createKnex, type Knex, openDatabase } from "../../src/records/db.ts";
import { outcomeMigrationSuite } from "../unit/records/outcome-migration-suite.ts";
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
  /** A database in a schema of its own: migrated to the latest schema, or empty (`migrated` false). */
  async function inSchema(migrated: boolean): Promise<Knex> {
    const schema = `hotline_test_${randomBytes(6).toString("hex")}`;
    const a = admin();
    await a.raw(`create schema "${schema}"`);
    await a.destroy();
    const options = encodeURIComponent(`-c search_path=${schema} -c lock_timeout=50`);
    const settings = { client: "pg", connection: `${url}${url.includes("?") ? "&" : "?"}options=${options}` } as const;
    const db = migrated ? await openDatabase(settings) : createKnex(settings);
    schemas.set(db, schema);
    return db;
  }
  const pg: Backend = {
    open: () => inSchema(true),
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

  describe("the weekly analysis on PostgreSQL", () => {
    it("gives exactly the numbers it gives on SQLite for the same seeded week", async () => {
      const loaded = await loadConfig(join(import.meta.dirname, "../../config/hotline.example.yaml"));
      if (!loaded.ok) throw new Error("example config");
      const config = loaded.config;
      const week = isoWeek("2026-W45", config.organization.timezone);
      const dir = await mkdtemp(join(tmpdir(), "hotline-pg-report-"));
      const sqlite = await openDatabase({ client: "sqlite", filename: join(dir, "records.sqlite") });
      const postgres = await pg.open();
      try {
        await seedWeek(sqlite, config, week, { seed: 7 });
        await seedWeek(postgres, config, week, { seed: 7 });
        const settings = settingsFromConfig(config);
        const onSqlite = analyzeWeek(await loadWeek(sqlite, week), settings);
        const onPostgres = analyzeWeek(await loadWeek(postgres, week), settings);
        expect(onPostgres.summary.received).toBeGreaterThan(500);
        expect(JSON.parse(JSON.stringify(onPostgres))).toEqual(JSON.parse(JSON.stringify(onSqlite)));
      } finally {
        await sqlite.destroy();
        await pg.close(postgres);
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });

  describe("record writer on PostgreSQL", () => {
    it("reads timestamps back as ISO strings and numbers as numbers", async () => {
      const db = await pg.open();
      try {
        const { CallRecords } = await import("../../src/records/call-records.ts");
        const records = new CallRecords(db);
        records.started({ id: "p1", startedAt: new Date("2026-11-20T09:00:00.250Z") });
        records.ended("p1", { endedAt: new Date("2026-11-20T09:01:05.750Z"), outcome: { kind: "completed" } });
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

  outcomeMigrationSuite(
    () => inSchema(false),
    (db) => pg.close(db),
  );
}
