import { AmiClient, type AmiMessage } from "../../src/asterisk/ami/index.ts";
import { header } from "../../src/asterisk/ami/parse.ts";
import type { AmiUser } from "./asterisk.ts";

/** What one step saw on Asterisk's side, the same way for native Queue() and the hotline. */
export interface StepCalls {
  /** Caller channels created on the trunk. */
  callers: number;
  /** Callers that were in one bridge with an operator's channel. */
  bridged: number;
  /** Operator's channel Up (the desk phone's 200 OK reached Asterisk) → caller and operator in one bridge, ms. */
  answerToBridged: number[];
  /** Most caller channels alive at once. */
  peakLive: number;
}

interface Channel {
  kind: "caller" | "operator";
  upAt?: number;
  bridged?: boolean;
}

/**
 * Asterisk's AMI events read the same way on both sides: the trunk's channels are callers, the desk
 * phones' (PJSIP/op-…) operators; a caller is served once it shares a bridge with an operator.
 * Times are Asterisk's own event timestamps (timestampevents), so the bench's lag does not count.
 */
export class CallProbe {
  private readonly ami: AmiClient;
  private readonly channels = new Map<string, Channel>();
  private readonly bridges = new Map<string, Set<string>>();
  private step: StepCalls = empty();
  private live = 0;
  private liveOperators = 0;

  constructor(
    port: number,
    user: AmiUser,
    private readonly trunk: string,
  ) {
    this.ami = new AmiClient({ host: "127.0.0.1", port, ...user, events: true, reconnect: { maxDelayMs: 1000 } });
    this.ami.on("event", (e) => this.onEvent(e));
    // A restarted Asterisk (fault mode) has none of the old channels.
    this.ami.on("disconnected", () => {
      this.channels.clear();
      this.bridges.clear();
      this.live = 0;
      this.liveOperators = 0;
    });
  }

  connect(): Promise<void> {
    return this.ami.connect();
  }

  close(): Promise<void> {
    return this.ami.close();
  }

  /** Count from zero for the next step. */
  reset(): void {
    this.step = empty();
    this.step.peakLive = this.live;
  }

  get current(): StepCalls {
    return this.step;
  }

  /** Caller channels alive now. */
  get liveCallers(): number {
    return this.live;
  }

  /** Operator channels alive now. */
  get liveOperatorLegs(): number {
    return this.liveOperators;
  }

  private onEvent(e: AmiMessage): void {
    const event = header(e, "event");
    const id = header(e, "uniqueid");
    if (!id) return;
    const at = Number(header(e, "timestamp")) * 1000;
    switch (event) {
      case "Newchannel": {
        const name = header(e, "channel") ?? "";
        if (name.startsWith(`PJSIP/${this.trunk}-`)) {
          this.channels.set(id, { kind: "caller" });
          this.step.callers++;
          this.live++;
          this.step.peakLive = Math.max(this.step.peakLive, this.live);
        } else if (name.startsWith("PJSIP/op-")) {
          this.channels.set(id, { kind: "operator" });
          this.liveOperators++;
        }
        return;
      }
      case "Newstate": {
        const channel = this.channels.get(id);
        if (channel?.kind === "operator" && header(e, "channelstate") === "6") channel.upAt ??= at;
        return;
      }
      case "BridgeEnter": {
        const bridge = header(e, "bridgeuniqueid") ?? "";
        const members = this.bridges.get(bridge) ?? new Set<string>();
        members.add(id);
        this.bridges.set(bridge, members);
        this.checkBridged(members, at);
        return;
      }
      case "BridgeLeave": {
        const bridge = header(e, "bridgeuniqueid") ?? "";
        const members = this.bridges.get(bridge);
        members?.delete(id);
        if (members?.size === 0) this.bridges.delete(bridge);
        return;
      }
      case "Hangup": {
        const channel = this.channels.get(id);
        if (!channel) return;
        this.channels.delete(id);
        if (channel.kind === "caller") this.live--;
        else this.liveOperators--;
        return;
      }
    }
  }

  /** The first time a caller and an answered operator share a bridge: served, and how long it took. */
  private checkBridged(members: Set<string>, at: number): void {
    let caller: Channel | undefined;
    let operator: Channel | undefined;
    for (const id of members) {
      const c = this.channels.get(id);
      if (c?.kind === "caller" && !c.bridged) caller = c;
      if (c?.kind === "operator" && c.upAt !== undefined) operator = c;
    }
    if (!caller || !operator?.upAt) return;
    caller.bridged = true;
    this.step.bridged++;
    this.step.answerToBridged.push(at - operator.upAt);
  }
}

function empty(): StepCalls {
  return { callers: 0, bridged: 0, answerToBridged: [], peakLive: 0 };
}
