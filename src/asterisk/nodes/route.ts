import type { ResourceKind, RouteArgs } from "./ari-nodes.ts";

type Also = { resource: ResourceKind; id: string }[];

/** Where one ARI operation goes when the app drives several Asterisk nodes. */
export type NodeRoute =
  /** A list: every node's answer, joined. */
  | { kind: "all" }
  /** Endpoints: every node's list, one entry per endpoint, online where any node has it online. */
  | { kind: "endpoints" }
  /** The same request to every node (subscriptions to device states). */
  | { kind: "every" }
  /** Any one node (Asterisk's version). */
  | { kind: "any" }
  /** A new object, on the node of the channel `near` when there is one. */
  | { kind: "new"; resource: ResourceKind; id: string; near: string | undefined; also?: Also }
  /** An object some node holds (objects created with it, `also`, go to the same node). */
  | { kind: "existing"; resource: ResourceKind; id: string; also?: Also };

/** Pure: the route of `operation` with these arguments (`near`: the caller's hint for new objects). */
export function routeOf(operation: string, args: RouteArgs, near: string | undefined): NodeRoute {
  const params = args.params ?? {};
  const query = args.query ?? {};
  const path = operation.slice(operation.indexOf(" ") + 1);
  if (operation === "GET /channels" || operation === "GET /bridges") return { kind: "all" };
  if (operation === "GET /endpoints/{tech}") return { kind: "endpoints" };
  if (operation === "POST /channels/{channelId}" && params.channelId) {
    const hint = str(query.originator) ?? str(query.otherChannelId) ?? near;
    return { kind: "new", resource: "channel", id: params.channelId, near: hint };
  }
  if (operation === "POST /bridges/{bridgeId}" && params.bridgeId)
    return { kind: "new", resource: "bridge", id: params.bridgeId, near };
  if (path.startsWith("/applications/") && path.endsWith("/subscription")) {
    const sources = [query.eventSource].flat().map(String);
    const channel = sources.length === 1 ? sources[0]?.match(/^channel:(.+)$/)?.[1] : undefined;
    return channel ? { kind: "existing", resource: "channel", id: channel } : { kind: "every" };
  }
  if (params.channelId) {
    const also: Also = [];
    if (params.playbackId) also.push({ resource: "playback", id: params.playbackId });
    if (params.snoopId) also.push({ resource: "channel", id: params.snoopId });
    if (path.endsWith("/record") && str(query.name))
      also.push({ resource: "recording", id: str(query.name) as string });
    return { kind: "existing", resource: "channel", id: params.channelId, ...(also.length ? { also } : {}) };
  }
  if (params.bridgeId) {
    const also: Also =
      path.endsWith("/record") && str(query.name) ? [{ resource: "recording", id: str(query.name) as string }] : [];
    return { kind: "existing", resource: "bridge", id: params.bridgeId, ...(also.length ? { also } : {}) };
  }
  if (params.playbackId) return { kind: "existing", resource: "playback", id: params.playbackId };
  if (params.recordingName) return { kind: "existing", resource: "recording", id: params.recordingName };
  return { kind: "any" };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
