import { bestEffort } from "../../logger.ts";
import { Announcer } from "./announcer.ts";
import { Conversation } from "./conversation.ts";
import type { OutboundLeg } from "./outbound-leg.ts";
import { type AcdParts, callerOf, type Waiter, waitedSeconds } from "./queue-state.ts";
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
    private readonly hooks: { recordStates: () => void; match: () => void; advance: () => void },
  ) {}

  /** The operator answered: whisper, name, then from the holding bridge into a conversation. */
  async connect(waiter: Waiter, key: string, leg: OutboundLeg, attempt: string): Promise<void> {
    const { ari, state, story, now } = this.parts;
    const { session } = waiter;
    let conversation: Conversation;
    let talkingSince: Date;
    try {
      await waiter.announcer.stop();
      await state.holding.remove(waiter.hotline, session.id);
      // The operator hears what the call is about while the caller hears who takes it.
      await Promise.all([whisper(leg.channel, session, key), introduce(session, key)]);
      conversation = await Conversation.start(ari, session, leg, session.log);
      talkingSince = now();
    } catch (err) {
      // The operator hung up during the whisper, or Asterisk refused the bridge: a call is never
      // dropped for that — the caller goes back into the queue with their place.
      state.ourLegs.delete(leg.id);
      await bestEffort(leg.hangup(), session.log, "hang up the operator");
      story.ringEnded(attempt, "answered");
      state.engine.callEnded(key, session.id, now());
      this.hooks.recordStates();
      if (session.isGone) return waiter.settle(err instanceof Error ? err : new Error(String(err)));
      session.log.warn({ err, operator: key }, "could not connect the operator; the caller waits again");
      await this.requeue(waiter);
      return;
    }
    waiter.state = "connected";
    const answeredAt = now();
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
    waiter.settle(this.follow(session, conversation, talk, talkingSince));
  }

  /**
   * Until the conversation ends: then the records, the operator's wrap-up and the next match.
   * `since` is when it began talking, on our clock, for the hotline's handled time.
   */
  follow(session: QueueCaller, conversation: Conversation, talk: TalkMark, since: Date): Connected {
    const { state, story, log, now } = this.parts;
    state.conversations.add(conversation);
    void conversation.ended
      .then((endedBy) => {
        story.completed({ callId: session.id, hotline: talk.hotline }, talk, endedBy);
        state.conversations.delete(conversation);
        state.ourLegs.delete(talk.legId);
        const endedAt = now();
        state.handled.add(talk.hotline, (endedAt.getTime() - since.getTime()) / 1000);
        state.engine.callEnded(talk.operator, session.id, endedAt);
        this.hooks.recordStates();
        session.log.info({ operator: talk.operator, endedBy }, "conversation ended");
        this.afterWrapUp(talk.hotline);
      })
      .catch((err) => log.error({ err, operator: talk.operator }, "ending a conversation failed"));
    return { kind: "connected", operator: talk.operator, waitedSeconds: talk.waitedSeconds, ended: conversation.ended };
  }

  /** Back into the queue with the same arrival time (the answer could not be completed). */
  private async requeue(waiter: Waiter): Promise<void> {
    const { state } = this.parts;
    const { session } = waiter;
    waiter.state = "waiting";
    waiter.announcer = new Announcer(session.channel, session.language);
    state.engine.addCaller(callerOf(waiter, session.topic, session.language));
    await state.holding.add(waiter.hotline, session.id).catch((err) => waiter.settle(err));
    this.hooks.match();
  }

  /** Match again as soon as the operator's wrap-up is over, not only at the next tick. */
  private afterWrapUp(hotline: string): void {
    const seconds = this.parts.state.config.hotlines[hotline]?.queue.wrapUp ?? 0;
    setTimeout(
      () => {
        this.hooks.advance();
        this.hooks.match();
      },
      seconds * 1000 + 20,
    ).unref();
  }
}
