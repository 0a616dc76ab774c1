/**
 * One report, four files: report.html (charts), report.json (every number), report.xlsx (one sheet
 * per table), report.md (the e-mail body). Used by `hotline report` and the scheduled job.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Knex } from "knex";
import type { HotlineConfig } from "../config/schema.ts";
import { loadWeek } from "./load.ts";
import { reportLanguage } from "./messages.ts";
import { renderHtml } from "./render/html.ts";
import { renderJson } from "./render/json.ts";
import { renderMarkdown } from "./render/markdown.ts";
import { renderXlsx } from "./render/xlsx.ts";
import { buildReport, type WeeklyReport } from "./report.ts";
import { settingsFromConfig } from "./settings.ts";
import type { IsoWeek } from "./types.ts";

export interface ReportFiles {
  html: string;
  json: string;
  xlsx: string;
  md: string;
}

export async function writeReportFiles(report: WeeklyReport, outDir: string): Promise<ReportFiles> {
  await mkdir(outDir, { recursive: true });
  const files: ReportFiles = {
    html: join(outDir, "report.html"),
    json: join(outDir, "report.json"),
    xlsx: join(outDir, "report.xlsx"),
    md: join(outDir, "report.md"),
  };
  await Promise.all([
    writeFile(files.html, renderHtml(report)),
    writeFile(files.json, renderJson(report)),
    writeFile(files.md, renderMarkdown(report)),
    renderXlsx(report).then((buffer) => writeFile(files.xlsx, buffer)),
  ]);
  return files;
}

/** Load the week from the records, analyse it and write the files. */
export async function generateReport(
  db: Knex,
  config: HotlineConfig,
  week: IsoWeek,
  outDir: string,
  now = new Date(),
  options: { firstWeek?: boolean } = {},
): Promise<{ report: WeeklyReport; files: ReportFiles }> {
  const data = await loadWeek(db, week);
  const language = reportLanguage(config.report?.language, config.organization.languages);
  const report = buildReport(data, settingsFromConfig(config), config.organization.name, now, language, options);
  return { report, files: await writeReportFiles(report, outDir) };
}
