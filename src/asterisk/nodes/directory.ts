import type { AriEvent } from "../ari/generated.ts";
import { channelIdOf } from "../channels/hub.ts";
import type { ResourceKind } from "./ari-nodes.ts";

/** Recordings are kept by name after they end (they are read later); beyond this many, the oldest go. */
const MAX_RECORDINGS = 10_000;

/**
 * Which node holds each channel, bridge, playback and recording the app knows of: learnt from the
 * requests that make them and from each node's events, forgotten when Asterisk says they ended.
 */
export class NodeDirectory {
  private readonly maps: Record<ResourceKind, Map<string, string>> = {
    channel: new Map(),
    bridge: new Map(),
    playback: new Map(),
    recording: new Map(),
  };

  get(kind: ResourceKind, id: string): string | undefined {
    return this.maps[kind].get(id);
  }

  set(kind: ResourceKind, id: string, node: string): void {
    const map = this.maps[kind];
    map.set(id, node);
    if (kind === "recording" && map.size > MAX_RECORDINGS) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }

  /** Learn from one node's event; an object first seen there is that node's. */
  learn(event: AriEvent, node: string): void {
    const channel = channelIdOf(event);
    if (channel && !("playback" in event) && !("recording" in event)) {
      if (event.type === "ChannelDestroyed") this.maps.channel.delete(channel);
      else if (!this.maps.channel.has(channel)) this.maps.channel.set(channel, node);
    }
    if ("bridge" in event && event.bridge && typeof event.bridge === "object" && "id" in event.bridge) {
      const id = event.bridge.id as string;
      if (event.type === "BridgeDestroyed") this.maps.bridge.delete(id);
      else if (!this.maps.bridge.has(id)) this.maps.bridge.set(id, node);
    }
    if ("playback" in event && event.playback) {
      if (event.type === "PlaybackFinished") this.maps.playback.delete(event.playback.id);
      else if (!this.maps.playback.has(event.playback.id)) this.maps.playback.set(event.playback.id, node);
    }
    if ("recording" in event && event.recording && !this.maps.recording.has(event.recording.name))
      this.set("recording", event.recording.name, node);
  }

  /** A node that died: nothing of it is there any more, its recordings excepted (its disk may come back). */
  dropNode(node: string): void {
    for (const kind of ["channel", "bridge", "playback"] as const) {
      for (const [id, on] of this.maps[kind]) if (on === node) this.maps[kind].delete(id);
    }
  }

  /** Live channels per node: where a new call without a caller (a callback) goes. */
  channelsPerNode(): Map<string, number> {
    const out = new Map<string, number>();
    for (const node of this.maps.channel.values()) out.set(node, (out.get(node) ?? 0) + 1);
    return out;
  }

  channelsOn(node: string): string[] {
    return [...this.maps.channel].filter(([, on]) => on === node).map(([id]) => id);
  }
}
