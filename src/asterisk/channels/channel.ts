import { randomUUID } from "node:crypto";
import { isGone } from "../ari/errors.ts";
import type { AriEvent } from "../ari/generated.ts";
import type { AriResources, HangupReason } from "../ari/resources.ts";
import { Keypad } from "./keypad.ts";
import {
  type ChannelEnd,
  ChannelGone,
  type ChannelHandle,
  type CollectOptions,
  groupByLanguage,
  type Playback,
  type PlayItem,
  type RecordOptions,
  type RecordResult,
} from "./types.ts";

/** ChannelDestroyed normally follows StasisEnd at once; if it got lost, the channel ends anyway. */
const DESTROYED_GRACE_MS = 3000;

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * One Asterisk channel as the app sees it, fed its own events by the ChannelHub: plays (and waits
 * for the end), keys, recordings, hang-up. Once the channel is gone, whatever awaits it rejects with
 * ChannelGone, except a recording (a message ended by hanging up is still a message).
 */
export class AriChannel implements ChannelHandle {
  readonly ended: Promise<ChannelEnd>;
  private gone = false;
  private finished = false;
  private inStasis: boolean;
  private readonly playbacks = new Map<string, Pending>();
  private readonly recordings = new Map<string, (r: RecordResult | Error) => void>();
  private readonly keypad = new Keypad();
  private readonly listeners = new Set<(event: AriEvent) => void>();
  private readonly gonePromise: Promise<never>;
  private rejectGone!: (err: ChannelGone) => void;
  private settleEnd!: (end: ChannelEnd) => void;
  private hangupCause: number | undefined;
  private farEndHungUp = false;
  private bargeIn: Set<string> | undefined;

  constructor(
    readonly id: string,
    private readonly ari: AriResources,
    options: { inStasis: boolean },
  ) {
    this.inStasis = options.inStasis;
    this.ended = new Promise((resolve) => {
      this.settleEnd = resolve;
    });
    this.gonePromise = new Promise<never>((_, reject) => {
      this.rejectGone = reject;
    });
    this.gonePromise.catch(() => undefined);
  }

  get isGone(): boolean {
    return this.gone;
  }

  /** In our Stasis application now (an originated leg: since it was answered). */
  get entered(): boolean {
    return this.inStasis;
  }

