import type { CallOutcome, OfferContext } from "../../records/outcome.ts";
import type { CallSession } from "../session.ts";
import { requestCallback } from "./callback.ts";
import { leaveVoicemail } from "./voicemail.ts";

/**
 * Offer a voicemail or a callback request where the caller could not be served (closed, closing,
 * a queue's overflow) and say what came of it: the message or the request, or the offer declined.
 * A hang-up before anything was stored rejects with ChannelGone.
 */
export async function offer(
  session: CallSession,
  action: "voicemail" | "callback",
  context: OfferContext,
): Promise<CallOutcome> {
  const taken =
    action === "voicemail"
      ? (await leaveVoicemail(session, context)) === "left"
      : (await requestCallback(session, context)) === "saved";
  if (taken) return { kind: action, context };
  if (context === "closed" || context === "closing") return { kind: "closed", context, declined: action };
  if (context === "queue") return { kind: "overflowed", reason: "timeout", to: action, declined: true };
  return { kind: "overflowed", reason: context, to: action, declined: true };
}
