/**
 * The `callbacks:` section: the virtual queue. Callers may leave the queue and be called back in their
 * place; the app dials them over a trunk. Without the section nothing is ever dialled by itself
 * (requests are only stored for people to handle), and with it `allow` must say which numbers may
 * be called: the toll-fraud guard is never open by default.
 */
import { z } from "zod";

/**
 * One `allow` entry: a digit pattern, `X` any digit, `Z` 1-9, `N` 2-9, `[1-5]` or `[679]` one of
 * those, any other digit itself, a final `.` one or more digits more; or a regular expression
 * between slashes (`/^6\d{8}$/`). A number is allowed when it matches one entry as a whole.
 */
export type AllowPattern = string;

const DIGIT_PATTERN = /^(?:[0-9XZN]|\[[0-9-]+\])+\.?$/;

/** The entry as a regular expression matching whole numbers, or an error message. */
export function allowPatternRegex(pattern: AllowPattern): RegExp | string {
  if (pattern.length > 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
    const source = pattern.slice(1, -1);
    try {
      return new RegExp(`^(?:${source})$`);
    } catch (err) {
      return `not a valid regular expression: ${(err as Error).message}`;
    }
  }
  if (!DIGIT_PATTERN.test(pattern))
    return 'expected a digit pattern (digits, X, Z, N, [1-5], a final ".") or a regular expression between slashes';
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "[") {
      const end = pattern.indexOf("]", i);
      const set = pattern.slice(i + 1, end);
      if (/\d-\d/.test(set) && [...set.matchAll(/(\d)-(\d)/g)].some((m) => (m[1] as string) > (m[2] as string)))
        return `range [${set}] runs backwards`;
      source += `[${set}]`;
      i = end;
    } else if (c === "X") source += "\\d";
    else if (c === "Z") source += "[1-9]";
    else if (c === "N") source += "[2-9]";
    else if (c === ".") source += "\\d+";
    else source += c;
  }
  return new RegExp(`^${source}$`);
}

/** Whether a callback may be made to `number` (digits as the caller typed them). */
export function callbackAllowed(allow: readonly AllowPattern[], number: string): boolean {
  return allow.some((p) => {
    const re = allowPatternRegex(p);
    return typeof re !== "string" && re.test(number);
  });
}

const seconds = z.number().int().min(0);

export const callbacksSchema = z
  .strictObject({
    allow: z
      .array(z.string().min(1))
      .min(1, { error: 'list the numbers that may be called back (e.g. national mobiles "6XXXXXXXX")' })
      .describe(
        'Numbers that may be called back: digit patterns (X any digit, Z 1-9, N 2-9, [1-5], a final "." more digits) or /regex/. Others are refused.',
      ),
    offerAfter: seconds
      .default(60)
      .describe("Seconds of waiting in a queue before the caller is offered a callback that keeps their place."),
    offerWhenWaitOver: seconds
      .default(300)
      .describe("Estimated wait (seconds) above which the offer is made at once; 0: never at once."),
    key: z
      .string()
      .regex(/^[0-9*#]$/, { error: "one phone key: 0-9, * or #" })
      .default("5")
      .describe("The key a waiting caller presses to be called back."),
    retries: z
      .array(z.number().int().min(1))
      .default([120, 600])
      .describe("Seconds between attempts after one that did not reach the caller; then the callback is given up."),
    ringTimeout: z.number().int().min(5).default(30).describe("Seconds the caller's phone rings per attempt."),
    trunk: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "a trunk name" })
      .optional()
      .describe("Trunk the callbacks are dialled on; default the first trunk."),
  })
  .describe("Callbacks that keep the caller's place (docs/callbacks.md); off when absent.");

export type CallbacksSettings = z.output<typeof callbacksSchema>;
