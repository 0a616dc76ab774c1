/**
 * bulkLoadCalls sends SQLite its rows as JSON; what lands must be what multi-row VALUES with bound
 * parameters (the writer's applyOps, which the bulk path used before) stores: the same rows, rowids,
 * values and types, compared column by column between two databases.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { benchCall as call } from "../../../bench/calls.ts";
import { asJson, bulkLoadCalls } from "../../../src/records/bulk.ts";
import type { CallImport } from "../../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import { applyOps, type RecordOp, type Row } from "../../../src/records/ops.ts";

const t0 = Date.parse("2026-01-05T08:00:00Z");

let seed = 7;
function randomDouble(): number {
  const view = new DataView(new ArrayBuffer(8));
  for (;;) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    view.setUint32(0, seed);
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    view.setUint32(4, seed);
    const value = view.getFloat64(0);
    if (Number.isFinite(value)) return value;
  }
}

/** Values a binding and JSON could disagree on, in numeric, text and integer columns. */
function oddCall(i: number): CallImport {
  const base = call(100_000 + i) as unknown as Record<string, unknown>;
  const odd: Record<string, unknown> = {
    ...base,
    // 17 significant digits, which SQLite's decimal reading gets wrong now and then.
    duration_seconds: (i * 7919) / 13 + 0.000_000_123_456_789,
    // One SQLite reads from JSON as the next double up (…183), then random ones.
    wait_seconds: i % 10 === 0 ? 482932.4034508318 : randomDouble(),
    cost: -randomDouble(),
    hangup_cause: [3_000_000_000, -2_147_483_649, 2 ** 53, -0, 2_147_483_647][i % 5],
    did: [3e9, 0.1 + 0.2, 17, true, "tab\there"][i % 5],
    caller_name: ["ñandú €", "😀 pair", "a\u0000b", "quote\"'s", "\u2028", "back\\slash"][i % 6],
    survey_score: i % 3 === 0 ? false : i % 3,
  };
  if (i % 7 === 0) delete odd.campaign; // a column some rows lack
  return odd as unknown as CallImport;
}

async function oldWay(db: Knex, chunks: CallImport[][]): Promise<void> {
  for (const chunk of chunks) {
    await db.transaction((trx) =>
      applyOps(
        trx,
        chunk.map((row): RecordOp => ({ op: "insert", table: "calls", row: row as unknown as Row })),
      ),
    );
  }
}

describe("bulkLoadCalls on SQLite", () => {
  let dir: string;
  let reference: Knex;
  let loaded: Knex;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-bulk-"));
    reference = await openDatabase({ client: "sqlite", filename: join(dir, "before.sqlite") });
    loaded = await openDatabase({ client: "sqlite", filename: join(dir, "after.sqlite") });
  });
  afterEach(async () => {
    await reference.destroy();
    await loaded.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  /** Rows of `loaded` that differ from `reference` in any column's value or type, or in rowid. */
  async function differences(): Promise<unknown[]> {
    const columns = ((await reference.raw("select name from pragma_table_info('calls')")) as { name: string }[]).map(
      (c) => c.name,
    );
    await reference.raw("attach database ? as other", [join(dir, "after.sqlite")]);
    const same = columns.map((c) => `a."${c}" is b."${c}" and typeof(a."${c}") = typeof(b."${c}")`).join(" and ");
    const rows = (await reference.raw(
      `select a.id, b.id as other from calls a full join other.calls b on a.rowid = b.rowid where not (${same}) or a.id is null or b.id is null`,
    )) as unknown[];
    await reference.raw("detach database other");
    return rows;
  }

  it("stores what bound multi-row VALUES stored: 1,000 calls like the benchmark's", async () => {
    const chunks = [0, 1, 2, 3].map((k) => Array.from({ length: 250 }, (_, i) => call(k * 250 + i)));
    await oldWay(reference, chunks);
    expect(await bulkLoadCalls(loaded, chunks)).toBe(1000);
    expect(await differences()).toEqual([]);
    const [{ n }] = (await loaded("calls").count({ n: "*" })) as [{ n: number }];
    expect(Number(n)).toBe(1000);
  });

  it("and for doubles, big integers, booleans, odd text, a missing column and repeated ids", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => oddCall(i));
    const chunks = [rows.slice(0, 700), rows.slice(700, 1400), rows.slice(1400), rows.slice(100, 200)];
    await oldWay(reference, chunks);
    await bulkLoadCalls(loaded, chunks);
    expect(await differences()).toEqual([]);
  });

  it("takes the VALUES path for a chunk JSON cannot carry exactly, and the result is the same", async () => {
    const lone = { ...call(1), caller_name: "\ud800 alone" };
    const infinite = { ...call(2), wait_seconds: Number.POSITIVE_INFINITY };
    const date = { ...call(3), answered_at: new Date(t0) as unknown as string };
    for (const row of [lone, infinite, date]) expect(asJson([call(0), row])).toBeUndefined();
    expect(asJson([call(0), call(1)])).toBeDefined();
    const chunks = [[lone, call(4)], [infinite, date], [call(5)]];
    await oldWay(reference, chunks);
    await bulkLoadCalls(loaded, chunks);
    expect(await differences()).toEqual([]);
  });

  it("rebuilds the indexes it dropped and restores the connection's settings", async () => {
    const indexes = async (db: Knex) =>
      (await db.raw("select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls'")) as unknown[];
    const settings = async (db: Knex) =>
      Promise.all(
        ["synchronous", "cache_size", "temp_store", "journal_mode"].map(async (name) => db.raw(`PRAGMA ${name}`)),
      );
    const indexesBefore = await indexes(loaded);
    const settingsBefore = await settings(loaded);
    await bulkLoadCalls(loaded, [[call(1), call(2)]]);
    expect(await indexes(loaded)).toEqual(indexesBefore);
    expect(await settings(loaded)).toEqual(settingsBefore);
  });

  it("a failed chunk rolls back and still restores the indexes and settings", async () => {
    const names = "select name from sqlite_master where type = 'index' order by name";
    const indexesBefore = await loaded.raw(names);
    const broken = { ...call(2), started_at: null as unknown as string }; // NOT NULL
    await expect(bulkLoadCalls(loaded, [[call(1)], [broken]])).rejects.toThrow(/NOT NULL/);
    expect(await loaded.raw(names)).toEqual(indexesBefore);
    expect(await loaded.raw("PRAGMA synchronous")).toEqual([{ synchronous: 1 }]);
    expect(await loaded("calls").pluck("id")).toEqual([call(1).id]);
  });
});
