import type { HotlineConfig, OperatorSettings } from "../config/index.ts";

/** The operator's first language the organization has prompts in: what they hear from the hotline. */
export function operatorLanguage(config: HotlineConfig, operator: OperatorSettings): string {
  const { languages, defaultLanguage } = config.organization;
  return operator.languages.find((l) => languages.includes(l)) ?? defaultLanguage;
}
