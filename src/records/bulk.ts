import type { Knex } from "knex";
import type { CallImport } from "./call-records.ts";
import { applyOps, type Row } from "./ops.ts";

/**
 * Load many complete calls at once (`hotline seed`, migrations from another system, the benchmark):
 * large transactions, no journal — the source is still there if it fails, run it again (inserts are
 * keyed and ignore rows that exist). Into an EMPTY SQLite calls table the secondary indexes are dropped
 * first and rebuilt at the end, which is several times faster than maintaining them row by row; a table
 * that already has rows keeps its indexes, since readers may be using them.
 */
export async function bulkLoadCalls(
  db: Knex,
  chunks: AsyncIterable<readonly CallImport[]> | Iterable<readonly CallImport[]>,
): Promise<number> {
  const deferred = await deferIndexes(db);
  let count = 0;
  const iterator =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<readonly CallImport[]>)[Symbol.iterator]();
  try {
    let next = await iterator.next();
    while (!next.done) {
      const chunk = next.value;
      const write = db.transaction((trx) =>
        applyOps(
          trx,
          chunk.map((row) => ({ op: "insert", table: "calls", row: row as unknown as Row })),
        ),
      );
      write.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      next = await iterator.next(); // the next chunk is produced while the database writes this one
      await write;
      count += chunk.length;
    }
  } finally {
    for (const index of deferred) await db.raw(index.sql);
  }
  return count;
}

async function deferIndexes(db: Knex): Promise<{ name: string; sql: string }[]> {
  const client = db.client.config.client as unknown;
  if (client !== "sqlite3" && client !== "better-sqlite3") return [];
  if (await db("calls").first("id")) return [];
  // Indexes with SQL are ours (the primary key's automatic index has none and stays).
  const indexes = (await db.raw(
    "select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null",
  )) as { name: string; sql: string }[];
  for (const index of indexes) await db.raw(`drop index "${index.name.replaceAll('"', '""')}"`);
  return indexes;
}
