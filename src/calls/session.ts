import { randomUUID } from "node:crypto";
import { isGone } from "../asterisk/ari/errors.ts";
import type { AriEvent, Channel, LiveRecording } from "../asterisk/ari/generated.ts";
import type { HotlineSettings } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { CallFields } from "../records/call-records.ts";
import { outcomeFromProse } from "../records/migrations/007_outcome_columns.ts";
import { type CallOutcome, describeOutcome } from "../records/outcome.ts";
import type { HotlinePrompt } from "../sounds/catalog.ts";
import { promptSound, soundUri } from "../sounds/prompts.ts";
import { type CallContext, hotlineSettings } from "./context.ts";
import { CallerGone } from "./errors.ts";

/** What a session knows about its call when it starts; the journey decides the rest. */
export interface CallInfo {
  channel: Channel;
  did: string;
  trunk: string;
  hotline: string;
  campaign?: string;
  language: string;
}

/**
 * One step of the caller's journey (greeting, menu, queue…): one file each under steps/. A step
 * returning "end" ends the journey (the caller was served, left a message, was transferred…);
 * the session then hangs up if the caller is still there.
 */
export interface Step {
  readonly name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: most steps return nothing; "end" is the exception.
  run(session: CallSession): Promise<void | "end">;
}

interface PendingPlayback {
  resolve(): void;
  reject(err: Error): void;
}

export interface CollectOptions {
  /** Played first; a key pressed during it stops it (barge-in) and counts. */
  prompt?: PlayItem[];
  /** Stop after this many digits. */
  max: number;
  /** Wait this long for the first key after the prompt. */
  timeoutMs: number;
  /** Wait this long between keys (default: timeoutMs). */
  interDigitMs?: number;
  /** A key that ends the input early and is not part of it (e.g. "#"). */
  terminator?: string;
}

/** Media to play: a URI (sound:…, number:…, digits:…) with an optional language of its own. */
export type PlayItem = string | { media: string; lang?: string };

export interface RecordResult {
  name: string;
  durationSeconds: number;
}

/**
 * One caller's call, from StasisStart to ChannelDestroyed. Steps run in order; a hang-up at any
 * moment rejects whatever the current step awaits with CallerGone, and the record is always closed.
 */
export class CallSession {
  readonly id: string;
  readonly hotline: HotlineSettings;
  language: string;
  outcome: string | undefined;
  /** Why the outcome (e.g. "overflowed to +34911…", "trunk main at its 30-channel limit"). */
  outcomeDetail: string | undefined;
  answeredAt: Date | undefined;
  topic: string | undefined;
  readonly menuPath: string[] = [];
  readonly log: Logger;
  private gone = false;
  private readonly playbacks = new Map<string, PendingPlayback>();
  private readonly recordings = new Map<string, (r: RecordResult | Error) => void>();
  private readonly goneWaiters = new Set<(err: CallerGone) => void>();
  private finished = false;
  private journeyRunning = false;
  private ending: { at: Date; cause?: number; causeText?: string } | undefined;
  private hangupCause: number | undefined;
  private farEndHungUp = false;
  private digits = "";
  private readonly digitWaiters = new Set<() => void>();
  private bargeIn: Set<string> | undefined;

  constructor(
    readonly info: CallInfo,
    readonly ctx: CallContext,
    private readonly onFinished: (session: CallSession) => void,
  ) {
    this.id = info.channel.id;
    this.language = info.language;
    this.hotline = hotlineSettings(ctx.config, info.hotline);
    this.log = ctx.log;
  }

  get isGone(): boolean {
    return this.gone;
  }

  get ari() {
    return this.ctx.ari;
  }

  async run(steps: Step[]): Promise<void> {
    this.journeyRunning = true;
    try {
      for (const step of steps) {
        if (this.gone) break;
        this.log.debug({ step: step.name }, "step");
        if ((await step.run(this)) === "end") break;
      }
      await this.hangup();
    } catch (err) {
      if (err instanceof CallerGone || this.gone) return;
      this.log.error({ err }, "call journey failed");
      this.outcome ??= "error";
      await this.hangup().catch(() => undefined);
    } finally {
      this.journeyRunning = false;
      if (this.ending) this.closeRecord();
    }
  }

  async answer(): Promise<void> {
    this.ensureHere();
    await this.guard(this.ari.channels.answer(this.id));
    this.answeredAt = new Date();
    this.ctx.records.answered(this.id, this.answeredAt);
  }

  /** Record fields of this call (language, topic, queue times…) as the journey learns them. */
  note(fields: CallFields): void {
    this.ctx.records.update(this.id, fields);
  }

