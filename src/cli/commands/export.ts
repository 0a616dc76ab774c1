import { writeFile } from "node:fs/promises";
import { type Command, InvalidArgumentError } from "commander";
import { DateTime } from "luxon";
import { DB_OPTION } from "../database.ts";
import { UsageError } from "../errors.ts";

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
    .option(...DB_OPTION)
    .option("-c, --config <file>", "configuration file")
    .option("-o, --out <file>", "write here instead of standard output")
    .action(async (opts: ExportOptions) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { openExistingDatabase } = await import("../database.ts");
      const { readCalls, readRange } = await import("../../records/read.ts");
      const config = await loadConfigForCli(opts.config);
      const zone = config.organization.timezone;
      const range = { from: day(opts.from, zone, "--from"), to: day(opts.to, zone, "--to").plus({ days: 1 }) };
      if (range.to <= range.from) throw new UsageError("--to is before --from");
      const between = { from: range.from.toJSDate(), to: range.to.toJSDate() };
      if (opts.format === "xlsx" && !opts.out && process.stdout.isTTY) {
        throw new UsageError("xlsx is a binary file, not for the terminal: give -o FILE (or redirect standard output)");
      }
      const db = await openExistingDatabase(config, opts.db);
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
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${FORMATS.join(", ")}`);
  return value as Format;
}

/** The start of a day in the zone. */
function day(text: string, zone: string, option: string): DateTime {
  const d = DateTime.fromFormat(text, "yyyy-MM-dd", { zone });
  if (!d.isValid) throw new UsageError(`${option}: expected a date like 2026-11-20, got "${text}"`);
  return d.startOf("day");
}
