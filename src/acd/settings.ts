/**
 * The part of the configuration the ACD needs, in its own shape: the engine never reads the YAML
 * model directly, so schema changes stay in `acdConfigFrom` and tests build small configurations.
 */
import type { HotlineConfig } from "../config/schema.ts";
import type { Strategy } from "./types.ts";

/** Per-hotline queue rules. */
export interface QueueRules {
  readonly strategy: Strategy;
  /** Seconds after a call before the operator gets the next one. */
  readonly wrapUp: number;
  /** Seconds a caller waits per competence tier before the next lower tier may take the call (0: all at once). */
  readonly widenAfter: number;
  /** Seconds an operator who missed a caller is not offered that caller again. */
  readonly retryAfter: number;
  /** Missed rings in a row before the operator is paused with reason missed-calls (0: never). */
  readonly maxMissed: number;
}

export interface AcdOperator {
  readonly key: string;
  readonly languages: readonly string[];
  /** Competence → level 1 (basic) … 5 (expert). */
  readonly competences: Readonly<Record<string, number>>;
}

export interface AcdConfig {
  /** The organization's zone: "calls answered today" counts local days. */
  readonly timezone: string;
  /** In configuration order: the linear strategy and every tie-break follow it. */
  readonly operators: readonly AcdOperator[];
  /** Topic → the competence it needs (none: any operator). */
  readonly topics: Readonly<Record<string, { readonly competence?: string }>>;
  readonly hotlines: Readonly<Record<string, QueueRules>>;
}

export const DEFAULT_RULES: QueueRules = {
  strategy: "longest-idle",
  wrapUp: 10,
  widenAfter: 30,
  retryAfter: 60,
  maxMissed: 3,
};

/** The rules of a hotline, defaults for one the configuration does not know (removed by a reload). */
export function rulesOf(config: AcdConfig, hotline: string): QueueRules {
  return config.hotlines[hotline] ?? DEFAULT_RULES;
}

/**
 * From the loaded configuration. Reads the proposed queue keys (widenAfter, retryAfter, maxMissed,
 * strategy linear/ring-all) when the schema has them; the old "best-skill" is longest-idle, since
 * competence tiers now apply under every strategy.
 */
export function acdConfigFrom(
  config: Pick<HotlineConfig, "organization" | "operators" | "topics" | "hotlines">,
): AcdConfig {
  const hotlines: Record<string, QueueRules> = {};
  for (const [name, hotline] of Object.entries(config.hotlines)) {
    const queue = hotline.queue as Record<string, unknown>;
    const num = (key: string, fallback: number) => (typeof queue[key] === "number" ? (queue[key] as number) : fallback);
    hotlines[name] = {
      strategy: toStrategy(queue.strategy),
      wrapUp: num("wrapUp", DEFAULT_RULES.wrapUp),
      widenAfter: num("widenAfter", DEFAULT_RULES.widenAfter),
      retryAfter: num("retryAfter", DEFAULT_RULES.retryAfter),
      maxMissed: num("maxMissed", DEFAULT_RULES.maxMissed),
    };
  }
  return {
    timezone: config.organization.timezone,
    operators: Object.entries(config.operators).map(([key, op]) => ({
      key,
      languages: op.languages,
      competences: op.competences,
    })),
    topics: Object.fromEntries(Object.entries(config.topics).map(([key, t]) => [key, { competence: t.competence }])),
    hotlines,
  };
}

function toStrategy(value: unknown): Strategy {
  switch (value) {
    case "round-robin":
    case "fewest-calls":
    case "linear":
    case "ring-all":
      return value;
    default:
      return "longest-idle"; // longest-idle itself, best-skill, or unset
  }
}
