import { answerPromptFile } from "../../sounds/catalog.ts";
import type { Step } from "../session.ts";

/** A prepared answer for the chosen topic (frequent questions), played before the caller waits. */
export const topicAnswer: Step = {
  name: "topic-answer",
  async run(session) {
    const topic = session.topic ? session.ctx.config.topics[session.topic] : undefined;
    if (!topic?.answers?.[session.language]) return;
    await session.play(session.sound(answerPromptFile(session.topic as string)));
  },
};
