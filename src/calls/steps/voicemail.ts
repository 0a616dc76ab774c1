import type { OfferContext } from "../../records/outcome.ts";
import type { CallSession } from "../session.ts";
import { saidUnlessGone } from "../step.ts";

/** The longest message a caller may leave, and the silence that ends one. */
const MAX_SECONDS = 120;
const MAX_SILENCE_SECONDS = 10;
/** A caller who hangs up within this many seconds of the beep left no message, only a click. */
const SHORTEST_MESSAGE_SECONDS = 1;

/** How the voicemails table names where a message was left. */
export function leaveReason(context: OfferContext): "closed" | "closing" | "overflow" {
  return context === "closed" || context === "closing" ? context : "overflow";
}

/**
 * The caller leaves a message (recorded by ARI, stored, listed by `hotline voicemail`): "left" when
 * one was kept, "empty" when the recording came to nothing. A hang-up before the beep rejects with
 * ChannelGone; a hang-up during the message keeps it (that is how most callers finish one).
 */
export async function leaveVoicemail(session: CallSession, context: OfferContext): Promise<"left" | "empty"> {
  await session.prompt("voicemail");
  const startedAt = session.ctx.now();
  const name = `vm-${session.id}-${startedAt.getTime()}`;
  const { durationSeconds } = await session.channel.record({
    name,
    maxDurationSeconds: MAX_SECONDS,
    maxSilenceSeconds: MAX_SILENCE_SECONDS,
    terminateOn: "#",
  });
  if (durationSeconds === 0 || (session.isGone && durationSeconds <= SHORTEST_MESSAGE_SECONDS)) {
    session.log.info({ recording: name, durationSeconds }, "empty voicemail not kept");
    // Nobody will list it, so nobody would ever delete it: remove it from Asterisk's storage now.
    await session.ctx.ari.recordings
      .deleteStored(name)
      .catch((err) => session.log.warn({ err, recording: name }, "could not delete an empty recording"));
    return "empty";
  }
  session.ctx.records.voicemail({
    id: name,
    callId: session.id,
    hotline: session.info.hotline,
    language: session.language,
    callerNumber: session.info.channel.caller?.number || undefined,
    topic: session.topic,
    reason: leaveReason(context),
    recording: name,
    durationSeconds,
    createdAt: startedAt,
  });
  session.log.info({ recording: name, durationSeconds, context }, "voicemail kept");
  await saidUnlessGone(session.prompt("voicemail-saved"));
  return "left";
}
