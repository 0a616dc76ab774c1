/**
 * The scheduled weekly report: at the configured day and time (default Monday 07:00, organization's
 * time zone) the week just ended is analysed, written to <outDir>/<week>/ and e-mailed.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Knex } from "knex";
import schedule from "node-schedule";
import type { ReportSettings } from "../config/report-schema.ts";
import type { HotlineConfig } from "../config/schema.ts";
import type { Logger } from "../logger.ts";
import { lastCompleteWeek } from "./week.ts";
import type { ReportFiles } from "./write.ts";

const DAY_NUMBER = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

export interface ReportJob {
  /** The next run, or null when cancelled. */
  next(): Date | null;
  cancel(): void;
}

/** Run the report once for the week that ended before `now`: write the files, then mail them if configured. */
export async function runWeeklyReport(
  db: Knex,
  config: HotlineConfig,
  settings: ReportSettings,
  now = new Date(),
): Promise<{ week: string; files: ReportFiles; mailed: boolean }> {
  // Loaded when the report runs: the renderers (ECharts, the xlsx writer) and the mailer would
  // otherwise sit in the running app's memory all week.
  const { generateReport } = await import("./write.ts");
  const week = lastCompleteWeek(now, config.organization.timezone);
  const base = isAbsolute(settings.outDir) ? settings.outDir : resolve(config.dir, settings.outDir);
  const { report, files } = await generateReport(db, config, week, join(base, week.label), now);
  const mailed = settings.smtp !== undefined && settings.to.length > 0;
  if (mailed) await (await import("./mail.ts")).mailReport(report, files, settings);
  return { week: week.label, files, mailed };
}

/** Schedule the weekly report; failures are logged and the next week runs as usual. */
export function scheduleWeeklyReport(
  db: Knex,
  config: HotlineConfig,
  settings: ReportSettings,
  logger: Logger,
): ReportJob {
  const [hour, minute] = settings.at.time.split(":").map(Number) as [number, number];
  const rule = new schedule.RecurrenceRule();
  rule.dayOfWeek = DAY_NUMBER[settings.at.day];
  rule.hour = hour;
  rule.minute = minute;
  rule.second = 0;
  rule.tz = config.organization.timezone;
  const log = logger.child({ component: "report" });
  const job = schedule.scheduleJob(rule, async (fireDate: Date) => {
    try {
      const done = await runWeeklyReport(db, config, settings, fireDate);
      log.info({ week: done.week, dir: done.files.html, mailed: done.mailed }, "weekly report done");
    } catch (err) {
      log.error({ err: (err as Error).message }, "weekly report failed");
    }
  });
  return {
    next: () => {
      // node-schedule's typings say Date; with a time zone it returns its CronDate wrapper.
      const n = job?.nextInvocation() as unknown as Date | { toDate(): Date } | null | undefined;
      return n instanceof Date ? n : n ? n.toDate() : null;
    },
    cancel: () => {
      job?.cancel();
    },
  };
}
