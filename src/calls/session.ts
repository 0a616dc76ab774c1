import { randomUUID } from "node:crypto";
import { isGone } from "../asterisk/ari/errors.ts";
import type { AriEvent, Channel } from "../asterisk/ari/generated.ts";
import type { AriResources } from "../asterisk/ari/resources.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
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

/** One step of the caller's journey (greeting, menu, queue…): one file each under steps/. */
export interface Step {
  readonly name: string;
  run(session: CallSession): Promise<void>;
}

interface PendingPlayback {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * One caller's call, from StasisStart to ChannelDestroyed. Steps run in order; a hang-up at any
 * moment rejects whatever the current step awaits with CallerGone, and the record is always closed.
 */
export class CallSession {
  readonly id: string;
  language: string;
  outcome: string | undefined;
  answeredAt: Date | undefined;
  private gone = false;
  private readonly playbacks = new Map<string, PendingPlayback>();
  private readonly goneWaiters = new Set<(err: CallerGone) => void>();
  private finished = false;
  private hangupCause: number | undefined;
  private farEndHungUp = false;

  constructor(
    readonly info: CallInfo,
    readonly ari: AriResources,
    readonly records: CallRecords,
    readonly log: Logger,
    private readonly onFinished: (session: CallSession) => void,
  ) {
    this.id = info.channel.id;
    this.language = info.language;
  }

  get isGone(): boolean {
    return this.gone;
  }

  async run(steps: Step[]): Promise<void> {
    try {
      for (const step of steps) {
        if (this.gone) break;
        this.log.debug({ step: step.name }, "step");
        await step.run(this);
      }
    } catch (err) {
      if (err instanceof CallerGone || this.gone) return;
      this.log.error({ err }, "call journey failed");
      this.outcome ??= "error";
      await this.hangup().catch(() => undefined);
    }
  }

  async answer(): Promise<void> {
    this.ensureHere();
    await this.guard(this.ari.channels.answer(this.id));
    this.answeredAt = new Date();
    this.records.answered(this.id, this.answeredAt);
  }

  /** Play media to the caller and wait until it finishes (or the caller hangs up). */
  async play(media: string | string[]): Promise<void> {
    this.ensureHere();
    const playbackId = randomUUID();
    const finished = new Promise<void>((resolve, reject) => this.playbacks.set(playbackId, { resolve, reject }));
    try {
      await this.guard(this.ari.channels.play(this.id, playbackId, media, { lang: this.language }));
    } catch (err) {
      this.playbacks.delete(playbackId);
      throw err;
    }
    await finished;
  }

  async hangup(reason: Parameters<AriResources["channels"]["hangup"]>[1] = "normal"): Promise<void> {
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

  /** Resolves never; rejects when the caller hangs up: race it against waits that have no event of their own. */
  whenGone(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.gone) reject(new CallerGone(this.id));
      else this.goneWaiters.add(reject);
    });
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
    if (this.finished) return;
    this.finished = true;
    if (!cause && this.hangupCause) cause = this.hangupCause;
    if (!cause && this.farEndHungUp) {
      // chan_pjsip reports 0 for a plain BYE; a BYE is normal clearing by the far end (RFC 3398: 16).
      cause = 16;
      causeText = "Normal Clearing";
    }
    this.records.ended(this.id, {
      endedAt: at,
      outcome: this.outcome ?? "caller-hangup",
      hangupCause: cause,
      hangupCauseText: causeText,
    });
    this.log.info({ outcome: this.outcome ?? "caller-hangup", cause: causeText }, "call ended");
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
