import { randomUUID } from "node:crypto";
import { isGone, notInBridge } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { Logger } from "../../logger.ts";

interface HoldingBridge {
  id: string;
  callers: Set<string>;
  /** Callers already in the bridge when a restarted app adopted it: not added twice. */
  inside: Set<string>;
}

/**
 * One ARI holding bridge per hotline with the callers waiting in its queue, so Asterisk too knows
 * who waits (`bridge show`, AMI). Created with the first waiting caller, destroyed with the last.
 * Participants of a holding bridge hear music on hold (class "default") while idle; Asterisk
 * pauses it while we play an announcement to one caller and resumes it afterwards.
 */
export class HoldingBridges {
  private readonly bridges = new Map<string, HoldingBridge>();
  /** Bridge changes run one at a time: a caller leaving must not destroy the bridge another is joining. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ari: AriResources,
    private readonly log: Logger,
  ) {}

  /** Put a caller into the hotline's holding bridge (creating it if needed). */
  add(hotline: string, channelId: string): Promise<void> {
    return this.exclusive(async () => {
      let bridge = this.bridges.get(hotline);
      if (!bridge) {
        const id = `holding-${hotline}-${randomUUID().slice(0, 8)}`;
        await this.ari.bridges.create(id, "holding", `queue ${hotline}`);
        bridge = { id, callers: new Set(), inside: new Set() };
        this.bridges.set(hotline, bridge);
      }
      bridge.callers.add(channelId);
      if (bridge.inside.delete(channelId)) return;
      try {
        await this.ari.bridges.addChannel(bridge.id, channelId, { role: "participant" });
      } catch (err) {
        bridge.callers.delete(channelId);
        await this.destroyIfEmpty(hotline, bridge);
        throw err;
      }
    });
  }

  /**
   * After an app restart: the holding bridges of the last run are still in Asterisk with their
   * callers, who come back one by one (the call service adopts them); reuse each hotline's bridge.
   */
  adopt(): Promise<number> {
    return this.exclusive(async () => {
      let callers = 0;
      for (const found of await this.ari.bridges.list()) {
        const hotline = found.name?.startsWith("queue ") ? found.name.slice("queue ".length) : undefined;
        if (!found.id.startsWith("holding-") || !hotline) continue;
        if (this.bridges.has(hotline) || found.channels.length === 0) {
          await this.ari.bridges.destroy(found.id).catch(() => undefined);
          continue;
        }
        this.bridges.set(hotline, { id: found.id, callers: new Set(), inside: new Set(found.channels) });
        callers += found.channels.length;
        this.log.info({ bridge: found.id, callers: found.channels.length }, "holding bridge adopted");
      }
      return callers;
    });
  }

  /** Take a caller out (answered, overflowed, hung up); no-op if not there. */
  remove(hotline: string, channelId: string): Promise<void> {
    return this.exclusive(async () => {
      const bridge = this.bridges.get(hotline);
      if (!bridge?.callers.delete(channelId)) return;
      await this.ari.bridges.removeChannel(bridge.id, channelId).catch((err) => {
        if (!notInBridge(err))
          this.log.warn({ err, bridge: bridge.id }, "could not take a caller out of the holding bridge");
      });
      await this.destroyIfEmpty(hotline, bridge);
    });
  }

  /** Destroy every holding bridge (app shutdown). */
  close(): Promise<void> {
    return this.exclusive(async () => {
      for (const [hotline, bridge] of this.bridges) {
        bridge.callers.clear();
        await this.destroyIfEmpty(hotline, bridge);
      }
    });
  }

  private async destroyIfEmpty(hotline: string, bridge: HoldingBridge): Promise<void> {
    if (bridge.callers.size > 0) return;
    this.bridges.delete(hotline);
    await this.ari.bridges.destroy(bridge.id).catch((err) => {
      if (!isGone(err)) this.log.warn({ err, bridge: bridge.id }, "could not destroy the holding bridge");
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
