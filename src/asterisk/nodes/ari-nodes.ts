import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { type Logger, silentLogger } from "../../logger.ts";
import type { AriCallArgs, AriClient } from "../ari/client.ts";
import { isGone } from "../ari/errors.ts";
import type { Application, AriEvent, AriOperationKey, AriOperations, Endpoint } from "../ari/generated.ts";
import { NodeDirectory } from "./directory.ts";
import { routeOf } from "./route.ts";

/** One Asterisk the app drives: its name (asterisk.conf `systemname`) and its ARI client. */
export interface AsteriskNode {
  name: string;
  client: AriClient;
}

interface NodesEvents {
  /** A node's WebSocket is up; `application` lists that node's channels in the app. */
  connected: [application: Application, node: string];
  disconnected: [reason: string, node: string];
  /** The node's Asterisk stopped answering at all: its calls (these channels) are gone. */
  lost: [node: string, channelIds: string[]];
  event: [event: AriEvent, node: string];
}

export interface AriNodesOptions {
  logger?: Logger;
  /** How long a node's ARI may stay unreachable (WebSocket and HTTP) before its calls count as lost. */
  lostAfterMs?: number;
}

/**
 * Several Asterisk nodes behind one `call()`: an operation goes to the node that holds the channel,
 * bridge, playback or recording it names; new channels and bridges go where the call they belong to
 * is (`originator`, `otherChannelId`, or the `near` hint), else to the least loaded connected node.
 * Lists are the union of every node's. With one node, everything goes straight to it.
 */
export class AriNodes extends EventEmitter<NodesEvents> {
  readonly directory = new NodeDirectory();
  private readonly byName = new Map<string, AsteriskNode>();
  private readonly log: Logger;
  private readonly probes = new Map<string, AbortController>();
  private readonly systemNames = new Map<string, string>();

  constructor(
    readonly nodes: AsteriskNode[],
    private readonly options: AriNodesOptions = {},
  ) {
    super();
    if (nodes.length === 0) throw new Error("at least one Asterisk node is needed");
    this.log = (options.logger ?? silentLogger).child({ component: "nodes" });
    for (const node of nodes) {
      if (this.byName.has(node.name)) throw new Error(`two Asterisk nodes are named ${node.name}`);
      this.byName.set(node.name, node);
      node.client.on("event", (event) => {
        if (this.multi) this.directory.learn(event, node.name);
        this.emit("event", event, node.name);
      });
      node.client.on("connected", (application) => {
        this.probes.get(node.name)?.abort();
        if (this.multi) {
          for (const id of application.channel_ids) this.directory.set("channel", id, node.name);
          this.checkSystemName(node);
        }
        this.emit("connected", application, node.name);
      });
      node.client.on("disconnected", (reason) => {
        this.emit("disconnected", reason, node.name);
        if (this.multi) this.watchLost(node);
      });
    }
  }

  get multi(): boolean {
    return this.nodes.length > 1;
  }

  get primary(): AriClient {
    return (this.nodes[0] as AsteriskNode).client;
  }

  get isConnected(): boolean {
    return this.nodes.some((n) => n.client.isConnected);
  }

  /** The node a channel is on (undefined with a single node, or for a channel no node has told us of). */
  nodeOf(channelId: string): string | undefined {
    return this.multi ? this.directory.get("channel", channelId) : undefined;
  }

  /**
   * Asterisk makes channel ids from the clock and a counter, prefixed with its `systemname`: two
   * nodes without distinct names can give two calls the same id, which this app cannot tell apart.
   */
  private checkSystemName(node: AsteriskNode): void {
    node.client
      .call("GET /asterisk/info", {})
      .then((info) => {
        const name = info.config?.name ?? "";
        this.systemNames.set(node.name, name);
        const problem = systemNameProblem(node.name, name, this.systemNames);
        if (problem) this.log.error({ node: node.name, systemname: name }, problem);
      })
      .catch((err) =>
        this.log.warn({ node: node.name, err: (err as Error).message }, "could not read the node's info"),
      );
  }

  start(): void {
    for (const node of this.nodes) node.client.start();
  }

