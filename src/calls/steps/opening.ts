import type { Step } from "../session.ts";
import { nextOpeningSpeech } from "../speech.ts";
import { requestCallback } from "./callback.ts";
import { leaveVoicemail } from "./voicemail.ts";

/**
 * Outside opening hours: "we are closed; we open on Monday at 9:00", then the hotline's closed
 * action (voicemail, callback request or goodbye). Open: nothing happens here.
 *
 * Outcomes: the call's outcome says what the caller got — "voicemail" when a message was kept,
 * "callback" when a number was confirmed, otherwise "closed" — and outcome_detail why ("closed:
 * message left", "closed: no callback number confirmed"). After-hours demand is every
 * call with a schedule_rule: it is noted on each call found closed, and only then, so the weekly
 * report counts it whatever the caller did next. Voicemail and callback outcomes mean the same
 * after hours as after a queue overflow; the detail tells them apart.
 */
export const checkOpen: Step = {
  name: "opening-hours",
  async run(session) {
    const { ctx } = session;
    const now = ctx.now();
    const state = await ctx.openingHours.state(session.info.hotline, now);
    if (state.open) return;
    const action = session.hotline.closed.action;
    session.note({ schedule_rule: state.rule });
    session.outcome = "closed";
    session.outcomeDetail = "closed"; // what voicemail and callback add their result to
    session.log.info({ rule: state.rule, nextOpening: state.nextOpening, action }, "hotline closed");

    const announcement = [session.promptUri("closed")];
    if (state.nextOpening) {
      announcement.push(
        session.promptUri("we-open"),
        ...nextOpeningSpeech(state.nextOpening, now, state.timezone, session.language),
      );
    }
    await session.play(...announcement);

    if (action === "voicemail") await leaveVoicemail(session, "closed");
    else if (action === "callback") await requestCallback(session, "closed");
    if (!session.isGone) await session.prompt("goodbye");
    return "end";
  },
};
