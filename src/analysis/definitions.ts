import { type DefinitionKey, messages, type ReportLanguage } from "./messages.ts";
import type { AnalysisSettings } from "./settings.ts";

/** Each metric's definition, as printed in every report next to its number (docs/report.md says more). */
export function definitions(s: AnalysisSettings, language: ReportLanguage = "en"): Record<DefinitionKey, string> {
  return messages(language).definitions(s);
}