  /** Resolves once every node is connected. */
  async waitConnected(timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.client.waitConnected(timeoutMs)));
  }

  async close(): Promise<void> {
    for (const probe of this.probes.values()) probe.abort();
    await Promise.all(this.nodes.map((n) => n.client.close()));
  }

  call<K extends AriOperationKey>(
    operation: K,
    args: AriCallArgs<K> & { near?: string },
  ): Promise<AriOperations[K]["response"]> {
    const { near, ...rest } = args;
    const callArgs = rest as AriCallArgs<K>;
    if (!this.multi) return this.primary.call(operation, callArgs);
    const route = routeOf(operation, callArgs as RouteArgs, near);
    switch (route.kind) {
      case "all":
        return this.union(operation, callArgs) as Promise<AriOperations[K]["response"]>;
      case "endpoints":
        return this.union(operation, callArgs).then((list) => mergeEndpoints(list as Endpoint[])) as Promise<
          AriOperations[K]["response"]
        >;
      case "every":
        return Promise.all(this.connected().map((n) => n.client.call(operation, callArgs))).then(
          (answers) => answers[0] as AriOperations[K]["response"],
        );
      case "any":
        return this.first().client.call(operation, callArgs);
      case "new": {
        const node = this.nodeFor(route.near);
        // Known before the request goes out: the new object's first events may beat the reply.
        this.directory.set(route.resource, route.id, node.name);
        for (const extra of route.also ?? []) this.directory.set(extra.resource, extra.id, node.name);
        return node.client.call(operation, callArgs);
      }
      case "existing": {
        const name = this.directory.get(route.resource, route.id);
        const node = name ? this.byName.get(name) : undefined;
        if (node) {
          for (const extra of route.also ?? []) this.directory.set(extra.resource, extra.id, node.name);
          return node.client.call(operation, callArgs);
        }
        return this.search(operation, callArgs, route);
      }
    }
  }

  /** An object no node has told us of (a call of the last run): ask each node until one has it. */
  private async search<K extends AriOperationKey>(
    operation: K,
    args: AriCallArgs<K>,
    route: { resource: ResourceKind; id: string; also?: { resource: ResourceKind; id: string }[] },
  ): Promise<AriOperations[K]["response"]> {
    let last: unknown;
    for (const node of this.connected()) {
      try {
        const answer = await node.client.call(operation, args);
        this.directory.set(route.resource, route.id, node.name);
        for (const extra of route.also ?? []) this.directory.set(extra.resource, extra.id, node.name);
        return answer;
      } catch (err) {
        last = err;
        if (!isGone(err)) throw err;
      }
    }
    throw last ?? new Error(`no Asterisk node is connected (${operation})`);
  }

  /** Every connected node's list, joined; channels and bridges listed are learnt as that node's. */
  private async union<K extends AriOperationKey>(operation: K, args: AriCallArgs<K>): Promise<unknown[]> {
    const nodes = this.connected();
    const answers = await Promise.allSettled(nodes.map((n) => n.client.call(operation, args)));
    const lists: unknown[][] = [];
    answers.forEach((answer, i) => {
      if (answer.status !== "fulfilled") return;
      const list = answer.value as { id?: string }[];
      const kind = operation === "GET /channels" ? "channel" : operation === "GET /bridges" ? "bridge" : undefined;
      if (kind)
        for (const item of list) if (item.id) this.directory.set(kind, item.id, (nodes[i] as AsteriskNode).name);
      lists.push(list);
    });
    if (lists.length === 0) {
      const failed = answers.find((a) => a.status === "rejected");
      throw failed?.reason ?? new Error(`no Asterisk node is connected (${operation})`);
    }
    return lists.flat();
  }

  private connected(): AsteriskNode[] {
    const up = this.nodes.filter((n) => n.client.isConnected);
    return up.length > 0 ? up : this.nodes;
  }

  private first(): AsteriskNode {
    return this.connected()[0] as AsteriskNode;
  }

  /** Where a new channel or bridge goes: with its call, else on the connected node with the fewest channels. */
  private nodeFor(near: string | undefined): AsteriskNode {
    const name = near ? this.directory.get("channel", near) : undefined;
    const node = name ? this.byName.get(name) : undefined;
    if (node) return node;
    const load = this.directory.channelsPerNode();
    return this.connected().reduce((best, n) => ((load.get(n.name) ?? 0) < (load.get(best.name) ?? 0) ? n : best));
  }

  /**
   * A dropped WebSocket alone does not say the node died (Asterisk may be restarting its HTTP
   * server); a node that answers neither the WebSocket nor HTTP for lostAfterMs has lost its calls.
   */
  private watchLost(node: AsteriskNode): void {
    this.probes.get(node.name)?.abort();
    const stop = new AbortController();
    this.probes.set(node.name, stop);
    const lostAfterMs = this.options.lostAfterMs ?? 3000;
    void (async () => {
      let unreachableSince: number | undefined;
      while (!stop.signal.aborted) {
        const ok = await node.client.call("GET /asterisk/info", { timeoutMs: 1000 }).then(
          () => true,
          () => false,
        );
        if (stop.signal.aborted || node.client.isConnected) return;
        if (ok) unreachableSince = undefined;
        else {
          unreachableSince ??= Date.now();
          if (Date.now() - unreachableSince >= lostAfterMs) {
            this.log.error({ node: node.name }, "Asterisk node unreachable: its calls are lost");
            const channels = this.directory.channelsOn(node.name);
            this.directory.dropNode(node.name);
            this.emit("lost", node.name, channels);
            return;
          }
        }
        await sleep(500, undefined, { signal: stop.signal }).catch(() => undefined);
      }
    })();
  }
}

/** One entry per endpoint: online where any node has it online, with every node's channels. */
export function mergeEndpoints(list: readonly Endpoint[]): Endpoint[] {
  const byName = new Map<string, Endpoint>();
  for (const endpoint of list) {
    const key = `${endpoint.technology}/${endpoint.resource}`;
    const seen = byName.get(key);
    if (!seen) byName.set(key, { ...endpoint, channel_ids: [...endpoint.channel_ids] });
    else {
      if (endpoint.state === "online") seen.state = "online";
      seen.channel_ids.push(...endpoint.channel_ids);
    }
  }
  return [...byName.values()];
}

export type ResourceKind = "channel" | "bridge" | "playback" | "recording";

export interface RouteArgs {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
}

/** Pure: what is wrong with a node's asterisk.conf `systemname`, given every node's (by node name). */
export function systemNameProblem(node: string, name: string, all: ReadonlyMap<string, string>): string | undefined {
  if (name === "")
    return `Asterisk node ${node} has no systemname in asterisk.conf: two nodes may give two calls one id`;
  for (const [other, otherName] of all)
    if (other !== node && otherName === name)
      return `Asterisk nodes ${other} and ${node} share the systemname ${name}: two calls may get one id`;
  return undefined;
}
