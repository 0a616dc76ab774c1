import type { CallSession } from "../session.ts";

export type LeaveReason = "closed" | "overflow" | "closing";

/** The longest message a caller may leave, and the silence that ends one. */
const MAX_SECONDS = 120;
const MAX_SILENCE_SECONDS = 10;
/** A caller who hangs up within this many seconds of the beep left no message, only a click. */
const SHORTEST_MESSAGE_SECONDS = 1;

/**
 * The caller leaves a message (recorded by ARI, stored, listed by `hotline voicemail`). True when a
 * message was kept: outcome "voicemail", the detail the caller's context plus the result ("closed:
 * message left", "overflowed to voicemail (queue full): message left"); the message's length
 * is in the voicemails table. No message: the outcome the caller had stays.
 */
export async function leaveVoicemail(session: CallSession, reason: LeaveReason): Promise<boolean> {
  await session.prompt("voicemail");
  const startedAt = session.ctx.now();
  const name = `vm-${session.id}-${startedAt.getTime()}`;
  // Set before the beep: most callers end a message by hanging up — Asterisk sends RecordingFinished,
  // StasisEnd and ChannelDestroyed together — and the call record is closed once this step has settled.
  const before = { outcome: session.outcome, detail: session.outcomeDetail };
  const context = before.detail ?? reason;
  session.outcome = "voicemail";
  session.outcomeDetail = `${context}: message left`;
  let durationSeconds: number;
  try {
    ({ durationSeconds } = await session.record({
      name,
      maxDurationSeconds: MAX_SECONDS,
      maxSilenceSeconds: MAX_SILENCE_SECONDS,
      terminateOn: "#",
    }));
  } catch (err) {
    session.outcome = before.outcome;
    session.outcomeDetail = before.detail;
    throw err;
  }
  if (durationSeconds === 0 || (session.isGone && durationSeconds <= SHORTEST_MESSAGE_SECONDS)) {
    session.outcome = before.outcome;
    session.outcomeDetail = `${context}: no message left`;
    session.log.info({ recording: name, durationSeconds }, "empty voicemail not kept");
    // Nobody will list it, so nobody would ever delete it: remove it from Asterisk's storage now.
    await session.ari.client
      .call("DELETE /recordings/stored/{recordingName}", { params: { recordingName: name } })
      .catch(() => undefined);
    return false;
  }
  session.ctx.records.voicemail({
    id: name,
    callId: session.id,
    hotline: session.info.hotline,
    language: session.language,
    callerNumber: session.info.channel.caller?.number || undefined,
    topic: session.topic,
    reason,
    recording: name,
    durationSeconds,
    createdAt: startedAt,
  });
  session.log.info({ recording: name, durationSeconds, reason }, "voicemail kept");
  if (!session.isGone) await session.prompt("voicemail-saved");
  return true;
}
