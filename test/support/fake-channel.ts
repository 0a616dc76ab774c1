import { Keypad } from "../../src/asterisk/channels/keypad.ts";
import {
  type ChannelEnd,
  ChannelGone,
  type ChannelHandle,
  type CollectOptions,
  type Playback,
  type PlayItem,
  type RecordOptions,
  type RecordResult,
} from "../../src/asterisk/channels/types.ts";

/** What the fake caller does when a given media is played to them. */
type Reaction = { press: string } | { hangup: true } | { hangupUnnoticed: true };

/**
 * A channel without Asterisk, for the journey's unit tests: it records what is played, answers
 * prompts with keys as scripted (`when(media).press(keys)`), hangs up where told, and takes silence
 * at once (no real waiting). Everything a step can do to a channel is on ChannelHandle; this is it.
 */
export class FakeChannel implements ChannelHandle {
  /** Every media URI played or announced, in order. */
  readonly played: string[] = [];
  readonly vars = new Map<string, string>();
  readonly recordings: RecordOptions[] = [];
  answered = false;
  rang = false;
  hungUpWith: string | undefined;
  /** Seconds a recording lasts; `hangupWhileRecording` ends the call as the message ends. */
  recordSeconds = 12;
  hangupWhileRecording = false;
  /** Asterisk refuses every announcement (as an ARI error, the channel still up). */
  refuseAnnouncements = false;
  readonly ended: Promise<ChannelEnd>;
  private gone = false;
  private unnoticed = false;
  private readonly keypad = new Keypad();
  private readonly reactions = new Map<string, Reaction[]>();
  private readonly gonePromise: Promise<never>;
  private rejectGone!: (err: ChannelGone) => void;
  private settleEnd!: (end: ChannelEnd) => void;

  constructor(readonly id = "caller-1") {
    this.ended = new Promise((resolve) => {
      this.settleEnd = resolve;
    });
    this.gonePromise = new Promise<never>((_, reject) => {
      this.rejectGone = reject;
    });
    this.gonePromise.catch(() => undefined);
  }

  /** Script the caller: when `media` is played (each time, in turn), press keys or hang up. */
  when(media: string): { press(keys: string): FakeChannel; hangup(): FakeChannel; hangupUnnoticed(): FakeChannel } {
    const add = (r: Reaction) => {
      this.reactions.set(media, [...(this.reactions.get(media) ?? []), r]);
      return this;
    };
    return {
      press: (keys) => add({ press: keys }),
      hangup: () => add({ hangup: true }),
      // The media ends as if played out; the next request finds the caller gone.
      hangupUnnoticed: () => add({ hangupUnnoticed: true }),
    };
  }

  get isGone(): boolean {
    return this.gone;
  }

  whenGone(): Promise<never> {
    return this.gonePromise;
  }

  async answer(): Promise<void> {
    this.ensureHere();
    this.answered = true;
  }

  async ring(): Promise<void> {
    this.ensureHere();
    this.rang = true;
  }

  async play(items: readonly PlayItem[], _lang: string): Promise<void> {
    for (const item of items) {
      this.ensureHere();
      this.hear(typeof item === "string" ? item : item.media);
      if (this.unnoticed) return;
      if (this.gone) throw new ChannelGone(this.id);
    }
  }

  announce(media: readonly string[], _lang: string): Playback {
    if (this.refuseAnnouncements && !this.gone) {
      const refused = Promise.reject(new Error("ARI: playback refused"));
      refused.catch(() => undefined);
      return { started: refused, done: refused, stop: async () => undefined };
    }
    if (!this.gone) for (const m of media) this.hear(m);
    return { started: Promise.resolve(), done: Promise.resolve(), stop: async () => undefined };
  }

  async collect(options: CollectOptions, lang: string): Promise<string> {
    if (options.prompt && !this.keypad.pending) {
      // Barge-in: the first key stops the prompt.
      for (const item of options.prompt) {
        if (this.keypad.pending) break;
        await this.play([item], lang);
      }
    }
    return this.keypad.collect(options, async () => {
      this.ensureHere();
      return this.keypad.pending;
    });
  }

  clearKeys(): void {
    this.keypad.clear();
  }

  async record(options: RecordOptions): Promise<RecordResult> {
    this.ensureHere();
    this.recordings.push(options);
    if (this.hangupWhileRecording) this.goAway();
    return { name: options.name, durationSeconds: this.recordSeconds };
  }

  async hangup(reason = "normal"): Promise<void> {
    if (this.gone) return;
    this.hungUpWith = reason;
    this.goAway();
  }

  async setVar(name: string, value: string): Promise<void> {
    if (!this.gone) this.vars.set(name, value);
  }

  async getVar(name: string): Promise<string> {
    return this.vars.get(name) ?? "";
  }

  /** The caller hangs up now. */
  goAway(cause = 16): void {
    if (this.gone) return;
    this.gone = true;
    this.rejectGone(new ChannelGone(this.id));
    this.settleEnd({ at: new Date(), cause, causeText: "Normal Clearing", lost: false });
  }

  private hear(media: string): void {
    this.played.push(media);
    const reaction = this.reactions.get(media)?.shift();
    if (!reaction) return;
    if ("press" in reaction) for (const key of reaction.press) this.keypad.press(key);
    else if ("hangupUnnoticed" in reaction) this.unnoticed = true;
    else this.goAway();
  }

  private ensureHere(): void {
    if (this.unnoticed) this.goAway();
    if (this.gone) throw new ChannelGone(this.id, true);
  }
}
