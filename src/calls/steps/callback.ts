import { callbackAllowed } from "../../config/schema-callbacks.ts";
import type { CallbackRequest } from "../../records/callback-records.ts";
import type { OfferContext } from "../../records/outcome.ts";
import type { CallSession } from "../session.ts";
import { saidUnlessGone } from "../step.ts";
import { leaveReason } from "./voicemail.ts";

/** Tries at entering and confirming a number before we give up (an empty entry counts as one). */
const ATTEMPTS = 3;
/** E.164 allows 15 digits; fewer than 6 is no phone number anyone can be called back on. */
const MAX_DIGITS = 15;
const MIN_DIGITS = 6;
const FIRST_KEY_MS = 10_000;
const NEXT_KEY_MS = 5_000;
const CONFIRM_MS = 5_000;

/**
 * The caller asks to be called back: number entered and confirmed by keys, stored for the operators.
 * "saved" when a request was stored; "refused" when the number may not be called back (not in
 * `callbacks.allow`: the toll-fraud guard); "none" when no number was confirmed. `place` is the
 * caller's queue arrival when they keep their place (default: now).
 *
 * Each attempt is: enter the number and #, hear it read back, 1 to confirm or 2 to enter it again.
 * Silence, a key other than 1, or a number too short to be one also cost an attempt; after three,
 * nothing is stored. The caller's own number (caller ID) is deliberately not offered as a default:
 * it may be withheld or a switchboard's, and it is in the call's record for the operator anyway.
 */
export async function requestCallback(
  session: CallSession,
  context: OfferContext,
  place?: { hotline: string; arrivedAt: Date },
): Promise<"saved" | "refused" | "none"> {
  // Keys typed ahead for a menu the caller will not reach are not the start of a phone number.
  session.clearDigits();
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const number = await session.collectDigits({
      prompt: [session.promptUri("callback")],
      max: MAX_DIGITS,
      timeoutMs: FIRST_KEY_MS,
      interDigitMs: NEXT_KEY_MS,
      terminator: "#",
    });
    if (!/^\d+$/.test(number) || number.length < MIN_DIGITS) {
      session.clearDigits();
      if (number) await session.prompt("invalid");
      continue;
    }
    const allow = session.ctx.config.callbacks?.allow;
    if (allow && !callbackAllowed(allow, number)) {
      session.log.info({ context, number }, "callback refused: number not allowed");
      await session.prompt("callback-refused");
      return "refused";
    }
    // Read back whole, outside the question: ARI cannot stop a digits: playback midway anyway. A key
    // pressed meanwhile is kept and answers the question without it being asked.
    await session.play(session.promptUri("callback-you-entered"), `digits:${number}`);
    const answer = await session.collectDigits({
      prompt: [session.promptUri("callback-confirm")],
      max: 1,
      timeoutMs: CONFIRM_MS,
    });
    if (answer === "1") {
      save(session, context, number, place);
      await saidUnlessGone(session.prompt(context === "queue" ? "callback-kept" : "callback-saved"));
      return "saved";
    }
    session.clearDigits();
    if (answer && answer !== "2") await session.prompt("invalid");
  }
  session.log.info({ attempts: ATTEMPTS }, "callback request abandoned: no number confirmed");
  return "none";
}

function save(
  session: CallSession,
  context: OfferContext,
  number: string,
  place?: { hotline: string; arrivedAt: Date },
) {
  const now = session.ctx.now();
  const request: CallbackRequest = {
    id: `cb-${session.id}-${now.getTime()}`,
    callId: session.id,
    hotline: place?.hotline ?? session.info.hotline,
    language: session.language,
    ...(session.topic ? { topic: session.topic } : {}),
    number,
    reason: context === "queue" ? "queue" : leaveReason(context),
    requestedAt: now,
    placeAt: place?.arrivedAt ?? now,
  };
  session.ctx.records.callbacks.requested(request);
  // The running ACD makes it when its turn comes (with a `callbacks:` section).
  session.ctx.queues.callbackRequested?.(request);
  session.log.info({ context, callback: request.id }, "callback requested");
}
