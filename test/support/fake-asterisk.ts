import { EventEmitter } from "node:events";
import type { AriClient } from "../../src/asterisk/ari/client.ts";
import { AriError } from "../../src/asterisk/ari/errors.ts";
import type { AriEvent, Channel, Endpoint } from "../../src/asterisk/ari/generated.ts";
import type { AriResources } from "../../src/asterisk/ari/resources.ts";
import { ChannelHub } from "../../src/asterisk/channels/hub.ts";

/** What a desk phone does when it rings: picks up, rings out at once, rejects, or rings until its timeout. */
/** drop: answers, then hangs up at once (during the whisper); fail: Asterisk refuses to place the call. */
export type PhoneBehaviour = "answer" | "no-answer" | "reject" | "ring" | "drop" | "fail";

interface FakeChannelState {
  id: string;
  state: Channel["state"];
  endpoint?: string;
  inStasis: boolean;
  vars: Map<string, string>;
}

interface FakeBridge {
  id: string;
  type: string;
  name: string;
  channels: Set<string>;
}

const CAUSE: Record<"no-answer" | "reject" | "ring", number> = { "no-answer": 19, reject: 21, ring: 19 };

/**
 * Asterisk as the ACD adapter sees it through ARI — channels, bridges, desk phones, playbacks — kept
 * in memory and answering at once, for unit tests of the logic above the channel layer. The real
 * ChannelHub runs on it (`hub`): events reach handles exactly as from a real Asterisk. The
 * integration tests use the real Asterisk; this is only for rules that need no audio.
 */
export class FakeAsterisk {
  readonly client = new EventEmitter();
  readonly ari: AriResources;
  readonly hub: ChannelHub;
  readonly channels = new Map<string, FakeChannelState>();
  readonly bridges = new Map<string, FakeBridge>();
  readonly phones = new Map<string, { online: boolean; behaviour: PhoneBehaviour }>();
  /** Media played, per channel, in order. */
  readonly played = new Map<string, string[]>();
  /** Desk phones rung, in order (endpoint names). */
  readonly rung: string[] = [];

  constructor() {
    this.ari = this.resources();
    this.hub = new ChannelHub(this.ari);
    this.hub.attach(this.client as unknown as AriClient);
  }

  /** A desk phone, online, that behaves as told when rung. */
  phone(endpoint: string, behaviour: PhoneBehaviour = "answer"): void {
    this.phones.set(endpoint, { online: true, behaviour });
  }

  /** A caller's channel, up and in the app (as after the journey's answer). */
  caller(id: string): void {
    this.channels.set(id, { id, state: "Up", inStasis: true, vars: new Map() });
  }

  /** The far end hangs up: the events Asterisk sends, in its order. */
  hangUp(id: string, cause = 16): void {
    const channel = this.channels.get(id);
    if (!channel) return;
    this.emit({ type: "ChannelHangupRequest", cause, channel: this.data(channel) });
    this.destroy(channel, cause);
  }

  /** Who is in a bridge now. */
  inBridge(bridgeId: string): string[] {
    return [...(this.bridges.get(bridgeId)?.channels ?? [])];
  }

  bridgesOfType(type: string): FakeBridge[] {
    return [...this.bridges.values()].filter((b) => b.type.split(",").includes(type));
  }

  private destroy(channel: FakeChannelState, cause: number): void {
    this.channels.delete(channel.id);
    for (const bridge of this.bridges.values()) bridge.channels.delete(channel.id);
    if (channel.inStasis) this.emit({ type: "StasisEnd", channel: this.data(channel) });
    this.emit({ type: "ChannelDestroyed", cause, cause_txt: `cause ${cause}`, channel: this.data(channel) });
  }

  private emit(event: Record<string, unknown>): void {
    this.client.emit("event", {
      application: "hotline-test",
      timestamp: new Date().toISOString(),
      ...event,
    } as AriEvent);
  }

  private data(channel: FakeChannelState): Channel {
    return { id: channel.id, name: channel.id, state: channel.state, caller: { name: "", number: "" } } as Channel;
  }

  private need(id: string): FakeChannelState {
    const channel = this.channels.get(id);
    if (!channel) throw new AriError("POST", `/channels/${id}`, 404, "Channel not found");
    return channel;
  }

