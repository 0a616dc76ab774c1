/**
 * Time to make one weekly report out of a large records database. Run: npx tsx bench/report.bench.ts
 * Fills a temporary SQLite file with 1,000,000 calls (a synthetic week of the example configuration,
 * repeated back in time), then times `hotline report`'s work for the newest week: load, analyse,
 * render HTML (charts), JSON, XLSX and Markdown.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateWeek } from "../src/analysis/seed/generate.ts";
import { callRow, insertRows, insertSynthetic } from "../src/analysis/seed/insert.ts";
import { seedPlan } from "../src/analysis/seed/plan.ts";
import { isoWeek } from "../src/analysis/week.ts";
import { generateReport } from "../src/analysis/write.ts";
import { loadConfig } from "../src/config/index.ts";
import { openDatabase } from "../src/records/db.ts";
import { result } from "./result.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TARGET_S = 3;
const WEEK_MS = 7 * 86_400_000;

const loaded = await loadConfig(resolve(import.meta.dirname, "../config/hotline.example.yaml"));
if (!loaded.ok) throw new Error("the example configuration does not load");
const config = loaded.config;
const week = isoWeek("2026-W47", config.organization.timezone);
const dir = await mkdtemp(join(tmpdir(), "hotline-bench-"));
const db = await openDatabase({ client: "sqlite", filename: join(dir, "records.sqlite") });

try {
  const fillStart = performance.now();
  const sample = generateWeek(seedPlan(config), week);
  // The newest week with its operators' sessions and pauses; older weeks are copies shifted back.
  await insertSynthetic(db, `syn-${week.label}-`, sample);
  const columns = Object.keys(await db("calls").columnInfo());
  let rows = sample.calls.length;
  await db.transaction(async (trx) => {
    for (let k = 1; rows < ROWS; k++) {
      const shift = k * WEEK_MS;
      const batch = sample.calls.slice(0, Math.min(sample.calls.length, ROWS - rows)).map((c) => {
        const row = callRow({
          ...c,
          id: `old-${k}-${c.id}`,
          startedAt: c.startedAt - shift,
          answeredAt: c.answeredAt === null ? null : c.answeredAt - shift,
          endedAt: c.endedAt === null ? null : c.endedAt - shift,
          queueEnteredAt: c.queueEnteredAt === null ? null : c.queueEnteredAt - shift,
          queueLeftAt: c.queueLeftAt === null ? null : c.queueLeftAt - shift,
          operatorAnsweredAt: c.operatorAnsweredAt === null ? null : c.operatorAnsweredAt - shift,
        });
        return Object.fromEntries(Object.entries(row).filter(([key]) => columns.includes(key)));
      });
      await insertRows(trx, "calls", batch);
      rows += batch.length;
    }
  });
  const fillSeconds = (performance.now() - fillStart) / 1000;
  const [{ n }] = (await db("calls").count({ n: "*" })) as [{ n: number }];

  const start = performance.now();
  const { report } = await generateReport(db, config, week, join(dir, "out"));
  const seconds = (performance.now() - start) / 1000;

  process.stdout.write(
    `report: one week (${report.analysis.summary.received.toLocaleString("en-GB")} calls) out of ${Number(n).toLocaleString("en-GB")} rows in SQLite: ` +
      `${seconds.toFixed(2)} s (target ≤ ${TARGET_S} s) ${seconds <= TARGET_S ? "OK" : "TOO SLOW"}; filling took ${fillSeconds.toFixed(1)} s\n`,
  );
  const bench = `report (one week out of ${Number(n).toLocaleString("en")} rows)`;
  result({ bench, value: seconds, unit: "s", target: TARGET_S, bound: "max", digits: 2 });
} finally {
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
}
