import type { Channel } from "../asterisk/ari/generated.ts";
import type { HangupReason } from "../asterisk/ari/resources.ts";
import type { ChannelEnd, ChannelHandle, CollectOptions, PlayItem } from "../asterisk/channels/types.ts";
import type { HotlineSettings } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { CallFields } from "../records/call-records.ts";
import { type CallOutcome, describeOutcome } from "../records/outcome.ts";
import type { HotlinePrompt } from "../sounds/catalog.ts";
import { promptSound, soundUri } from "../sounds/prompts.ts";
import { type CallContext, hotlineSettings } from "./context.ts";

/** What a session knows about its call when it starts; the journey decides the rest. */
export interface CallInfo {
  channel: Channel;
  did: string;
  trunk: string;
  hotline: string;
  campaign?: string;
  language: string;
}

/** After the channel is gone, how long the journey gets to settle (a message ended by hanging up is saved). */
const SETTLE_AFTER_GONE_MS = 10_000;

/**
 * One caller's call, from StasisStart to ChannelDestroyed: the channel (prompts in the caller's
 * language, keys) and what the journey learned (language, topic, menu path). The journey's steps
 * return their results; the record is closed once, when both the channel is gone and the journey
 * has settled.
 */
export class CallSession {
  readonly id: string;
  readonly hotline: HotlineSettings;
  language: string;
  topic: string | undefined;
  readonly menuPath: string[] = [];
  readonly log: Logger;
  /** The app stopped with this call still up: the next run adopts it and writes the rest of its record. */
  private handedOver = false;

  constructor(
    readonly info: CallInfo,
    readonly channel: ChannelHandle,
    readonly ctx: CallContext,
  ) {
    this.id = channel.id;
    this.language = info.language;
    this.hotline = hotlineSettings(ctx.config, info.hotline);
    this.log = ctx.log;
  }

  get isGone(): boolean {
    return this.channel.isGone;
  }

  /** From now on this run writes nothing more of the call: it stays in Asterisk for the next run. */
  handOver(): void {
    this.handedOver = true;
  }

  async answer(): Promise<void> {
    await this.channel.answer();
    // Asterisk's clock, like the call's start: billing runs from here even where a test moves ctx.now.
    if (!this.handedOver) this.ctx.records.answered(this.id, new Date());
  }

  /** Record fields of this call (language, topic, queue times…) as the journey learns them. */
  note(fields: CallFields): void {
    if (!this.handedOver) this.ctx.records.update(this.id, fields);
  }

  setLanguage(language: string): void {
    this.language = language;
    this.note({ language });
  }

  setTopic(topic: string): void {
    this.topic = topic;
    this.note({ topic });
  }

  /** The sound URI of one of this hotline's prompts. */
  promptUri(name: HotlinePrompt): string {
    return promptSound(name, this.info.hotline);
  }

  /** Play one of this hotline's prompts in the caller's language. */
  prompt(name: HotlinePrompt): Promise<void> {
    return this.play(this.promptUri(name));
  }

  /** A prompt file by name (language options, topic answers): sound:hotline/<file>. */
  sound(file: string): string {
    return soundUri(file);
  }

  /** Play media to the caller and wait until it finishes; a hang-up rejects with ChannelGone. */
  play(...items: PlayItem[]): Promise<void> {
    return this.channel.play(items, this.language);
  }

  /** Ask for keys in the caller's language (see ChannelHandle.collect). */
  collectDigits(options: CollectOptions): Promise<string> {
    return this.channel.collect(options, this.language);
  }

  /** Forget keys pressed so far (before a new question). */
  clearDigits(): void {
    this.channel.clearKeys();
  }

  hangup(reason: HangupReason = "normal"): Promise<void> {
    return this.channel.hangup(reason);
  }

  /** Never resolves; rejects with ChannelGone when the caller hangs up. */
  whenGone(): Promise<never> {
    return this.channel.whenGone();
  }

  /**
   * Close the record once both the journey (its outcome: undefined when the caller left before
   * anything was decided) and the channel are done. A journey still busy long after the hang-up is
   * not waited for.
   */
  async close(journey: Promise<CallOutcome | undefined>): Promise<CallOutcome> {
    const end: ChannelEnd = await this.channel.ended;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), SETTLE_AFTER_GONE_MS);
    });
    const decided = await Promise.race([journey, late]);
    clearTimeout(timer);
    if (decided === "late") this.log.warn("the journey did not settle after the hang-up; closing the record");
    const known = decided !== "late" ? decided : undefined;
    // Asterisk lost the channel: whatever the caller seemed to do then (leave the queue, hang up), it was not theirs.
    const cutOff = end.lost && (!known || known.kind === "abandoned" || known.kind === "caller-hangup");
    const outcome: CallOutcome = cutOff ? { kind: "lost" } : (known ?? { kind: "caller-hangup" });
    const detail = describeOutcome(outcome);
    if (this.handedOver) return outcome;
    this.ctx.records.ended(this.id, {
      endedAt: end.at,
      outcome,
      hangupCause: end.cause,
      hangupCauseText: end.causeText,
    });
    this.log.info({ outcome: outcome.kind, detail, cause: end.causeText }, "call ended");
    return outcome;
  }
}
