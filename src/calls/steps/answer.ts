import type { Step } from "../session.ts";

/** Pick up: from here on the caller is billed and hears us. */
export const answer: Step = {
  name: "answer",
  async run(session) {
    if (session.info.channel.state === "Up") return; // adopted after a restart: already answered
    await session.answer();
  },
};
