import type { Knex } from "knex";
import type { CallImport } from "./call-records.ts";
import { applyOps, type RecordOp, type Row } from "./ops.ts";

/**
 * Load many complete calls at once (`hotline seed`, migrations from another system, the benchmark):
 * large transactions, no journal — the source is still there if it fails, run it again (inserts are
 * keyed and ignore rows that exist). Into an EMPTY SQLite calls table the secondary indexes are dropped
 * first and rebuilt at the end, which is several times faster than maintaining them row by row; a table
 * that already has rows keeps its indexes, since readers may be using them.
 *
 * On SQLite each chunk goes in as JSON that SQLite unpacks itself (`jsonb_each`): binding a value
 * through node-sqlite3 costs about a microsecond on the event loop, twenty-odd per row, while one
 * JSON string is serialised natively and parsed on the database's thread. Values JSON cannot carry
 * exactly as a binding would store them send their chunk the old way (multi-row VALUES).
 * During the load, writes are not synced (synchronous OFF) and the page cache is large; both are
 * restored at the end, and a checkpoint then makes the load durable before this resolves.
 */
export async function bulkLoadCalls(
  db: Knex,
  chunks: AsyncIterable<readonly CallImport[]> | Iterable<readonly CallImport[]>,
): Promise<number> {
  const sqlite = isSqlite(db);
  const json = sqlite && (await unpacksJson(db));
  const deferred = sqlite ? await deferIndexes(db) : [];
  const restore = sqlite ? await loadSettings(db) : [];
  const iterator =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<readonly CallImport[]>)[Symbol.iterator]();
  try {
    return json ? await loadAsJson(db, iterator) : await loadAsOps(db, iterator);
  } finally {
    for (const index of deferred) await db.raw(index.sql);
    for (const sql of restore) await db.raw(sql);
    if (sqlite) await db.raw("PRAGMA wal_checkpoint(PASSIVE)");
  }
}

type Chunks = Iterator<readonly CallImport[]> | AsyncIterator<readonly CallImport[]>;

async function loadAsOps(db: Knex, iterator: Chunks): Promise<number> {
  let count = 0;
  let next = await iterator.next();
  while (!next.done) {
    const chunk = next.value;
    const write = db.transaction((trx) => insertOps(trx, chunk));
    write.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
    next = await iterator.next(); // the next chunk is produced while the database writes this one
    await write;
    count += chunk.length;
  }
  return count;
}

function insertOps(trx: Knex.Transaction, chunk: readonly CallImport[]): Promise<void> {
  return applyOps(
    trx,
    chunk.map((row): RecordOp => ({ op: "insert", table: "calls", row: row as unknown as Row })),
  );
}

/** The part of node-sqlite3's Database this uses. */
interface Connection {
  run(sql: string, params: unknown[], done: (err: Error | null) => void): void;
  serialize(): void;
  parallelize(): void;
}

/** Rows per statement: the JSON text of one stays a few megabytes whatever the caller's chunk size. */
const ROWS_PER_JSON = 5_000;

/**
 * On knex's own connection (the pool has one), so the statements reach SQLite's thread as soon as a
 * chunk is encoded, before the next chunk is made: through knex they would wait for the event loop,
 * which a synchronous source keeps busy while it makes that chunk.
 */
async function loadAsJson(db: Knex, iterator: Chunks): Promise<number> {
  let connection = (await db.client.acquireConnection()) as Connection;
  connection.serialize(); // one statement after another, in the order given
  let count = 0;
  let write: Promise<void> | undefined;
  try {
    let next = await iterator.next();
    while (!next.done) {
      const chunk = next.value;
      const statements = encode(chunk);
      if (!statements) {
        // A value JSON cannot carry: this chunk goes through knex, as the writer writes.
        connection.parallelize();
        await db.client.releaseConnection(connection);
        await db.transaction((trx) => insertOps(trx, chunk));
        connection = (await db.client.acquireConnection()) as Connection;
        connection.serialize();
        next = await iterator.next();
      } else {
        write = transaction(connection, statements);
        write.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
        next = await iterator.next(); // the next chunk is made while SQLite inserts this one
        await write;
      }
      count += chunk.length;
    }
  } finally {
    await write?.catch(() => {}); // a source that failed meanwhile: the transaction ends before the rest
    connection.parallelize();
    await db.client.releaseConnection(connection);
  }
  return count;
}

