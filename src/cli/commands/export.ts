import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { DateTime } from "luxon";

const FORMATS = ["csv", "xlsx", "queue_log"] as const;
type Format = (typeof FORMATS)[number];

interface ExportOptions {
  from: string;
  to: string;
  format: Format;
  db?: string;
  config?: string;
  out?: string;
}

/**
 * `hotline export`: the records of a date range (days in the organization's time zone, both included)
 * as CSV (one row per call), an .xlsx workbook, or Asterisk's queue_log. Reads the configured database,
 * or the SQLite file given with --db.
 */
export function registerExportCommands(program: Command): void {
  program
    .command("export")
    .description("export call records of a date range: csv (one row per call), xlsx or queue_log")
    .requiredOption("--from <date>", "first day, YYYY-MM-DD (organization's time zone)")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD (included)")
    .option("--format <format>", `${FORMATS.join(" | ")}`, parseFormat, "csv")
    .option("--db <file>", "SQLite file to read instead of the configured database")
    .option("-c, --config <file>", "configuration file")
    .option("-o, --out <file>", "write here instead of standard output")
    .action(async (opts: ExportOptions) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { openDatabase } = await import("../../records/db.ts");
      const { readCalls, readRange } = await import("../../records/read.ts");
      const config = await loadConfigForCli(opts.config);
      const zone = config.organization.timezone;
      const range = { from: day(opts.from, zone, "--from"), to: day(opts.to, zone, "--to").plus({ days: 1 }) };
      if (range.to <= range.from) throw new Error("--to is before --from");
      const between = { from: range.from.toJSDate(), to: range.to.toJSDate() };
      if (opts.format === "xlsx" && !opts.out && process.stdout.isTTY) {
        throw new Error("xlsx is a binary file: give --out FILE (or redirect standard output)");
      }
      const db = await openDatabase(opts.db ? { client: "sqlite", filename: resolve(opts.db) } : config.database);
      try {
        let output: string | Buffer;
        if (opts.format === "queue_log") {
          const { formatQueueLog, queueLogLines } = await import("../../records/export/queue-log.ts");
          output = formatQueueLog(queueLogLines(await readRange(db, between), between));
        } else {
          const calls = await readCalls(db, between);
          output =
            opts.format === "csv"
              ? (await import("../../records/export/csv.ts")).callsCsv(calls, zone)
              : await (await import("../../records/export/xlsx.ts")).callsXlsx(calls, zone);
        }
        if (opts.out) await writeFile(opts.out, output);
        else process.stdout.write(output);
      } finally {
        await db.destroy();
      }
    });
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new Error(`--format: expected ${FORMATS.join(", ")}`);
  return value as Format;
}

/** The start of a day in the zone. */
function day(text: string, zone: string, option: string): DateTime {
  const d = DateTime.fromFormat(text, "yyyy-MM-dd", { zone });
  if (!d.isValid) throw new Error(`${option}: expected a date like 2026-11-20, got "${text}"`);
  return d.startOf("day");
}
