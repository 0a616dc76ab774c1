/**
 * Every bench, one after the other, each in its own process (a bench's heap and JIT state do not
 * colour the next), then one table of all figures against their targets. A bench that misses a
 * target or fails does not stop the others; the run exits non-zero if any did.
 * Run: npx tsx bench/run.ts [NAME…]   (names: schedule acd report records; default all)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchResult, formatNumber, formatTarget, RESULTS_ENV } from "./result.ts";

const BENCHES = ["schedule", "acd", "report", "records"];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(", ")} (known: ${BENCHES.join(", ")})`);
const names = asked.length > 0 ? asked : BENCHES;

const dir = mkdtempSync(join(tmpdir(), "hotline-bench-run-"));
const rows: { bench: string; figure: string; target: string; met: string }[] = [];
let failed = false;
try {
  for (const name of names) {
    const file = join(dir, `${name}.jsonl`);
    const script = join(import.meta.dirname, `${name}.bench.ts`);
    console.log(`\n── ${name} ${"─".repeat(Math.max(0, 60 - name.length))}`);
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: join(import.meta.dirname, ".."),
      stdio: "inherit",
      env: { ...process.env, [RESULTS_ENV]: file },
    });
    let results: BenchResult[] = [];
    try {
      results = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as BenchResult);
    } catch {
      // No figures: the bench failed before its first one; reported below.
    }
    for (const r of results) {
      rows.push({
        bench: r.bench,
        figure: `${formatNumber(r.value, r.digits)} ${r.unit}`,
        target: formatTarget(r),
        met: r.target === undefined ? "—" : r.met ? "yes" : "NO",
      });
      if (!r.met) failed = true;
    }
    if (run.status !== 0 && results.every((r) => r.met)) {
      // Exited non-zero (or was killed) without a missed figure: it broke, which counts as a miss.
      rows.push({
        bench: `${name}.bench.ts`,
        figure: run.signal ? `killed (${run.signal})` : `failed (exit ${run.status})`,
        target: "",
        met: "NO",
      });
      failed = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const head = { bench: "bench", figure: "figure", target: "target", met: "met?" };
const width = (key: keyof typeof head) => Math.max(...[head, ...rows].map((r) => r[key].length));
const line = (r: typeof head) =>
  `${r.bench.padEnd(width("bench"))}  ${r.figure.padStart(width("figure"))}  ${r.target.padEnd(width("target"))}  ${r.met}`;
console.log(`\n${line(head)}\n${rows.map(line).join("\n")}`);
if (failed) {
  console.log("\nSome benches missed their target (met? NO).");
  process.exitCode = 1;
}
