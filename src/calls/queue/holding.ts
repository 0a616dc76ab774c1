import { randomUUID } from "node:crypto";
import { AriError, isGone, notInBridge } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { Logger } from "../../logger.ts";

interface HoldingBridge {
  id: string;
  callers: Set<string>;
  /** Callers already in the bridge when a restarted app adopted it: not added twice. */
  inside: Set<string>;
}

/**
 * One ARI holding bridge per hotline with the callers waiting in its queue, so Asterisk too knows
 * who waits (`bridge show`, AMI). Created with the first waiting caller and kept while the app runs
 * (so callers joining and leaving never wait for each other); a restarted app adopts it, callers
 * and all. Participants of a holding bridge hear music on hold (class "default") while idle;
 * Asterisk pauses it while we play an announcement to one caller and resumes it afterwards.
 * With several Asterisk nodes, each hotline has one on every node its callers are on.
 */
export class HoldingBridges {
  private readonly bridges = new Map<string, Promise<HoldingBridge>>();
  /** One caller's joins and leaves run in order; different callers' run at once. */
  private readonly perCaller = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ari: AriResources,
    private readonly log: Logger,
    private readonly nodes?: Pick<ChannelHub, "nodeOf" | "bridgeNode">,
  ) {}

  /** Put a caller into the hotline's holding bridge (creating it if needed). */
  add(hotline: string, channelId: string): Promise<void> {
    return this.inOrder(channelId, async () => {
      const place = this.placeOf(hotline, channelId);
      for (let attempt = 1; ; attempt++) {
        const bridge = await this.bridgeFor(place, hotline, channelId);
        if (bridge.callers.has(channelId)) return; // still there (a connect that failed before the move)
        bridge.callers.add(channelId);
        if (bridge.inside.delete(channelId)) return;
        try {
          await this.ari.bridges.addChannel(bridge.id, channelId, { role: "participant" });
          return;
        } catch (err) {
          bridge.callers.delete(channelId);
          // Asterisk restarted since the bridge was made: make the hotline a new one, once.
          if (attempt > 1 || !bridgeMissing(err)) throw err;
          if (this.bridges.get(place) !== undefined) this.bridges.delete(place);
        }
      }
    });
  }

  /**
   * After an app restart, before any caller joins: the holding bridges of the last run are still in
   * Asterisk with their callers, who come back one by one (the call service adopts them); reuse
   * each hotline's bridge.
   */
  async adopt(): Promise<number> {
    let callers = 0;
    for (const found of await this.ari.bridges.list()) {
      const hotline = found.name?.startsWith("queue ") ? found.name.slice("queue ".length) : undefined;
      if (!found.id.startsWith("holding-") || !hotline) continue;
      const node = this.nodes?.bridgeNode(found.id);
      const place = node ? `${hotline}@${node}` : hotline;
      if (this.bridges.has(place) || found.channels.length === 0) {
        await this.ari.bridges.destroy(found.id).catch(() => undefined);
        continue;
      }
      const bridge = { id: found.id, callers: new Set<string>(), inside: new Set(found.channels) };
      this.bridges.set(place, Promise.resolve(bridge));
      callers += found.channels.length;
      this.log.info({ bridge: found.id, callers: found.channels.length }, "holding bridge adopted");
    }
    return callers;
  }

  /** The caller left the bridge by being added to another one (their conversation): nothing to ask Asterisk. */
  left(hotline: string, channelId: string): void {
    void this.bridges
      .get(this.placeOf(hotline, channelId))
      ?.then((bridge) => bridge.callers.delete(channelId))
      .catch(() => undefined);
  }

  /** Take a caller out (answered, overflowed, hung up); no-op if not there. */
  remove(hotline: string, channelId: string): Promise<void> {
    return this.inOrder(channelId, async () => {
      const bridge = await this.bridges.get(this.placeOf(hotline, channelId))?.catch(() => undefined);
      if (!bridge?.callers.delete(channelId)) return;
      await this.ari.bridges.removeChannel(bridge.id, channelId).catch((err) => {
        if (!notInBridge(err))
          this.log.warn({ err, bridge: bridge.id }, "could not take a caller out of the holding bridge");
      });
    });
  }

  /**
   * The app stops: empty bridges go; a bridge with callers in it stays for the next run to adopt
   * (they keep hearing music meanwhile).
   */
  async close(): Promise<void> {
    await Promise.allSettled(this.perCaller.values());
    for (const [place, pending] of this.bridges) {
      const bridge = await pending.catch(() => undefined);
      this.bridges.delete(place);
      if (!bridge || bridge.callers.size > 0) continue;
      await this.ari.bridges.destroy(bridge.id).catch((err) => {
        if (!isGone(err)) this.log.warn({ err, bridge: bridge.id }, "could not destroy the holding bridge");
      });
    }
  }

  /** The hotline's bridge on the caller's node (just the hotline with one node). */
  private placeOf(hotline: string, channelId: string): string {
    const node = this.nodes?.nodeOf(channelId);
    return node ? `${hotline}@${node}` : hotline;
  }

  private bridgeFor(place: string, hotline: string, channelId: string): Promise<HoldingBridge> {
    const known = this.bridges.get(place);
    if (known) return known;
    const id = `holding-${hotline}-${randomUUID().slice(0, 8)}`;
    const created = this.ari.bridges
      .create(id, "holding", `queue ${hotline}`, channelId)
      .then((): HoldingBridge => ({ id, callers: new Set(), inside: new Set() }));
    this.bridges.set(place, created);
    // A failed creation is tried again by the next caller.
    created.catch(() => {
      if (this.bridges.get(place) === created) this.bridges.delete(place);
    });
    return created;
  }

  private inOrder<T>(channelId: string, task: () => Promise<T>): Promise<T> {
    const before = this.perCaller.get(channelId) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.catch(() => undefined);
    this.perCaller.set(channelId, settled);
    void settled.then(() => {
      if (this.perCaller.get(channelId) === settled) this.perCaller.delete(channelId);
    });
    return run;
  }
}

function bridgeMissing(err: unknown): boolean {
  return err instanceof AriError && err.status === 404 && /bridge/i.test(err.detail);
}