  private resources(): AriResources {
    const later = (fn: () => void) => setImmediate(fn);
    const channels = {
      list: async () => [...this.channels.values()].map((c) => this.data(c)),
      get: async (id: string) => this.data(this.need(id)),
      exists: async (id: string) => this.channels.has(id),
      answer: async (id: string) => {
        this.need(id).state = "Up";
      },
      ring: async (id: string) => void this.need(id),
      hangup: async (id: string) => this.destroy(this.need(id), 16),
      play: async (id: string, playbackId: string, media: string | string[]) => {
        this.need(id);
        this.played.set(id, [...(this.played.get(id) ?? []), ...(Array.isArray(media) ? media : [media])]);
        const playback = { id: playbackId, target_uri: `channel:${id}`, media_uri: "", state: "done" };
        later(() => this.emit({ type: "PlaybackFinished", playback }));
        return playback;
      },
      setVar: async (id: string, name: string, value: string) => void this.need(id).vars.set(name, value),
      getVar: async (id: string, name: string) => {
        const value = this.need(id).vars.get(name);
        if (value === undefined) throw new AriError("GET", `/channels/${id}/variable`, 404, "not found");
        return value;
      },
      originate: async (args: { channelId: string; endpoint: string; appArgs?: string; timeout?: number }) => {
        const endpoint = args.endpoint.replace(/^PJSIP\//, "");
        const phone = this.phones.get(endpoint);
        if (!phone?.online) throw new AriError("POST", "/channels", 400, "Allocation failed");
        if (phone.behaviour === "fail") throw new AriError("POST", "/channels", 500, "Internal Server Error");
        const channel: FakeChannelState = {
          id: args.channelId,
          state: "Ringing",
          endpoint,
          inStasis: false,
          vars: new Map(),
        };
        this.channels.set(channel.id, channel);
        this.rung.push(endpoint);
        const ringOut = () => {
          if (this.channels.get(channel.id) === channel && channel.state === "Ringing") this.destroy(channel, 19);
        };
        if (phone.behaviour === "ring") setTimeout(ringOut, (args.timeout ?? 30) * 1000).unref();
        else
          later(() => {
            if (!this.channels.has(channel.id)) return; // hung up while ringing
            if (phone.behaviour === "answer" || phone.behaviour === "drop") {
              channel.state = "Up";
              channel.inStasis = true;
              this.emit({ type: "StasisStart", args: (args.appArgs ?? "").split(","), channel: this.data(channel) });
              if (phone.behaviour === "drop") later(() => this.channels.has(channel.id) && this.destroy(channel, 16));
            } else if (phone.behaviour !== "fail") this.destroy(channel, CAUSE[phone.behaviour]);
          });
        return this.data(channel);
      },
    };
    const bridge = (id: string) => {
      const found = this.bridges.get(id);
      if (!found) throw new AriError("POST", `/bridges/${id}`, 404, "Bridge not found");
      return found;
    };
    const bridgeData = (b: FakeBridge) => ({ id: b.id, name: b.name, bridge_type: b.type, channels: [...b.channels] });
    const bridges = {
      create: async (id: string, type: string, name?: string) => {
        const created = { id, type, name: name ?? "", channels: new Set<string>() };
        this.bridges.set(id, created);
        return bridgeData(created);
      },
      get: async (id: string) => bridgeData(bridge(id)),
      list: async () => [...this.bridges.values()].map(bridgeData),
      addChannel: async (id: string, channel: string | string[]) => {
        const target = bridge(id);
        for (const c of Array.isArray(channel) ? channel : [channel]) {
          this.need(c);
          for (const other of this.bridges.values()) other.channels.delete(c);
          target.channels.add(c);
        }
      },
      removeChannel: async (id: string, channel: string) => {
        if (!bridge(id).channels.delete(channel))
          throw new AriError("POST", `/bridges/${id}/removeChannel`, 422, "Channel not in bridge");
      },
      destroy: async (id: string) => {
        bridge(id);
        this.bridges.delete(id);
      },
    };
    const endpoints = {
      list: async (): Promise<Endpoint[]> =>
        [...this.phones].map(([resource, phone]) => ({
          technology: "PJSIP",
          resource,
          state: phone.online ? "online" : "offline",
          channel_ids: [...this.channels.values()].filter((c) => c.endpoint === resource).map((c) => c.id),
        })),
    };
    const playbacks = {
      get: async (id: string) => {
        throw new AriError("GET", `/playbacks/${id}`, 404, "Playback not found");
      },
      stop: async () => undefined,
    };
    const fake = {
      client: this.client,
      channels,
      bridges,
      endpoints,
      playbacks,
      applications: { subscribe: async () => undefined },
      recordings: { deleteStored: async () => undefined },
      asterisk: { info: async () => ({}) },
    };
    return fake as unknown as AriResources;
  }
}
