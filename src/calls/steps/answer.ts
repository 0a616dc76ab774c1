import type { Step } from "../step.ts";

/** Pick up: from here on the caller is billed and hears us. */
export const answer: Step = {
  name: "answer",
  async run(session) {
    if (session.info.channel.state === "Up") return undefined; // adopted after a restart: already answered
    await session.answer();
    return undefined;
  },
};
