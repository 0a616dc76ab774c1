import { randomUUID } from "node:crypto";
import { isGone } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { Logger } from "../../logger.ts";
import { notInBridge } from "./ari-events.ts";

interface HoldingBridge {
  id: string;
  callers: Set<string>;
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
        bridge = { id, callers: new Set() };
        this.bridges.set(hotline, bridge);
      }
      bridge.callers.add(channelId);
      try {
        await this.ari.bridges.addChannel(bridge.id, channelId, { role: "participant" });
      } catch (err) {
        bridge.callers.delete(channelId);
        await this.destroyIfEmpty(hotline, bridge);
        throw err;
      }
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
