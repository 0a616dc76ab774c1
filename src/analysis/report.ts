import { analyzeWeek, type WeeklyAnalysis } from "./analyze.ts";
import { type Finding, findings } from "./findings.ts";
import type { AnalysisSettings } from "./settings.ts";
import type { WeekData } from "./types.ts";

/** What every renderer gets: the numbers, the written findings, and when and for whom it was made. */
export interface WeeklyReport {
  organization: string;
  generatedAt: string;
  analysis: WeeklyAnalysis;
  findings: Finding[];
}

export function buildReport(
  data: WeekData,
  settings: AnalysisSettings,
  organization: string,
  generatedAt: Date,
): WeeklyReport {
  const analysis = analyzeWeek(data, settings);
  return { organization, generatedAt: generatedAt.toISOString(), analysis, findings: findings(analysis) };
}
