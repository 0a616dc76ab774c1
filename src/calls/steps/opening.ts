import type { CallOutcome } from "../../records/outcome.ts";
import { nextOpeningSpeech } from "../speech.ts";
import { end, type Step, unlessGone } from "../step.ts";
import { offer } from "./offer.ts";

/**
 * Outside opening hours: "we are closed; we open on Monday at 9:00", then the hotline's closed
 * action (voicemail, callback request or goodbye). Open: nothing happens here.
 *
 * The outcome says what the caller got: a voicemail or a callback, or closed (with the offer they
 * declined). After-hours demand is every call with a schedule_rule: it is noted on each call found
 * closed, and only then, so the weekly report counts it whatever the caller did next.
 */
export const checkOpen: Step = {
  name: "opening-hours",
  async run(session) {
    const { ctx } = session;
    const now = ctx.now();
    const state = await ctx.openingHours.state(session.info.hotline, now);
    if (state.open) return undefined;
    const action = session.hotline.closed.action;
    session.note({ schedule_rule: state.rule });
    session.log.info({ rule: state.rule, nextOpening: state.nextOpening, action }, "hotline closed");

    const closed: CallOutcome = { kind: "closed", context: "closed" };
    const outcome = await unlessGone(closed, async () => {
      const announcement = [session.promptUri("closed")];
      if (state.nextOpening) {
        announcement.push(
          session.promptUri("we-open"),
          ...nextOpeningSpeech(state.nextOpening, now, state.timezone, session.language),
        );
      }
      await session.play(...announcement);
      return end(action === "voicemail" || action === "callback" ? await offer(session, action, "closed") : closed);
    });
    return unlessGone(outcome?.outcome ?? closed, async () => {
      await session.prompt("goodbye");
      return outcome;
    });
  },
};
