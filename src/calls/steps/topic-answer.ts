import { answerPromptFile } from "../../sounds/catalog.ts";
import type { Step } from "../step.ts";

/** A prepared answer for the chosen topic (frequent questions), played before the caller waits. */
export const topicAnswer: Step = {
  name: "topic-answer",
  async run(session) {
    const topic = session.topic;
    if (!topic || !session.ctx.config.topics[topic]?.answers?.[session.language]) return undefined;
    await session.play(session.sound(answerPromptFile(topic)));
    return undefined;
  },
};
