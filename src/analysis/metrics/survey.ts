import type { CallFacts } from "../classify.ts";
import { mean, ratio } from "./math.ts";

export interface Survey {
  responses: number;
  mean: number | null;
  /** Responses per score, index 0 = score 1. */
  distribution: number[];
  /** Responses / calls answered by an operator. */
  responseRate: number | null;
}

export function survey(facts: readonly CallFacts[], scale = 5): Survey {
  const scores = facts.map((f) => f.call.surveyScore).filter((s): s is number => s !== null && s >= 1 && s <= scale);
  const distribution = new Array<number>(scale).fill(0);
  for (const s of scores) distribution[s - 1] = (distribution[s - 1] ?? 0) + 1;
  const answered = facts.filter((f) => f.answered).length;
  return { responses: scores.length, mean: mean(scores), distribution, responseRate: ratio(scores.length, answered) };
}
