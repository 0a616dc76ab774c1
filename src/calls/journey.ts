import type { QueueMark, TalkMark } from "./queue/waiting-mark.ts";
import type { Step } from "./session.ts";
import { answer } from "./steps/answer.ts";
import { goodbye } from "./steps/goodbye.ts";
import { greeting } from "./steps/greeting.ts";
import { chooseLanguage } from "./steps/language.ts";
import { topicMenu } from "./steps/menu.ts";
import { checkOpen } from "./steps/opening.ts";
import { resumeTalking, resumeWaiting, waitInQueue } from "./steps/queue.ts";
import { survey } from "./steps/survey.ts";
import { topicAnswer } from "./steps/topic-answer.ts";

/**
 * The caller's journey, in order. Each step decides for itself whether it applies (no menu
 * configured, one language only…), and any step may end the journey.
 */
export function inboundJourney(): Step[] {
  return [answer, greeting, chooseLanguage, checkOpen, topicMenu, topicAnswer, waitInQueue, survey, goodbye];
}

/** A caller adopted after an app restart while waiting or talking with an operator: the rest of their journey. */
export function resumedJourney(mark: { waiting: QueueMark } | { talking: TalkMark }): Step[] {
  return ["waiting" in mark ? resumeWaiting(mark.waiting) : resumeTalking(mark.talking), survey, goodbye];
}
