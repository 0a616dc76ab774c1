import { analyzeWeek, type WeeklyAnalysis } from "./analyze.ts";
import { definitions } from "./definitions.ts";
import { type Finding, findings } from "./findings.ts";
import type { ReportLanguage } from "./messages.ts";
import type { AnalysisSettings } from "./settings.ts";
import type { WeekData } from "./types.ts";

/** What every renderer gets: the numbers, the written findings, and when and for whom it was made. */
export interface WeeklyReport {
  organization: string;
  generatedAt: string;
  /** The language of every text: headings, findings, definitions. */
  language: ReportLanguage;
  analysis: WeeklyAnalysis;
  findings: Finding[];
}

export function buildReport(
  data: WeekData,
  settings: AnalysisSettings,
  organization: string,
  generatedAt: Date,
  language: ReportLanguage = "en",
): WeeklyReport {
  const analysis = {
    ...analyzeWeek(data, settings, generatedAt.getTime()),
    definitions: definitions(settings, language),
  };
  return {
    organization,
    generatedAt: generatedAt.toISOString(),
    language,
    analysis,
    findings: findings(analysis, language),
  };
}
