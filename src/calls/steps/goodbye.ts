import { end, type Step, unlessGone } from "../step.ts";

/** The end of the journey when nothing else ended it: say goodbye and hang up. */
export const goodbye: Step = {
  name: "goodbye",
  async run(session, soFar) {
    const outcome = soFar ?? { kind: "completed" };
    return unlessGone(outcome, async () => {
      await session.prompt("goodbye");
      return end(outcome);
    });
  },
};
