import type { Step } from "../session.ts";

/**
 * Wait for an operator: music on hold, position and wait announcements, limits, and the hotline's
 * overflow when the wait is too long, the queue full or nobody is there.
 */
export const waitInQueue: Step = {
  name: "queue",
  async run() {
    // Being written (issue #4).
  },
};
