import type { WeeklyReport } from "../report.ts";

/** Every number of the report, camelCase keys (serviceLevel, asa, aht, abandonRate…), for other tools. */
export function renderJson(report: WeeklyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
