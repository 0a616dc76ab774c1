import type { CallFacts } from "../classify.ts";
import { mean } from "./math.ts";

export interface Handling {
  /** Mean talk + wrap-up of calls an operator answered, seconds. */
  aht: number | null;
  talk: number | null;
  wrapUp: number | null;
  /** Wrap-up comes from the configuration (queue.wrapUp) until operators' wrap-up is measured. */
  wrapUpSource: "config";
}

export function handling(facts: readonly CallFacts[]): Handling {
  const handled = facts.filter((f) => f.talk !== null);
  const talk = mean(handled.map((f) => f.talk as number));
  const aht = mean(handled.map((f) => f.handle as number));
  return { aht, talk, wrapUp: aht !== null && talk !== null ? aht - talk : null, wrapUpSource: "config" };
}
