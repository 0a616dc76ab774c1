import { ChannelGone } from "../asterisk/channels/types.ts";
import { bestEffort } from "../logger.ts";
import type { CallOutcome } from "../records/outcome.ts";
import type { QueueMark, TalkMark } from "./queue/waiting-mark.ts";
import type { CallSession } from "./session.ts";
import type { Step } from "./step.ts";
import { answer } from "./steps/answer.ts";
import { goodbye } from "./steps/goodbye.ts";
import { greeting } from "./steps/greeting.ts";
import { chooseLanguage } from "./steps/language.ts";
import { topicMenu } from "./steps/menu.ts";
import { checkOpen } from "./steps/opening.ts";
import { resumeTalking, resumeWaiting, waitInQueue } from "./steps/queue.ts";
import { recordingNotice } from "./steps/recording-notice.ts";
import { survey } from "./steps/survey.ts";
import { topicAnswer } from "./steps/topic-answer.ts";

/**
 * The caller's journey, in order. Each step decides for itself whether it applies (no menu
 * configured, one language only…), and any step may end the journey.
 */
export function inboundJourney(): Step[] {
  return [
    answer,
    greeting,
    chooseLanguage,
    checkOpen,
    topicMenu,
    topicAnswer,
    recordingNotice,
    waitInQueue,
    survey,
    goodbye,
  ];
}

/** A caller adopted after an app restart while waiting or talking with an operator: the rest of their journey. */
export function resumedJourney(mark: { waiting: QueueMark } | { talking: TalkMark }): Step[] {
  return ["waiting" in mark ? resumeWaiting(mark.waiting) : resumeTalking(mark.talking), survey, goodbye];
}

/**
 * Run the steps in order and hang up at the end. The outcome is the last one a step gave; undefined
 * when the caller hung up before any step decided one. Never rejects: a failed step is logged and
 * the call ends as an error.
 */
export async function runJourney(session: CallSession, steps: readonly Step[]): Promise<CallOutcome | undefined> {
  let outcome: CallOutcome | undefined;
  try {
    for (const step of steps) {
      if (session.isGone) break;
      session.log.debug({ step: step.name }, "step");
      const result = await step.run(session, outcome);
      if (result?.outcome) outcome = result.outcome;
      if (result?.end) break;
    }
    await session.hangup();
    return outcome ?? (session.isGone ? undefined : { kind: "completed" });
  } catch (err) {
    if (err instanceof ChannelGone || session.isGone) return outcome;
    session.log.error({ err }, "call journey failed");
    await bestEffort(session.hangup(), session.log, "hang up after the failure");
    return outcome ?? { kind: "error" };
  }
}