type Statement = { readonly sql: string; readonly json: string };

/** The chunk as JSON statements; undefined when a value cannot go as JSON. */
function encode(chunk: readonly CallImport[]): Statement[] | undefined {
  const statements: Statement[] = [];
  for (let start = 0; start < chunk.length; start += ROWS_PER_JSON) {
    const encoded = asJson(chunk.length <= ROWS_PER_JSON ? chunk : chunk.slice(start, start + ROWS_PER_JSON));
    if (!encoded) return undefined;
    statements.push(encoded);
  }
  return statements;
}

/** The statements in one transaction, queued at once; on a failure it rolls back, later ones with it. */
function transaction(connection: Connection, statements: readonly Statement[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    const noting = (then?: () => void) => (err: Error | null) => {
      failure ??= err;
      then?.();
    };
    const end = () => {
      if (failure) connection.run("ROLLBACK", [], () => reject(failure));
      else
        connection.run(
          "COMMIT",
          [],
          noting(() => (failure ? reject(failure) : resolve())),
        );
    };
    connection.run("BEGIN", [], noting());
    for (let k = 0; k < statements.length; k++) {
      const { sql, json } = statements[k] as Statement;
      connection.run(sql, [json], noting(k === statements.length - 1 ? end : undefined));
    }
    if (statements.length === 0) connection.run("SELECT 1", [], noting(end));
  });
}

/**
 * The rows as one JSON array of arrays and the INSERT that unpacks it, with the columns in the order
 * they first appear (a row without one of them inserts null, as multi-row VALUES did); undefined
 * when a value would not be stored as binding it stores it.
 *
 * A number that is not a 32-bit integer is bound as a REAL, and SQLite's reading of a decimal is
 * not always the nearest double (about one in 25,000 random doubles is one unit off). So such a
 * number goes as its exact parts, mantissa × 2^exponent (integers, which JSON carries exactly), in
 * two slots after the row's columns, and SQLite multiplies them back: the same double, bit for bit.
 */
export function asJson(rows: readonly CallImport[]): { sql: string; json: string } | undefined {
  const columns: string[] = [];
  const position = new Map<string, number>();
  const tuples: unknown[][] = new Array(rows.length);
  const reals = new Set<number>(); // columns that have a number bound as a REAL
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown as Record<string, unknown>;
    const keys = Object.keys(row);
    let tuple: unknown[];
    if (sameKeys(keys, columns)) tuple = Object.values(row);
    else {
      tuple = [];
      for (const key of keys) {
        let at = position.get(key);
        if (at === undefined) {
          at = columns.length;
          position.set(key, at);
          columns.push(key);
        }
        tuple[at] = row[key];
      }
    }
    for (let k = 0; k < tuple.length; k++) {
      const value = tuple[k];
      switch (typeof value) {
        case "string":
        case "boolean":
        case "undefined":
          break;
        case "number":
          if (isInt32(value)) break;
          if (!splits(value)) return undefined;
          reals.add(k);
          break;
        default:
          if (value !== null) return undefined; // a Date, an object: bound as node-sqlite3 binds them
      }
    }
    tuples[r] = tuple;
  }
  const realColumns = [...reals];
  const slot = (j: number) => columns.length + 2 * j; // mantissa; the exponent follows
  if (realColumns.length > 0) {
    for (const tuple of tuples) {
      realColumns.forEach((k, j) => {
        const value = tuple[k];
        if (typeof value !== "number" || isInt32(value)) return;
        const [mantissa, exponent] = split(value);
        tuple[k] = null;
        tuple[slot(j)] = mantissa;
        tuple[slot(j) + 1] = exponent;
      });
    }
  }
  // Holes and undefined become null, as `?? null` bound them.
  const json = JSON.stringify(tuples);
  // A lone surrogate: node-sqlite3 would store U+FFFD, SQLite's JSON reader something else.
  if (LONE_SURROGATE.test(json)) return undefined;
  const names = columns.map(quote).join(", ");
  const values = columns
    .map((_, k) => {
      const j = realColumns.indexOf(k);
      if (j < 0) return `value ->> ${k}`;
      return `coalesce((value ->> ${slot(j)}) * pow(2, value ->> ${slot(j) + 1}), value ->> ${k})`;
    })
    .join(", ");
  // "where true": an INSERT … SELECT with ON CONFLICT needs it to parse.
  return {
    sql: `insert into "calls" (${names}) select ${values} from jsonb_each(?) where true on conflict ("id") do nothing`,
    json,
  };
}

