import type { Step } from "../session.ts";

/** The end of the journey when nothing else ended it: say goodbye and hang up. */
export const goodbye: Step = {
  name: "goodbye",
  async run(session) {
    session.outcome ??= "completed";
    await session.prompt("goodbye");
    return "end";
  },
};
