import { setTimeout as sleep } from "node:timers/promises";
import { Announcer } from "./announcer.ts";
import { type AcdParts, type Waiter, waitedSeconds } from "./queue-state.ts";
import type { QueueCaller } from "./queues.ts";

/** How often the key listener looks whether the caller is still waiting (a key is never missed: they are kept). */
const LISTEN_SLICE_MS = 500;

/** Callers offered a callback already on this call: a refused or abandoned entry is not offered again. */
const offered = new WeakSet<QueueCaller>();

/**
 * "To be called back, keeping your place in the queue, press 5": after callbacks.offerAfter seconds
 * of waiting, or at once when the estimated wait is over callbacks.offerWhenWaitOver. Pressing the
 * key takes the caller out of line with their arrival time, to enter their number (the queue step).
 */
export async function offerCallback(parts: AcdParts, waiter: Waiter): Promise<void> {
  const { session } = waiter;
  const settings = session.ctx.config.callbacks;
  if (!settings || offered.has(session)) return;
  const { state, now } = parts;
  const signal = waiter.stop.signal;
  try {
    const estimate = state.position(waiter) * state.handled.average(waiter.hotline);
    const atOnce = settings.offerWhenWaitOver > 0 && estimate > settings.offerWhenWaitOver;
    const waitedMs = now().getTime() - waiter.enteredAt.getTime();
    const delay = atOnce ? 0 : Math.max(0, settings.offerAfter * 1000 - waitedMs);
    await sleep(delay, undefined, { signal });
    if (waiter.state !== "waiting") return;
    offered.add(session);
    session.log.info({ atOnce, estimate }, "callback offered");
    const announcer = new Announcer(session.channel, session.language);
    session.channel.clearKeys();
    const played = announcer.play([session.promptUri("callback-offer"), `digits:${settings.key}`]);
    // Bounded by the wait itself: maxWait, plus the slice.
    const slices = Math.ceil((waiter.settings.maxWait * 1000) / LISTEN_SLICE_MS) + 1;
    for (let i = 0; i < slices && waiter.state === "waiting" && !signal.aborted; i++) {
      const key = await session.channel.collect({ max: 1, timeoutMs: LISTEN_SLICE_MS }, session.language);
      if (key !== settings.key || waiter.state !== "waiting") continue;
      await announcer.stop();
      // Out of the engine at once: no operator may be rung for them while they leave.
      waiter.state = "left";
      state.engine.removeCaller(session.id);
      session.log.info({ waited: waitedSeconds(waiter, now()) }, "callback key pressed");
      waiter.settle({ kind: "callback", waitedSeconds: waitedSeconds(waiter, now()), arrivedAt: waiter.enteredAt });
      return;
    }
    await announcer.stop();
    await played;
  } catch (err) {
    if (!signal.aborted && !session.isGone) session.log.warn({ err }, "callback offer failed");
  }
}
