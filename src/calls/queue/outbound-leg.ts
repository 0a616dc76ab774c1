import { randomUUID } from "node:crypto";
import { isGone } from "../../asterisk/ari/errors.ts";
import type { AriChannel } from "../../asterisk/channels/channel.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";

export interface RingOptions {
  /** Asterisk dial string: PJSIP/<endpoint> or PJSIP/<number>@<trunk>. */
  endpoint: string;
  app: string;
  /** Stasis args; the first must not be "inbound" (the call service would take it for a caller). */
  appArgs: string;
  timeoutSeconds: number;
  callerId?: string;
  /** The channel this leg is for (the caller): with several Asterisk nodes, it is placed on that one's. */
  near?: string;
}

/**
 * A call we place (an operator's desk phone, an outside number) on a channel id we choose before
 * originating, so its StasisStart can never beat the reply that would name it. Answered = the far
 * end picked up and the channel entered our app; anything else (no answer, busy, rejected,
 * unreachable) is simply "not answered".
 */
export class OutboundLeg {
  readonly id: string;
  /** The leg's channel (whispers play on it). */
  readonly channel: AriChannel;
  /** Q.850 cause when it ended (17 busy, 19 no answer, 21 rejected…). */
  cause: number | undefined;
  /** Asterisk lost it (it restarted meanwhile): nobody's answer, nobody's miss. */
  lost = false;
  /** Resolves when the channel is gone (never rejects). */
  readonly gone: Promise<void>;
  private state: "idle" | "originating" | "ringing" | "up" | "gone" = "idle";
  private hangupWanted = false;
  private onAnswer: ((answered: boolean) => void) | undefined;
  private markGone!: () => void;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly hub: ChannelHub,
    kind: string,
    id?: string,
  ) {
    this.id = id ?? `${kind}-${randomUUID()}`;
    this.channel = hub.channel(this.id, { inStasis: false });
    this.gone = new Promise((resolve) => {
      this.markGone = resolve;
    });
    this.unsubscribe = this.channel.on((e) => {
      if (e.type === "StasisStart") this.settleAnswer(true);
      else if (e.type === "ChannelDestroyed") {
        this.cause = e.cause;
        this.ended();
      } else if (e.type === "StasisEnd") this.ended();
    });
    // The hub marks a channel lost after a reconnect without any event of Asterisk's.
    void this.channel.ended.then((end) => {
      if (end.lost) this.lost = true;
      this.ended();
    });
  }

  /**
   * An answered leg of the last run (the app restarted during a conversation): followed from now on;
   * already gone if Asterisk no longer has it.
   */
  static async adopt(hub: ChannelHub, id: string): Promise<OutboundLeg> {
    const leg = new OutboundLeg(hub, "", id);
    leg.state = "up";
    if (!(await hub.ari.channels.exists(id, false))) {
      leg.ended();
      hub.forget(id);
    }
    return leg;
  }

  get isUp(): boolean {
    return this.state === "up";
  }

  /** Ring the far end; true when answered within the timeout. Call once. */
  async ring(options: RingOptions): Promise<boolean> {
    this.state = "originating";
    const answered = new Promise<boolean>((resolve) => {
      this.onAnswer = resolve;
    });
    try {
      await this.hub.ari.channels.originate({
        channelId: this.id,
        endpoint: options.endpoint,
        app: options.app,
        appArgs: options.appArgs,
        timeout: options.timeoutSeconds,
        callerId: options.callerId,
        ...(options.near ? { near: options.near } : {}),
      });
    } catch (err) {
      this.ended();
      this.hub.forget(this.id);
      if (isGone(err)) return false;
      throw err;
    }
    if (this.state === "originating") this.state = "ringing";
    // Hung up (caller left) while the originate request was on its way: the channel exists only now.
    if (this.hangupWanted) void this.hangup().catch(() => undefined);
    // Asterisk gives up after `timeout`; ours is a safety net should its events not reach us.
    const safety = setTimeout(() => void this.hangup().catch(() => undefined), (options.timeoutSeconds + 5) * 1000);
    try {
      return await answered;
    } finally {
      clearTimeout(safety);
    }
  }

  /** Hang up (stops the ringing, or ends the conversation); safe to call at any time, any number of times. */
  async hangup(): Promise<void> {
    this.hangupWanted = true;
    if (this.state === "originating" || this.state === "gone") return; // ring() hangs up once it has the channel
    if (this.state === "idle") {
      this.hub.forget(this.id);
      return this.ended();
    }
    try {
      await this.hub.ari.channels.hangup(this.id);
    } catch (err) {
      if (!isGone(err)) throw err;
    }
    // Done on Asterisk's side either way; don't wait for an event that may never come.
    this.ended();
  }

  private settleAnswer(answered: boolean): void {
    if (answered && (this.state === "ringing" || this.state === "originating")) this.state = "up";
    this.onAnswer?.(answered);
    this.onAnswer = undefined;
  }

  private ended(): void {
    if (this.state === "gone") return;
    this.state = "gone";
    this.settleAnswer(false);
    this.unsubscribe();
    this.markGone();
  }
}
