import { analyzeWeek, type WeeklyAnalysis } from "./analyze.ts";
import { whatToChange } from "./decisions.ts";
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
  /**
   * The first week after opening: compared with the configuration's targets instead of a week
   * before, and ending with what to change (operators, contract and channels, hours).
   */
  firstWeek?: { whatToChange: string[] };
}

export function buildReport(
  data: WeekData,
  settings: AnalysisSettings,
  organization: string,
  generatedAt: Date,
  language: ReportLanguage = "en",
  options: { firstWeek?: boolean } = {},
): WeeklyReport {
  // The first week has no week before it worth comparing with (the hotline was not open).
  const week = options.firstWeek ? { ...data, previousCalls: [] } : data;
  const analysis = {
    ...analyzeWeek(week, settings, generatedAt.getTime()),
    definitions: definitions(settings, language),
  };
  return {
    organization,
    generatedAt: generatedAt.toISOString(),
    language,
    analysis,
    findings: findings(analysis, language),
    ...(options.firstWeek ? { firstWeek: { whatToChange: whatToChange(analysis, language) } } : {}),
  };
}