function sameKeys(keys: readonly string[], columns: readonly string[]): boolean {
  if (keys.length !== columns.length) return false;
  for (let k = 0; k < keys.length; k++) if (keys[k] !== columns[k]) return false;
  return true;
}

/** node-sqlite3 binds such a number as an INTEGER, any other as a REAL. */
function isInt32(value: number): boolean {
  return (value | 0) === value;
}

const bits = new DataView(new ArrayBuffer(8));

/** A normal finite double: one that `split` takes apart (not Infinity, NaN or a subnormal). */
function splits(value: number): boolean {
  bits.setFloat64(0, value);
  const exponent = (bits.getUint32(0) >>> 20) & 0x7ff;
  return exponent !== 0 && exponent !== 0x7ff;
}

/** mantissa × 2^exponent === value exactly, the mantissa an integer below 2^53. */
function split(value: number): [mantissa: number, exponent: number] {
  bits.setFloat64(0, value);
  const high = bits.getUint32(0);
  const mantissa = (high & 0xfffff) * 2 ** 32 + bits.getUint32(4) + 2 ** 52;
  return [high >>> 31 ? -mantissa : mantissa, ((high >>> 20) & 0x7ff) - 1075];
}

// JSON.stringify writes a lone surrogate as \udXXX (lowercase); a pair stays as it is. An escaped
// backslash before "ud8…" matches too, which only sends that chunk the slow way.
const LONE_SURROGATE = /\\ud[89a-f]/;

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function isSqlite(db: Knex): boolean {
  const client = db.client.config.client as unknown;
  return client === "sqlite3" || client === "better-sqlite3";
}

/** jsonb_each (SQLite 3.45) and pow (math functions); an older or other library takes the VALUES path. */
async function unpacksJson(db: Knex): Promise<boolean> {
  try {
    await db.raw("select pow(2, value ->> 0) from jsonb_each('[1]')");
    return true;
  } catch {
    return false;
  }
}

/** Settings for the load; returns the statements that put the previous ones back. */
async function loadSettings(db: Knex): Promise<string[]> {
  const read = async (name: string) => {
    const [row] = (await db.raw(`PRAGMA ${name}`)) as Record<string, number>[];
    return Number(row?.[name]);
  };
  const restore: string[] = [];
  const settings: [name: string, value: number][] = [
    ["synchronous", 0], // OFF: an app crash loses nothing; a power cut may, and the load is run again
    ["cache_size", -262_144], // 256 MiB: the tables and indexes being built stay in memory
    ["temp_store", 2], // MEMORY: the sorts of the index rebuild
    ["wal_autocheckpoint", 16_384], // 64 MiB of WAL between checkpoints: a hot page is copied back once, not per chunk
  ];
  for (const [name, value] of settings) {
    const before = await read(name);
    if (!Number.isFinite(before)) continue;
    restore.push(`PRAGMA ${name} = ${before}`);
    await db.raw(`PRAGMA ${name} = ${value}`);
  }
  return restore;
}

async function deferIndexes(db: Knex): Promise<{ name: string; sql: string }[]> {
  if (await db("calls").first("id")) return [];
  // Indexes with SQL are ours (the primary key's automatic index has none and stays).
  const indexes = (await db.raw(
    "select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null",
  )) as { name: string; sql: string }[];
  for (const index of indexes) await db.raw(`drop index "${index.name.replaceAll('"', '""')}"`);
  return indexes;
}
