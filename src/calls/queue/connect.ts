import { bestEffort } from "../../logger.ts";
import { Announcer } from "./announcer.ts";
import { Conversation } from "./conversation.ts";
import type { OutboundLeg } from "./outbound-leg.ts";
import { type AcdParts, type Waiter, waitedSeconds } from "./queue-state.ts";
import type { QueueCaller, QueueOutcome } from "./queues.ts";
import { TALK_VARIABLE, type TalkMark, talkMark } from "./waiting-mark.ts";
import { introduce, whisper } from "./whisper.ts";

export type Connected = Extract<QueueOutcome, { kind: "connected" }>;

/**
 * From an operator's answer to the end of their wrap-up: whisper and introduction, the caller out of
 * the holding bridge into a conversation, followed until it ends; a failed connect puts the caller
 * back in line with their place.
 */
export class Connect {
  constructor(
    private readonly parts: AcdParts,
    private readonly hooks: {
      recordStates: () => void;
      match: () => void;
      /** The caller was offered often enough: they leave for the overflow (true), or wait again. */
      offeredEnough: (waiter: Waiter) => boolean;
    },
  ) {}

  /**
   * The operator answered: the caller leaves the holding bridge while the conversation's bridge is
   * made, the whisper and the introduction (each if configured) play at the same time, then the two
   * are bridged. The engine hears "answered" only once they talk: until then the operator is still
   * being offered the caller, and hanging up during the whisper is a miss like not answering.
   */
  async connect(waiter: Waiter, key: string, leg: OutboundLeg, attempt: string): Promise<void> {
    const { ari, state, story, now } = this.parts;
    const { session, settings } = waiter;
    const prepared = Conversation.prepare(ari, session);
    let conversation: Conversation;
    try {
      // The caller stays in the holding bridge (music) during the whisper: adding them to the
      // conversation moves them out of it in the same request.
      await waiter.announcer.stop();
      await Promise.all([
        settings.whisper ? whisper(leg.channel, session, key) : undefined,
        settings.introduce ? introduce(session, key) : undefined,
      ]);
      if (!leg.isUp) throw new Error("the operator hung up before the caller was put through");
      conversation = await Conversation.start(ari, session, leg, session.log, prepared);
      state.holding.left(waiter.hotline, session.id);
    } catch (err) {
      await prepared.discard();
      await this.connectFailed(waiter, key, leg, attempt, err);
      return;
    }
    const answeredAt = now();
    waiter.state = "connected";
    state.engine.ringEnded(key, session.id, "answered", answeredAt);
    this.hooks.recordStates();
    const waited = waitedSeconds(waiter, answeredAt);
    session.note({
      queue_left_at: answeredAt,
      wait_seconds: waited,
      answered_by: key,
      operator_answered_at: answeredAt,
    });
    session.log.info({ operator: key, waitedSeconds: waited }, "operator answered");
    story.answered({ callId: session.id, hotline: waiter.hotline }, key, waited, answeredAt);
    const talk: TalkMark = {
      operator: key,
      legId: leg.id,
      bridgeId: conversation.bridgeId,
      hotline: waiter.hotline,
      waitedSeconds: waited,
    };
    // Asterisk keeps the conversation's parts on the caller's channel: a restarted app follows it again.
    await bestEffort(session.channel.setVar(TALK_VARIABLE, talkMark(talk)), session.log, "mark the conversation");
    waiter.settle(this.follow(session, conversation, talk, answeredAt));
  }

  /**
   * The operator hung up during the whisper (a miss), or Asterisk refused the bridge (not theirs):
   * a call is never dropped for that — the caller goes back into the queue with their place.
   */
  private async connectFailed(waiter: Waiter, key: string, leg: OutboundLeg, attempt: string, err: unknown) {
    const { state, story, now } = this.parts;
    const { session } = waiter;
    const operatorLeft = !leg.isUp;
    state.ourLegs.delete(leg.id);
    await bestEffort(leg.hangup(), session.log, "hang up the operator");
    const result = session.isGone ? "cancelled" : operatorLeft ? "rejected" : "busy";
    story.ringEnded(attempt, session.isGone ? "caller-gone" : operatorLeft ? "rejected" : "failed");
    state.engine.ringEnded(key, session.id, result, now());
    this.hooks.recordStates();
    if (session.isGone) return waiter.settle(err instanceof Error ? err : new Error(String(err)));
    session.log.warn({ err, operator: key }, "could not connect the operator; the caller waits again");
    waiter.state = "waiting";
    if (this.hooks.offeredEnough(waiter)) return;
    waiter.announcer = new Announcer(session.channel, session.language);
    await state.holding.add(waiter.hotline, session.id).catch((e) => waiter.settle(e));
    this.hooks.match();
  }

  /**
   * Until the conversation ends: then the records, the operator's wrap-up and the next match.
   * `since` is when it began talking, on our clock, for the hotline's handled time.
   */
  follow(session: QueueCaller, conversation: Conversation, talk: TalkMark, since: Date): Connected {
    const { state, story, log, now } = this.parts;
    state.conversations.add(conversation);
    const live = {
      callId: session.id,
      operator: talk.operator,
      hotline: talk.hotline,
      topic: session.topic,
      language: session.language,
      session,
      conversation,
      talk,
      since,
    };
    state.live.started(live);
    void conversation.ended
      .then((endedBy) => {
        story.completed({ callId: session.id, hotline: talk.hotline }, talk, endedBy);
        state.conversations.delete(conversation);
        state.live.ended(live);
        state.ourLegs.delete(talk.legId);
        const endedAt = now();
        state.handled.add(talk.hotline, (endedAt.getTime() - since.getTime()) / 1000);
        state.engine.callEnded(talk.operator, session.id, endedAt);
        this.hooks.recordStates();
        session.log.info({ operator: talk.operator, endedBy }, "conversation ended");
        // A restarted app must not follow (and complete) this conversation a second time.
        void bestEffort(session.channel.setVar(TALK_VARIABLE, ""), session.log, "clear the conversation's mark");
        this.hooks.match();
      })
      .catch((err) => log.error({ err, operator: talk.operator }, "ending a conversation failed"));
    return {
      kind: "connected",
      operator: talk.operator,
      waitedSeconds: talk.waitedSeconds,
      ended: conversation.ended,
      handover: () => conversation.handover,
    };
  }
}
