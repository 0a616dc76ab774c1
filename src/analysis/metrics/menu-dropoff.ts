import type { CallFacts, DropoffStep } from "../classify.ts";
import { ratio } from "./math.ts";

export interface DropoffRow {
  step: DropoffStep;
  /** Callers who got as far as this step. */
  reached: number;
  /** Of those, callers who hung up in it. */
  hungUp: number;
  rate: number | null;
}

const STEPS: DropoffStep[] = ["greeting-language", "menu", "prepared-answer", "queue"];

/**
 * The journey as a funnel, for calls the hotline answered while open: how many callers hung up at
 * each step. A hang-up after a prepared answer may be a caller who got what they needed.
 */
export function menuDropoff(facts: readonly CallFacts[]): DropoffRow[] {
  const journeys = facts.filter((f) => f.call.answeredAt !== null && !f.afterHours && !f.busy);
  let reached = journeys.length;
  return STEPS.map((step) => {
    const hungUp = journeys.filter((f) => f.dropoff === step).length;
    const row = { step, reached, hungUp, rate: ratio(hungUp, reached) };
    reached -= hungUp;
    return row;
  });
}
