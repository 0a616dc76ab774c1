import type { Step } from "../step.ts";

/** Seconds the caller has to press their answer after the question. */
const ANSWER_TIMEOUT_MS = 8000;

/**
 * After the operator hangs up: one question, answered 1…scale on the keypad, stored with the call.
 * Only then: a caller who hung up on the operator, or never reached one, is not asked.
 */
export const survey: Step = {
  name: "survey",
  async run(session, soFar) {
    const settings = session.hotline.survey;
    if (!settings?.enabled || soFar?.kind !== "answered" || soFar.endedBy !== "operator") return undefined;
    session.clearDigits(); // keys pressed while talking to the operator are no answer
    for (let attempt = 0; attempt < 2; attempt++) {
      const key = await session.collectDigits({
        prompt: [session.promptUri("survey")],
        max: 1,
        timeoutMs: ANSWER_TIMEOUT_MS,
      });
      if (!key) return undefined; // silence: the caller does not want to answer
      const score = Number(key);
      if (Number.isInteger(score) && score >= 1 && score <= settings.scale) {
        session.note({ survey_score: score });
        await session.prompt("survey-thanks");
        return undefined;
      }
      session.clearDigits();
      await session.prompt("invalid");
    }
    return undefined;
  },
};
