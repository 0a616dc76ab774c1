import { ChannelGone } from "../asterisk/channels/types.ts";
import type { CallOutcome } from "../records/outcome.ts";
import type { CallSession } from "./session.ts";

/**
 * What a step tells the journey: nothing (go on), the outcome so far (go on; it stands should the
 * caller hang up later), or the end of the journey with its outcome.
 */
export type StepResult = undefined | { outcome?: CallOutcome; end?: true };

/** A result that ends the journey. */
export type Ended = { outcome?: CallOutcome; end: true };

/**
 * One step of the caller's journey (greeting, menu, queue…): one file each under steps/. `soFar` is
 * the outcome earlier steps gave, if any.
 */
export interface Step {
  readonly name: string;
  run(session: CallSession, soFar: CallOutcome | undefined): Promise<StepResult>;
}

/** The journey ends here, with this outcome (the caller was served, left a message, was refused…). */
export function end(outcome?: CallOutcome): Ended {
  return outcome ? { outcome, end: true } : { end: true };
}

/** The journey goes on; this is the outcome should nothing later change it. */
export function goOn(outcome: CallOutcome): StepResult {
  return { outcome };
}

/** Run `work`; should the caller hang up during it, the journey ends with `ifGone`, which is no error. */
export async function unlessGone<T>(ifGone: CallOutcome, work: () => Promise<T>): Promise<T | Ended> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ChannelGone) return end(ifGone);
    throw err;
  }
}

/** A confirmation after something was stored: a caller who hangs up during it changes nothing. */
export async function saidUnlessGone(prompt: Promise<void>): Promise<void> {
  try {
    await prompt;
  } catch (err) {
    if (!(err instanceof ChannelGone)) throw err;
  }
}
