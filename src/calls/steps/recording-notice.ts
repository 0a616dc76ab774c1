import { recordModeOf } from "../../config/schema-room.ts";
import type { Step } from "../step.ts";

/**
 * "This call is recorded", once the topic is known and before the caller waits for an operator, for
 * topics recorded with a notice (`record: announce`, and sensitive topics by default).
 */
export const recordingNotice: Step = {
  name: "recording-notice",
  async run(session) {
    const topic = session.topic;
    if (!topic || recordModeOf(session.ctx.config.topics[topic]) !== "announce") return undefined;
    await session.play(session.sound("call-recorded"));
    return undefined;
  },
};
