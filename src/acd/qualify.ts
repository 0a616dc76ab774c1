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

/** A kind of caller: their language and the competence their topic needs, and who qualifies. */
export interface Kind {
  readonly competence: string | undefined;
  /** In configuration order. */
  readonly qualified: readonly Qualified[];
}

/**
 * Who qualifies for each kind of caller, worked out once per configuration: it depends on nothing
 * else, and a round would otherwise ask every operator about every waiting caller.
 */
export class QualificationIndex {
  private readonly byLanguage = new Map<string, Map<string | undefined, Kind>>();

  constructor(private readonly config: AcdConfig) {}

  /** The kind of such a caller: the same object for every caller of that language and competence. */
  kindOf(caller: Pick<Caller, "language" | "topic">): Kind {
    const { language } = caller;
    const competence = competenceFor(this.config, caller);
    let byCompetence = this.byLanguage.get(language);
    if (!byCompetence) {
      byCompetence = new Map();
      this.byLanguage.set(language, byCompetence);
    }
    let kind = byCompetence.get(competence);
    if (!kind) {
      const qualified: Qualified[] = [];
      this.config.operators.forEach((settings, index) => {
        const level = levelFor(settings, language, competence);
        if (level !== undefined) qualified.push({ key: settings.key, index, level });
      });
      kind = { competence, qualified };
      byCompetence.set(competence, kind);
    }
    return kind;
  }
}