  /** Raw events of this channel (an outbound leg follows its own ringing); call the result to stop. */
  on(listener: (event: AriEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  whenGone(): Promise<never> {
    return this.gonePromise;
  }

  async answer(): Promise<void> {
    await this.guard(this.ari.channels.answer(this.id));
  }

  async ring(): Promise<void> {
    await this.guard(this.ari.channels.ring(this.id));
  }

  async play(items: readonly PlayItem[], lang: string): Promise<void> {
    // Consecutive items in one language go in one request (no gap between them).
    for (const group of groupByLanguage(items, lang)) {
      if (this.bargeIn && this.keypad.pending) break; // a key was pressed: the rest is skipped
      await this.playOnce(group.media, group.lang);
    }
  }

  announce(media: readonly string[], lang: string): Playback {
    const id = randomUUID();
    const finished = new Promise<void>((resolve) => this.playbacks.set(id, { resolve, reject: () => resolve() }));
    const requested = this.ari.channels.play(this.id, id, [...media], { lang }).then(
      () => undefined,
      (err) => {
        this.playbacks.get(id)?.resolve();
        this.playbacks.delete(id);
        if (!isGone(err)) throw err;
      },
    );
    // A refused request (other than the channel being gone) is the announcer's failure to report.
    const done = requested.then(() => finished);
    done.catch(() => undefined);
    return {
      started: requested,
      done,
      stop: async () => {
        const pending = this.playbacks.get(id);
        if (!pending) return;
        this.playbacks.delete(id);
        pending.resolve();
        // A stop that overtook its play request would miss the playback, which would then play on.
        await requested.catch(() => undefined);
        await this.stopPlayback(id);
      },
    };
  }

  clearKeys(): void {
    this.keypad.clear();
  }

  async collect(options: CollectOptions, lang: string): Promise<string> {
    if (options.prompt && options.prompt.length > 0 && !this.keypad.pending) {
      this.bargeIn = new Set();
      try {
        await this.play(options.prompt, lang);
      } finally {
        this.bargeIn = undefined;
      }
    }
    return this.keypad.collect(options, (ms) => Promise.race([this.keypad.next(ms), this.gonePromise]));
  }

  async record(options: RecordOptions): Promise<RecordResult> {
    this.ensureHere();
    const finished = new Promise<RecordResult | Error>((resolve) => this.recordings.set(options.name, resolve));
    try {
      await this.guard(
        this.ari.channels.record(this.id, {
          name: options.name,
          maxDurationSeconds: options.maxDurationSeconds,
          maxSilenceSeconds: options.maxSilenceSeconds ?? 10,
          terminateOn: options.terminateOn ?? "#",
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

  async hangup(reason: HangupReason = "normal"): Promise<void> {
    if (this.gone) return;
    await this.ari.channels.hangup(this.id, reason).catch((err) => {
      if (!isGone(err)) throw err;
    });
  }

  async setVar(name: string, value: string): Promise<void> {
    if (this.gone) return;
    await this.ari.channels.setVar(this.id, name, value).catch((err) => {
      if (!isGone(err)) throw err;
    });
  }

  /** A channel variable; "" when unset or the channel is gone. */
  async getVar(name: string): Promise<string> {
    try {
      return (await this.ari.channels.getVar(this.id, name)) ?? "";
    } catch (err) {
      if (isGone(err)) return "";
      throw err;
    }
  }

  /** An event about this channel, routed here by the hub. */
  handle(event: AriEvent): void {
    switch (event.type) {
      case "StasisStart":
        this.inStasis = true;
        break;
      case "PlaybackFinished": {
        const pending = this.playbacks.get(event.playback.id);
        this.playbacks.delete(event.playback.id);
        pending?.resolve();
        break;
      }
      case "ChannelDtmfReceived":
        this.keypad.press(event.digit);
        for (const playbackId of this.bargeIn ?? []) void this.stopPlayback(playbackId);
        break;
      case "RecordingFinished":
        this.recordings.get(event.recording.name)?.({
          name: event.recording.name,
          durationSeconds: event.recording.duration ?? 0,
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
        this.inStasis = false;
        this.markGone();
        setTimeout(() => this.finish({ at: new Date() }), DESTROYED_GRACE_MS).unref();
        break;
      case "ChannelDestroyed":
        this.markGone();
        this.finish({
          at: new Date(event.timestamp ?? Date.now()),
          cause: event.cause,
          causeText: event.cause_txt,
          reported: event.cause,
        });
        break;
      default:
        break;
    }
    for (const listener of [...this.listeners]) listener(event);
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
    this.markGone();
    this.finish({ at: new Date(), causeText: "channel lost", lost: true });
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
    if (this.bargeIn && this.keypad.pending) void this.stopPlayback(playbackId);
    await finished;
  }

  private async stopPlayback(playbackId: string): Promise<void> {
    // Already finished, or the channel went: either way there is nothing left to stop.
    await this.ari.playbacks.stop(playbackId).catch(() => undefined);
  }

  private markGone(): void {
    if (this.gone) return;
    this.gone = true;
    const err = new ChannelGone(this.id);
    for (const pending of this.playbacks.values()) pending.reject(err);
    this.playbacks.clear();
    this.rejectGone(err);
  }

  private finish(end: Omit<ChannelEnd, "lost"> & { lost?: boolean }): void {
    if (this.finished) return;
    this.finished = true;
    let { cause, causeText } = end;
    if (!cause && this.hangupCause) cause = this.hangupCause;
    if (!cause && this.farEndHungUp) {
      // chan_pjsip reports 0 for a plain BYE; a BYE is normal clearing by the far end (RFC 3398: 16).
      cause = 16;
      causeText = "Normal Clearing";
    }
    this.settleEnd({ ...end, cause, causeText, lost: end.lost ?? false });
  }

  private ensureHere(): void {
    if (this.gone) throw new ChannelGone(this.id, true);
  }

  /** A 404/409 from ARI means the channel left mid-request. */
  private async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (err) {
      if (isGone(err)) {
        this.markGone();
        throw new ChannelGone(this.id, true);
      }
      throw err;
    }
  }
}
