import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import { isPermanent, RecordWriter } from "../../../src/records/writer.ts";

describe("record writer: a write the database refuses for good", () => {
  let dir: string;
  let db: Knex;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-writer-"));
    db = await openDatabase({ client: "sqlite", filename: join(dir, "records.sqlite") });
  });
  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("is set aside in records.journal.rejected; the writes around it land, in order", async () => {
    const journal = join(dir, "records.journal");
    const writer = new RecordWriter(db, { journal, batchMs: 5 });
    const event = (id: string, hotline: string | null) => ({
      op: "insert" as const,
      table: "queue_events" as const,
      row: { id, hotline, at: "2026-11-20T09:00:00.000Z", event: "enter" },
    });
    writer.pushMany([event("a", "admissions"), event("bad", null), event("b", "admissions")]);
    await writer.close();
    expect(((await db("queue_events").orderBy("rowid")) as { id: string }[]).map((r) => r.id)).toEqual(["a", "b"]);
    const rejected = (await readFile(`${journal}.rejected`, "utf8")).trim().split("\n");
    expect(rejected).toHaveLength(1);
    expect(JSON.parse(rejected[0] as string)).toMatchObject({ o: { row: { id: "bad" } } });
    expect(await readFile(journal, "utf8")).toBe("");
  });

  it("tells outages (retry) from refusals (set aside)", () => {
    expect(isPermanent({ code: "SQLITE_BUSY" })).toBe(false);
    expect(isPermanent({ code: "SQLITE_READONLY" })).toBe(false);
    expect(isPermanent({ code: "SQLITE_CONSTRAINT" })).toBe(true);
    expect(isPermanent({ code: "55P03" })).toBe(false); // lock_not_available
    expect(isPermanent({ code: "57P01" })).toBe(false); // admin shutdown
    expect(isPermanent({ code: "ECONNREFUSED" })).toBe(false);
    expect(isPermanent({ code: "23505" })).toBe(true);
    expect(isPermanent(new Error("no code"))).toBe(false);
  });
});
