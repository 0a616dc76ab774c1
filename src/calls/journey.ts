import type { Step } from "./session.ts";
import { answer } from "./steps/answer.ts";
import { goodbye } from "./steps/goodbye.ts";
import { greeting } from "./steps/greeting.ts";

/** The steps a caller goes through. Later issues insert language, schedule, menu, queue and survey. */
export function inboundJourney(): Step[] {
  return [answer, greeting, goodbye];
}