  setLanguage(language: string): void {
    this.language = language;
    this.note({ language });
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

  /** Play media to the caller and wait until it finishes (or the caller hangs up). */
  async play(...items: PlayItem[]): Promise<void> {
    // Consecutive items in one language go in one request (no gap between them).
    for (const group of groupByLanguage(items, this.language)) {
      if (this.bargeIn && this.digits.length > 0) break; // a key was pressed: the rest is skipped
      await this.playOnce(group.media, group.lang);
    }
  }

  private async playOnce(media: string[], lang: string): Promise<void> {
    this.ensureHere();
    const playbackId = randomUUID();
    const finished = new Promise<void>((resolve, reject) => this.playbacks.set(playbackId, { resolve, reject }));
    // A hang-up while the play request is in flight rejects this before it is awaited: not unhandled.
    finished.catch(() => undefined);
    this.bargeIn?.add(playbackId);
    try {
      await this.guard(this.ari.channels.play(this.id, playbackId, media, { lang }));
    } catch (err) {
      this.playbacks.delete(playbackId);
      throw err;
    }
    if (this.bargeIn && this.digits.length > 0) this.stopPlayback(playbackId);
    await finished;
  }

  /** Forget keys pressed so far (before a new question). */
  clearDigits(): void {
    this.digits = "";
  }

  /**
   * Ask for keys: play the prompt (a key stops it), then wait for up to `max` keys. Returns what was
   * pressed, "" when nothing was (timeout). Keys pressed before the call are kept: callers who know
   * the menu type ahead.
   */
  async collectDigits(options: CollectOptions): Promise<string> {
    if (options.prompt && options.prompt.length > 0 && this.digits.length === 0) {
      this.bargeIn = new Set();
      try {
        await this.play(...options.prompt);
      } finally {
        this.bargeIn = undefined;
      }
    }
    let collected = "";
    let wait = options.timeoutMs;
    for (;;) {
      while (this.digits.length > 0) {
        const key = this.digits[0] as string;
        this.digits = this.digits.slice(1);
        if (options.terminator && key === options.terminator) return collected;
        collected += key;
        if (collected.length >= options.max) return collected;
      }
      const got = await this.waitForDigit(wait);
      if (!got) return collected;
      wait = options.interDigitMs ?? options.timeoutMs;
    }
  }

  private waitForDigit(timeoutMs: number): Promise<boolean> {
    this.ensureHere();
    if (this.digits.length > 0) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.digitWaiters.delete(done);
        this.goneWaiters.delete(onGone);
        resolve(true);
      };
      const onGone = (err: CallerGone) => {
        clearTimeout(timer);
        this.digitWaiters.delete(done);
        reject(err);
      };
      const timer = setTimeout(() => {
        this.digitWaiters.delete(done);
        this.goneWaiters.delete(onGone);
        resolve(false);
      }, timeoutMs);
      this.digitWaiters.add(done);
      this.goneWaiters.add(onGone);
    });
  }

  /**
   * Record the caller (voicemail): a beep, then until the terminator key, silence, the time limit or
   * the hang-up. A message ended by hanging up is kept: that is how most callers finish one.
   */
  async record(options: {
    name: string;
    maxDurationSeconds: number;
    maxSilenceSeconds?: number;
    terminateOn?: "none" | "any" | "*" | "#";
  }): Promise<RecordResult> {
    this.ensureHere();
    const finished = new Promise<RecordResult | Error>((resolve) => this.recordings.set(options.name, resolve));
    try {
      await this.guard(
        this.ari.client.call("POST /channels/{channelId}/record", {
          params: { channelId: this.id },
          query: {
            name: options.name,
            format: "wav",
            maxDurationSeconds: options.maxDurationSeconds,
            maxSilenceSeconds: options.maxSilenceSeconds ?? 10,
            ifExists: "fail",
            beep: true,
            terminateOn: options.terminateOn ?? "#",
          },
        }),
      );
    } catch (err) {
      this.recordings.delete(options.name);
      throw err;
    }
    // Asterisk ends the recording by itself at maxDurationSeconds; this only guards against a lost event.
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      finished,
      new Promise<Error>((resolve) => {
        timer = setTimeout(
          () => resolve(new Error("recording did not finish")),
          (options.maxDurationSeconds + 15) * 1000,
        );
      }),
    ]);
    clearTimeout(timer);
    this.recordings.delete(options.name);
    if (result instanceof Error) throw result;
    return result;
  }

  async hangup(reason: Parameters<CallContext["ari"]["channels"]["hangup"]>[1] = "normal"): Promise<void> {
    if (this.gone) return;
    await this.ari.channels.hangup(this.id, reason).catch((err) => {
      if (!isGone(err)) throw err;
    });
  }

  /** Events for this channel, routed here by the call service. */
  handleEvent(event: AriEvent): void {
    switch (event.type) {
      case "PlaybackFinished": {
        const pending = this.playbacks.get(event.playback.id);
        this.playbacks.delete(event.playback.id);
        pending?.resolve();
        break;
      }
      case "ChannelDtmfReceived":
        this.digits += event.digit;
        for (const playbackId of this.bargeIn ?? []) this.stopPlayback(playbackId);
        for (const wake of [...this.digitWaiters]) wake();
        break;
      case "RecordingFinished":
        this.recordings.get(event.recording.name)?.({
          name: event.recording.name,
          durationSeconds: recordingSeconds(event.recording),
        });
        break;
      case "RecordingFailed":
        this.recordings.get(event.recording.name)?.(new Error(`recording failed: ${event.recording.cause ?? ""}`));
        break;
      case "ChannelHangupRequest":
        // A soft hangup's "cause" is a flag set (32 = explicit), not a Q.850 cause.
        if (!event.soft) {
          this.farEndHungUp = true;
          if (event.cause) this.hangupCause = event.cause;
        }
        break;
      case "StasisEnd":
        this.markGone();
        // ChannelDestroyed normally follows at once; if it got lost, close the record anyway.
        setTimeout(() => this.finish(new Date(), this.hangupCause), 3000).unref();
        break;
      case "ChannelDestroyed":
        this.markGone();
        this.finish(new Date(event.timestamp ?? Date.now()), event.cause, event.cause_txt);
        break;
      default:
        break;
    }
  }

  /** After a reconnect: playbacks that ended while we weren't listening are settled now. */
  async resync(): Promise<void> {
    for (const [playbackId, pending] of this.playbacks) {
      try {
        await this.ari.playbacks.get(playbackId);
      } catch (err) {
        if (isGone(err)) {
          this.playbacks.delete(playbackId);
          pending.resolve();
        }
      }
    }
  }

  /** Asterisk no longer has this channel (it restarted while the call was up). */
  lost(): void {
    this.outcome ??= "lost";
    this.markGone();
    this.finish(new Date(), undefined, "channel lost");
  }

  /** Never resolves; rejects when the caller hangs up: race it against waits that have no event of their own. */
  whenGone(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.gone) reject(new CallerGone(this.id));
      else this.goneWaiters.add(reject);
    });
  }

  private stopPlayback(playbackId: string): void {
    this.ari.playbacks.stop(playbackId).catch(() => undefined);
  }

  private markGone(): void {
    if (this.gone) return;
    this.gone = true;
    const err = new CallerGone(this.id);
    for (const pending of this.playbacks.values()) pending.reject(err);
    this.playbacks.clear();
    for (const reject of this.goneWaiters) reject(err);
    this.goneWaiters.clear();
  }

  private finish(at: Date, cause?: number, causeText?: string): void {
    if (this.ending) return;
    if (!cause && this.hangupCause) cause = this.hangupCause;
    if (!cause && this.farEndHungUp) {
      // chan_pjsip reports 0 for a plain BYE; a BYE is normal clearing by the far end (RFC 3398: 16).
      cause = 16;
      causeText = "Normal Clearing";
    }
    this.ending = { at, cause, causeText };
    // The record is written once, when the journey has settled: a message's length, say, arrives with
    // the hang-up. A journey that does not settle soon is not waited for.
    if (this.journeyRunning) setTimeout(() => this.closeRecord(), SETTLE_MS).unref();
    else this.closeRecord();
  }

  private closeRecord(): void {
    if (this.finished || !this.ending) return;
    this.finished = true;
    const { at, cause, causeText } = this.ending;
    const outcome = journeyOutcome(this);
    this.ctx.records.ended(this.id, { endedAt: at, outcome, hangupCause: cause, hangupCauseText: causeText });
    this.log.info({ outcome: outcome.kind, detail: describeOutcome(outcome), cause: causeText }, "call ended");
    this.onFinished(this);
  }

  private ensureHere(): void {
    if (this.gone) throw new CallerGone(this.id);
  }

  /** A 404/409 from ARI during a step means the caller left mid-request. */
  private async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (err) {
      if (isGone(err)) {
        this.markGone();
        throw new CallerGone(this.id);
      }
      throw err;
    }
  }
}

/** How long a journey may take to settle after the caller's channel is gone before its record is closed anyway. */
const SETTLE_MS = 5000;

/**
 * TEMPORARY BRIDGE, until the steps produce a CallOutcome themselves: the journey still keeps its
 * outcome as a word and a sentence (`outcome`, `outcomeDetail`), read here the way migration 007 reads
 * rows of that age.
 */
function journeyOutcome(session: CallSession): CallOutcome {
  const outcome = session.outcome ?? "caller-hangup";
  return outcomeFromProse(outcome, session.outcomeDetail, { hotline: session.info.hotline }) ?? { kind: "error" };
}

function groupByLanguage(items: PlayItem[], fallback: string): { media: string[]; lang: string }[] {
  const groups: { media: string[]; lang: string }[] = [];
  for (const item of items) {
    const media = typeof item === "string" ? item : item.media;
    const lang = typeof item === "string" ? fallback : (item.lang ?? fallback);
    const last = groups[groups.length - 1];
    if (last && last.lang === lang) last.media.push(media);
    else groups.push({ media: [media], lang });
  }
  return groups;
}

function recordingSeconds(recording: LiveRecording): number {
  return recording.duration ?? 0;
}
