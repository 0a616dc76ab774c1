import { ChannelGone } from "../../asterisk/channels/types.ts";
import { end, type Step } from "../step.ts";

/** The end of the journey when nothing else ended it: say goodbye and hang up. */
export const goodbye: Step = {
  name: "goodbye",
  async run(session, soFar) {
    try {
      await session.prompt("goodbye");
      return end(soFar ?? { kind: "completed" });
    } catch (err) {
      if (!(err instanceof ChannelGone)) throw err;
      // A goodbye refused outright means the caller had already gone: the end of the last prompt
      // can reach us before the news of the hang-up does.
      return end(soFar ?? (err.refused ? { kind: "caller-hangup" } : { kind: "completed" }));
    }
  },
};
