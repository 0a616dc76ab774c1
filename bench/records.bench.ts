/**
 * Call-record insert throughput. Run: npx tsx bench/records.bench.ts [--rows N] [--path bulk|writer]
 * Inserts N complete calls (default 1,000,000) into a fresh SQLite file and prints rows/s against the
 * 50,000 rows/s target:
 *   --path bulk   (default) bulkLoadCalls, the `hotline seed` path: big transactions, indexes rebuilt at the end;
 *   --path writer the app's batched writer: every row journalled (fsync per batch), indexes maintained.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bulkLoadCalls } from "../src/records/bulk.ts";
import { type CallImport, CallRecords } from "../src/records/call-records.ts";
import { openDatabase } from "../src/records/db.ts";
import { type CallOutcome, outcomeColumns } from "../src/records/outcome.ts";

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

const hotlines = ["admissions", "students", "it-help"];
const outcomes: CallOutcome[] = [
  { kind: "completed" },
  { kind: "caller-hangup" },
  { kind: "voicemail", context: "closed" },
  { kind: "callback", context: "closed" },
  { kind: "closed", context: "closed" },
];
const t0 = Date.parse("2026-01-05T08:00:00Z");
function call(i: number): CallImport {
  const started = t0 + i * 7_000;
  const answered = i % 10 === 0 ? null : started + 1_200;
  const ended = started + 30_000 + (i % 600) * 1000;
  return {
    id: `${Math.floor(started / 1000)}.${i}`, // like Asterisk's channel ids
    did: `+3491000000${i % 3}`,
    hotline: hotlines[i % 3] as string,
    campaign: i % 4 === 0 ? "newspaper" : null,
    trunk: "main-trunk",
    caller_number: `+346${String(10_000_000 + (i % 9_000_000)).padStart(8, "0")}`,
    language: i % 2 ? "en" : "es",
    started_at: new Date(started).toISOString(),
    answered_at: answered ? new Date(answered).toISOString() : null,
    ended_at: new Date(ended).toISOString(),
    duration_seconds: (ended - started) / 1000,
    ...outcomeColumns(outcomes[i % outcomes.length] as CallOutcome),
    hangup_cause: 16,
    topic: "fees",
    wait_seconds: (i % 90) + 0.5,
    cost: answered ? 0.12 : 0,
    currency: "EUR",
    billed_seconds: answered ? 60 * Math.ceil((ended - answered) / 60_000) : 0,
  };
}

function* chunks(): Generator<CallImport[]> {
  for (let i = 0; i < rows; i += CHUNK) {
    const chunk: CallImport[] = [];
    for (let k = i; k < Math.min(rows, i + CHUNK); k++) chunk.push(call(k));
    yield chunk;
  }
}

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

const [{ n }] = (await db("calls").count({ n: "*" })) as [{ n: number }];
if (Number(n) !== rows) throw new Error(`expected ${rows} rows, found ${n}`);
const size = statSync(filename).size / 1024 / 1024;
await db.destroy();
rmSync(dir, { recursive: true, force: true });

const rate = Math.round(rows / seconds);
console.log(
  `records: ${rows.toLocaleString("en")} calls in ${seconds.toFixed(1)} s = ${rate.toLocaleString("en")} rows/s ` +
    `(${path === "bulk" ? "bulk load" : "batched writer, journalled"}, SQLite ${size.toFixed(0)} MB; target ≥ ${TARGET.toLocaleString("en")}) ` +
    `${rate >= TARGET ? "PASS" : "FAIL"}`,
);
if (rate < TARGET) process.exitCode = 1;
