import type { Step } from "../session.ts";

/** The end of the journey as far as the hotline is concerned: hang up cleanly. */
export const goodbye: Step = {
  name: "goodbye",
  async run(session) {
    session.outcome ??= "completed";
    await session.hangup();
  },
};
