import { resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { isoWeek, lastCompleteWeek, previousWeek } from "../../analysis/week.ts";
import { DB_OPTION, databaseSettings } from "../database.ts";
import { UsageError } from "../errors.ts";

interface Common {
  config?: string;
  db?: string;
  week?: string;
}

/**
 * `hotline report`: the weekly analysis of one ISO week (default: the last complete one) as HTML,
 * JSON, XLSX and Markdown. `hotline seed`: a realistic synthetic week, marked as such, to try it.
 */
export function registerReportCommands(program: Command): void {
  program
    .command("report")
    .description("weekly analysis: report.html, report.json, report.xlsx, report.md for one ISO week")
    .option("-c, --config <file>", "hotline configuration")
    .option("--week <week>", "ISO week, e.g. 2026-W47 (default: the last complete week, organization's time zone)")
    .option(...DB_OPTION)
    .requiredOption("-o, --out <dir>", "folder for the report files")
    .option(
      "--first-week",
      "the first week after opening (default: the week of the first recorded call): against the targets, ending with what to change",
    )
    .action(async (opts: Common & { out: string; firstWeek?: boolean }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { openExistingDatabase } = await import("../database.ts");
      const { generateReport } = await import("../../analysis/write.ts");
      const { firstCallWeek } = await import("../../analysis/load.ts");
      const config = await loadConfigForCli(opts.config);
      const zone = config.organization.timezone;
      // A report of a database that is not there would be a report of nothing: refused.
      const db = await openExistingDatabase(config, opts.db);
      try {
        const opened = opts.firstWeek && !opts.week ? await firstCallWeek(db, zone) : null;
        if (opts.firstWeek && !opts.week && !opened)
          throw new UsageError("--first-week: no calls in the records yet; give the week with --week");
        const week = opts.week ? weekOption(opts.week, zone) : (opened ?? lastCompleteWeek(new Date(), zone));
        const { report, files } = await generateReport(db, config, week, resolve(opts.out), new Date(), {
          firstWeek: Boolean(opts.firstWeek),
        });
        const s = report.analysis.summary;
        for (const file of Object.values(files)) process.stdout.write(`wrote ${file}\n`);
        process.stdout.write(
          `${week.label}${report.analysis.synthetic ? " (synthetic data)" : ""}: ${s.received} calls, ${s.answered} answered, ` +
            `service level ${s.serviceLevel === null ? "–" : `${Math.round(s.serviceLevel * 100)} %`}, ` +
            `${report.findings.filter((f) => f.kind === "weakness").length} weaknesses, ` +
            `${report.findings.filter((f) => f.kind === "strength").length} strengths\n`,
        );
      } finally {
        await db.destroy();
      }
    });

  program
    .command("seed")
    .description("fill the records database with a realistic synthetic week (marked synthetic in reports)")
    .option("-c, --config <file>", "hotline configuration")
    .requiredOption("--week <week>", "ISO week to fill, e.g. 2026-W47")
    .option(...DB_OPTION)
    .option("--weeks <n>", "also fill the n − 1 weeks before (week-over-week change)", (v) => positiveInt(v), 1)
    .option("--seed <n>", "random seed (default: from the week)", (v) => positiveInt(v))
    .action(async (opts: Common & { week: string; weeks: number; seed?: number }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { openDatabase } = await import("../../records/db.ts");
      const { seedWeek } = await import("../../analysis/seed/index.ts");
      const config = await loadConfigForCli(opts.config);
      let week = weekOption(opts.week, config.organization.timezone);
      const db = await openDatabase(databaseSettings(config, opts.db));
      try {
        for (let i = 0; i < opts.weeks; i++) {
          const data = await seedWeek(db, config, week, opts.seed === undefined ? {} : { seed: opts.seed + i });
          process.stdout.write(
            `seeded ${week.label}: ${data.calls.length} synthetic calls, ${data.sessions.length} operator sessions, ${data.pauses.length} pauses\n`,
          );
          week = previousWeek(week);
        }
      } finally {
        await db.destroy();
      }
    });
}

/** --week as given: a malformed week is a usage mistake. */
export function weekOption(text: string, zone: string): ReturnType<typeof isoWeek> {
  try {
    return isoWeek(text, zone);
  } catch (err) {
    throw new UsageError(`--week: ${(err as Error).message}`);
  }
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}
