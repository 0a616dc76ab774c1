import type { CallSession } from "../session.ts";
import type { LeaveReason } from "./voicemail.ts";

/** The caller asks to be called back: number entered and confirmed by keys, stored for the operators. */
export async function requestCallback(_session: CallSession, _reason: LeaveReason): Promise<void> {
  // Being written (issue #4).
}
