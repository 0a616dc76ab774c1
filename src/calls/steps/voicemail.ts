import type { CallSession } from "../session.ts";

export type LeaveReason = "closed" | "overflow" | "closing";

/** The caller leaves a message (recorded by ARI, stored, listed by `hotline voicemail`). */
export async function leaveVoicemail(_session: CallSession, _reason: LeaveReason): Promise<void> {
  // Being written (issue #4).
}
