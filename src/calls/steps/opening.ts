import type { Step } from "../session.ts";

/**
 * Outside opening hours: "we are closed; we open on Monday at 9:00", then the hotline's closed
 * action (voicemail, callback request or goodbye). Open: nothing happens here.
 */
export const checkOpen: Step = {
  name: "opening-hours",
  async run() {
    // Being written (issue #4): schedule check, next-opening announcement, closed action.
  },
};
