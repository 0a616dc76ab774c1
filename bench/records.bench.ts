/**
 * Call-record insert throughput. Run: npx tsx bench/records.bench.ts [--rows N] [--path bulk|writer]
 * Inserts N complete calls (default 1,000,000) into a fresh SQLite file and prints rows/s:
 *   --path bulk   (default) bulkLoadCalls, the `hotline seed` path: big transactions, indexes rebuilt at the end;
 *                 target ≥ 50,000 rows/s;
 *   --path writer the app's batched writer: every row journalled (fsync per batch), indexes maintained; no target.
 * The rows are made while the database writes (as a seed or an import would); the time spent making
 * them and the process's CPU time are printed too.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bulkLoadCalls } from "../src/records/bulk.ts";
import { type CallImport, CallRecords } from "../src/records/call-records.ts";
import { openDatabase } from "../src/records/db.ts";
import { benchCall as call } from "./calls.ts";
import { result } from "./result.ts";

const TARGET = 50_000;
const CHUNK = 10_000;

const args = process.argv.slice(2);
const rowsArg = args.indexOf("--rows");
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
if (!Number.isInteger(rows) || rows <= 0) throw new Error("--rows takes a positive integer");
const pathArg = args.indexOf("--path");
const path = pathArg >= 0 ? args[pathArg + 1] : "bulk";
if (path !== "bulk" && path !== "writer") throw new Error("--path is bulk or writer");

const dir = mkdtempSync(join(tmpdir(), "hotline-bench-records-"));
const filename = join(dir, "bench.sqlite");
const db = await openDatabase({ client: "sqlite", filename });

let making = 0;
function* chunks(): Generator<CallImport[]> {
  for (let i = 0; i < rows; i += CHUNK) {
    const made = performance.now();
    const chunk: CallImport[] = [];
    for (let k = i; k < Math.min(rows, i + CHUNK); k++) chunk.push(call(k));
    making += performance.now() - made;
    yield chunk;
  }
}

const cpu = process.cpuUsage();
const start = performance.now();
if (path === "bulk") {
  await bulkLoadCalls(db, chunks());
} else {
  const records = new CallRecords(db, undefined, { journal: join(dir, "records.journal") });
  for (const chunk of chunks()) {
    records.importCalls(chunk);
    await records.below(4 * CHUNK); // bounded memory: the writer drains while we build the next chunk
  }
  await records.close();
}
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);

const [{ n }] = (await db("calls").count({ n: "*" })) as [{ n: number }];
if (Number(n) !== rows) throw new Error(`expected ${rows} rows, found ${n}`);
const size = statSync(filename).size / 1024 / 1024;
await db.destroy();
rmSync(dir, { recursive: true, force: true });

const rate = Math.round(rows / seconds);
const bulk = path === "bulk";
console.log(
  `records: ${rows.toLocaleString("en")} calls in ${seconds.toFixed(1)} s = ${rate.toLocaleString("en")} rows/s ` +
    `(${bulk ? "bulk load" : "batched writer, journalled"}, SQLite ${size.toFixed(0)} MB; ` +
    `${bulk ? `target ≥ ${TARGET.toLocaleString("en")}` : "no target"}); making the rows took ${(making / 1000).toFixed(1)} s, ` +
    `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`,
);
result({
  bench: `records ${bulk ? "bulk load" : "writer"} (${rows.toLocaleString("en")} calls, SQLite)`,
  value: rate,
  unit: "rows/s",
  ...(bulk ? { target: TARGET } : {}),
  bound: "min",
  digits: 0,
});
