/** Whether an operator can serve a caller at all: the caller's language and the topic's competence. */
import type { AcdConfig, AcdOperator } from "./settings.ts";
import type { Caller } from "./types.ts";

/** The competence a caller's topic needs; undefined when the topic (or the caller) has none. */
export function competenceFor(config: AcdConfig, caller: Caller): string | undefined {
  return caller.topic === undefined ? undefined : config.topics[caller.topic]?.competence;
}

/**
 * The operator's level for the caller: a number 1–5 for the needed competence, null when no
 * competence is needed, undefined when the operator does not qualify (language or competence).
 */
export function levelFor(
  operator: AcdOperator,
  caller: Caller,
  competence: string | undefined,
): number | null | undefined {
  if (!operator.languages.includes(caller.language)) return undefined;
  if (competence === undefined) return null;
  const level = operator.competences[competence];
  return level !== undefined && level >= 1 ? level : undefined;
}
