import { type Logger, silentLogger } from "../../logger.ts";
import type { AriClient } from "../ari/client.ts";
import type { Application, AriEvent, DeviceState, StasisStart } from "../ari/generated.ts";
import type { AriResources } from "../ari/resources.ts";
import type { AriNodes } from "../nodes/ari-nodes.ts";
import { combinedDeviceState } from "../nodes/device-state.ts";
import { AriChannel } from "./channel.ts";

/** Who takes a channel that enters our app: by the first Stasis argument (inbound, feature…). */
export type StartHandler = (channel: AriChannel, start: StasisStart) => void;

/**
 * The one listener on ARI's event stream: every event goes to the channel it is about (playback and
 * recording events name theirs in target_uri), and a channel entering the app to the handler of its
 * kind. Callers, desk-phone calls and the legs we ring all live here as AriChannel handles.
 */
export class ChannelHub {
  private readonly channels = new Map<string, AriChannel>();
  private readonly starts = new Map<string, StartHandler>();
  private readonly reconnects: ((application: Application) => Promise<void>)[] = [];
  private readonly deviceListeners: ((device: DeviceState) => void)[] = [];
  /** With several nodes: each device's state as each node sees it. */
  private readonly devices = new Map<string, Map<string, DeviceState["state"]>>();
  private nodes: AriNodes | undefined;
  private readonly log: Logger;

  constructor(
    readonly ari: AriResources,
    logger: Logger = silentLogger,
  ) {
    this.log = logger.child({ component: "channels" });
  }

  attach(client: AriClient): void {
    client.on("event", (event) => this.route(event));
    client.on("connected", (application) => {
      this.resync(application).catch((err) => this.log.error({ err }, "resync failed"));
    });
  }

  /** Every node's events; a node's (re)connect resyncs that node's channels only. */
  attachNodes(nodes: AriNodes): void {
    this.nodes = nodes;
    nodes.on("event", (event, node) => this.route(event, node));
    nodes.on("connected", (application, node) => {
      this.resync(application, node).catch((err) => this.log.error({ err, node }, "resync failed"));
    });
    nodes.on("lost", (node, channelIds) => this.nodeLost(node, channelIds));
  }

  /** The node a channel is on, when the app drives several. */
  nodeOf(channelId: string): string | undefined {
    return this.nodes?.nodeOf(channelId);
  }

  /** The node a bridge is on, when the app drives several. */
  bridgeNode(bridgeId: string): string | undefined {
    return this.nodes?.multi ? this.nodes.directory.get("bridge", bridgeId) : undefined;
  }

  /** Channels entering the app with this first argument go to `handler`. */
  onStart(kind: string, handler: StartHandler): void {
    this.starts.set(kind, handler);
  }

  /** After every (re)connect, once our own channels are resynced: adopt what the app does not know. */
  onReconnect(handler: (application: Application) => Promise<void>): void {
    this.reconnects.push(handler);
  }

  /**
   * Devices' state as Asterisk tells it (in use, ringing, unavailable…): desk phones are followed by
   * these events, not polled. The app must be subscribed to the devices (deviceState:PJSIP/…); an
   * endpoint subscription would not do, as it brings every event of the endpoint's channels again.
   */
  onDeviceState(listener: (device: DeviceState) => void): void {
    this.deviceListeners.push(listener);
  }

  has(channelId: string): boolean {
    return this.channels.has(channelId);
  }

  /**
   * The handle of a channel: the one we follow, or a new one for a channel Asterisk already has (a
   * caller of the last run, a leg about to be originated with this id).
   */
  channel(channelId: string, options: { inStasis: boolean } = { inStasis: true }): AriChannel {
    const known = this.channels.get(channelId);
    if (known) return known;
    const channel = new AriChannel(channelId, this.ari, options);
    this.channels.set(channelId, channel);
    void channel.ended.then(() => {
      if (this.channels.get(channelId) === channel) this.channels.delete(channelId);
    });
    return channel;
  }

  /** Stop following a channel that never came to be (its originate failed). */
  forget(channelId: string): void {
    this.channels.delete(channelId);
  }

  private route(event: AriEvent, node?: string): void {
    if (event.type === "DeviceStateChanged") {
      const device = node && this.nodes?.multi ? this.combine(event.device_state, node) : event.device_state;
      for (const listener of this.deviceListeners) listener(device);
      return;
    }
    const id = channelIdOf(event);
    if (!id) return;
    const known = this.channels.get(id);
    if (known) {
      known.handle(event);
      return;
    }
    if (event.type !== "StasisStart") return;
    const handler = this.starts.get(event.args[0] ?? "");
    if (!handler) return;
    const channel = this.channel(id);
    channel.handle(event);
    handler(channel, event);
  }

  /**
   * Asterisk's list of our channels is the truth after a reconnect: a channel that was in the app and
   * is no longer listed is lost; one still ringing (not in the app yet) is asked about.
   */
  private async resync(application: Application, node?: string): Promise<void> {
    const live = new Set(application.channel_ids);
    const multi = node !== undefined && this.nodes?.multi;
    for (const channel of [...this.channels.values()]) {
      if (multi && this.nodes?.nodeOf(channel.id) !== node) continue;
      if (live.has(channel.id)) await channel.resync();
      else if (channel.entered) channel.lost();
      else {
        // Unsure counts as still there: the next reconnect asks again.
        if (!(await this.ari.channels.exists(channel.id, true))) channel.lost();
      }
    }
    for (const handler of this.reconnects) await handler(application);
  }

  /** A device as every node sees it: in use on one node is in use. */
  private combine(device: DeviceState, node: string): DeviceState {
    let seen = this.devices.get(device.name);
    if (!seen) {
      seen = new Map();
      this.devices.set(device.name, seen);
    }
    seen.set(node, device.state);
    return { name: device.name, state: combinedDeviceState([...seen.values()]) };
  }

  /** A node died: the calls it carried are gone; its view of the desk phones with them. */
  private nodeLost(node: string, channelIds: readonly string[]): void {
    for (const id of channelIds) this.channels.get(id)?.lost();
    // What the dead node last said (in use, often) no longer holds: the others' word stands alone.
    for (const [name, seen] of this.devices) {
      if (!seen.delete(node)) continue;
      const device: DeviceState = { name, state: combinedDeviceState([...seen.values()]) };
      for (const listener of this.deviceListeners) listener(device);
    }
  }
}

/** The channel an event is about: most events carry it; playback and recording events name it in target_uri. */
export function channelIdOf(event: AriEvent): string | undefined {
  if ("channel" in event && event.channel && typeof event.channel === "object" && "id" in event.channel) {
    return event.channel.id as string;
  }
  const target =
    ("playback" in event && event.playback?.target_uri) || ("recording" in event && event.recording?.target_uri) || "";
  return target.startsWith("channel:") ? target.slice("channel:".length) : undefined;
}
