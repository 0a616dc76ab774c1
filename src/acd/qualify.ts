/** Whether an operator can serve a caller at all: the caller's language and the topic's competence. */
import type { AcdConfig, AcdOperator } from "./settings.ts";
import type { Caller } from "./types.ts";

/** The competence a caller's topic needs; undefined when the topic (or the caller) has none. */
export function competenceFor(config: AcdConfig, caller: Pick<Caller, "topic">): string | undefined {
  return caller.topic === undefined ? undefined : config.topics[caller.topic]?.competence;
}

/**
 * The operator's level for a caller of that language: a number 1–5 for the needed competence, null when no
 * competence is needed, undefined when the operator does not qualify (language or competence).
 */
export function levelFor(
  operator: AcdOperator,
  language: string,
  competence: string | undefined,
): number | null | undefined {
  if (!operator.languages.includes(language)) return undefined;
  if (competence === undefined) return null;
  const level = operator.competences[competence];
  return level !== undefined && level >= 1 ? level : undefined;
}

/** An operator who qualifies for a kind of caller, by position in the configuration. */
export interface Qualified {
  readonly key: string;
  /** Position in the configuration. */
  readonly index: number;
  readonly level: number | null;
}

/**
 * Who qualifies for each kind of caller (language × the competence their topic needs), worked out
 * once per configuration: it depends on nothing else, and a round would otherwise ask every
 * operator about every waiting caller.
 */
export class QualificationIndex {
  private readonly byLanguage = new Map<string, Map<string | undefined, readonly Qualified[]>>();

  constructor(private readonly operators: readonly AcdOperator[]) {}

  /** The operators who qualify for such a caller, in configuration order (the same list every time). */
  of(language: string, competence: string | undefined): readonly Qualified[] {
    let byCompetence = this.byLanguage.get(language);
    if (!byCompetence) {
      byCompetence = new Map();
      this.byLanguage.set(language, byCompetence);
    }
    let list = byCompetence.get(competence);
    if (!list) {
      const found: Qualified[] = [];
      this.operators.forEach((settings, index) => {
        const level = levelFor(settings, language, competence);
        if (level !== undefined) found.push({ key: settings.key, index, level });
      });
      list = found;
      byCompetence.set(competence, list);
    }
    return list;
  }
}
