import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallRecords, type CallRow } from "../../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";

describe("call records in SQLite", () => {
  let dir: string;
  let db: Knex;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-records-"));
    db = await openDatabase({ client: "sqlite", filename: join(dir, "nested", "calls.sqlite") });
  });
  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the schema by migration, in WAL mode, and migrating again is a no-op", async () => {
    const mode = (await db.raw("PRAGMA journal_mode")) as { journal_mode: string }[];
    expect(mode[0]?.journal_mode).toBe("wal");
    expect(await db.schema.hasTable("calls")).toBe(true);
    const [, pending] = (await db.migrate.list({
      migrationSource: (await import("../../../src/records/migrations/index.ts")).migrationSource,
    })) as [unknown[], unknown[]];
    expect(pending).toEqual([]);
  });

  it("writes start, answer and end in order, with the duration from start to end", async () => {
    const records = new CallRecords(db);
    const t0 = new Date("2026-11-20T09:00:00.000Z");
    records.started({
      id: "c1",
      did: "+34910000001",
      trunk: "main",
      callerNumber: "600",
      startedAt: t0,
      language: "en",
    });
    records.answered("c1", new Date(t0.getTime() + 1200));
    records.ended("c1", {
      endedAt: new Date(t0.getTime() + 65_500),
      outcome: { kind: "completed" },
      hangupCause: 16,
      hangupCauseText: "Normal Clearing",
    });
    // A duplicate start (a resync adopting a call we already know) does not overwrite the first.
    records.started({ id: "c1", did: "other", startedAt: new Date() });
    await records.flush();
    const row = (await db<CallRow>("calls").where({ id: "c1" }).first()) as CallRow;
    expect(row).toMatchObject({
      did: "+34910000001",
      trunk: "main",
      caller_number: "600",
      started_at: "2026-11-20T09:00:00.000Z",
      answered_at: "2026-11-20T09:00:01.200Z",
      ended_at: "2026-11-20T09:01:05.500Z",
      duration_seconds: 65.5,
      outcome: "completed",
      hangup_cause: 16,
    });
  });

  it("keeps the first end of a call (a late duplicate end event changes nothing)", async () => {
    const records = new CallRecords(db);
    const t0 = new Date("2026-11-20T09:00:00.000Z");
    records.started({ id: "c2", startedAt: t0 });
    records.ended("c2", { endedAt: new Date(t0.getTime() + 1000), outcome: { kind: "caller-hangup" } });
    records.ended("c2", { endedAt: new Date(t0.getTime() + 5000), outcome: { kind: "lost" } });
    await records.flush();
    const row = (await db<CallRow>("calls").where({ id: "c2" }).first()) as CallRow;
    expect(row.outcome).toBe("caller-hangup");
    expect(row.duration_seconds).toBe(1);
  });
});
