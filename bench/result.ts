/**
 * A bench's figures against their targets. Each bench prints its own lines and calls `result` for
 * every figure it has a target for; a missed target makes the bench exit non-zero. Under bench/run.ts
 * (HOTLINE_BENCH_RESULTS names a file) the figures are also appended there as JSON lines, so the
 * runner can print one table after every bench has run.
 */
import { appendFileSync } from "node:fs";

export interface BenchFigure {
  /** What was measured, e.g. "acd round (200 operators × 500 callers)". */
  readonly bench: string;
  readonly value: number;
  /** Printed after the value, e.g. "ms", "rows/s". */
  readonly unit: string;
  /** None: the figure is only reported. */
  readonly target?: number;
  /** "max": the value must be at most the target (a time); "min": at least (a rate). */
  readonly bound: "max" | "min";
  /** Decimals to print. */
  readonly digits: number;
}

export interface BenchResult extends BenchFigure {
  readonly met: boolean;
}

export const RESULTS_ENV = "HOTLINE_BENCH_RESULTS";

export function result(figure: BenchFigure): boolean {
  const { target } = figure;
  const met = target === undefined || (figure.bound === "max" ? figure.value <= target : figure.value >= target);
  const file = process.env[RESULTS_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ ...figure, met } satisfies BenchResult)}\n`);
  if (!met) process.exitCode = 1;
  return met;
}

export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "≤ 5 ms", "≥ 50,000 rows/s", "—" for none. */
export function formatTarget(figure: BenchFigure): string {
  if (figure.target === undefined) return "—";
  return `${figure.bound === "max" ? "≤" : "≥"} ${figure.target.toLocaleString("en")} ${figure.unit}`;
}

/** The median of some measurements (the upper one of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The q-quantile (0–1) by the same rule as `median`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}
