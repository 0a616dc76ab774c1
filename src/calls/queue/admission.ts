import { setTimeout as sleep } from "node:timers/promises";
import { bestEffort } from "../../logger.ts";
import { hotlineSettings } from "../context.ts";
import { Announcer } from "./announcer.ts";
import { offerCallback } from "./callback-offer.ts";
import { type AcdParts, callerOf, type Waiter, waitedSeconds } from "./queue-state.ts";
import type { QueueCaller, QueueOutcome, QueueRequest } from "./queues.ts";
import { estimateWaitMinutes } from "./wait-estimate.ts";
import { QUEUE_VARIABLE, queueMark } from "./waiting-mark.ts";

/**
 * A caller's wait: let in or not (full, nobody there, closed), then music and announcements in the
 * hotline's holding bridge until an operator answers, maxWait passes, the hotline closes or the
 * caller hangs up; whatever ends it, the caller leaves the queue cleanly.
 */
export class Admission {
  constructor(
    private readonly parts: AcdParts,
    private readonly match: () => void,
  ) {}

  async enter(session: QueueCaller, request: QueueRequest): Promise<QueueOutcome> {
    const { state, story, now } = this.parts;
    if (state.closed) throw new Error("the queues are closed");
    const { ctx } = session;
    const call = { callId: session.id, hotline: request.hotline };
    const settings = hotlineSettings(ctx.config, request.hotline).queue;
    const resumed = request.arrivedAt !== undefined;
    if (!resumed) {
      if (state.waiting(request.hotline) >= settings.maxLength) {
        story.full(call, state.waiting(request.hotline) + 1);
        return { kind: "full" };
      }
      const able = state.engine.whoCouldServe(request).filter((op) => state.phones.get(op)?.reachable);
      if (able.length === 0) {
        story.noOperators(call);
        return { kind: "no-operators" };
      }
    }
    const opening = await ctx.openingHours.state(request.hotline, now());
    if (!opening.open) return { kind: "closing", waitedSeconds: 0 };

    let settle: Waiter["settle"] = () => {};
    const result = new Promise<QueueOutcome>((resolve, reject) => {
      settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
    result.catch(() => undefined); // settled late (the caller already left): nobody listens any more
    const waiter: Waiter = {
      session,
      hotline: request.hotline,
      settings,
      enteredAt: request.arrivedAt ?? now(),
      state: "waiting",
      rings: new Map(),
      offers: 0,
      announcer: new Announcer(session.channel, session.language),
      stop: new AbortController(),
      settle,
    };
    const caller = callerOf(waiter, request.topic, request.language);
    state.waiters.set(session.id, waiter);
    state.engine.addCaller(caller);
    if (!resumed) {
      session.note({ queue_entered_at: waiter.enteredAt });
      story.entered(call, state.position(waiter));
    }
    session.log.info({ hotline: request.hotline, position: state.position(waiter), resumed }, "caller queued");

    const waited = () => waitedSeconds(waiter, now());
    const leave = (outcome: QueueOutcome) => {
      if (waiter.state === "waiting") waiter.settle(outcome);
    };
    const maxWaitMs = Math.max(0, settings.maxWait * 1000 - (now().getTime() - waiter.enteredAt.getTime()));
    const timers = [setTimeout(() => leave({ kind: "timeout", waitedSeconds: waited() }), maxWaitMs)];
    // Closing time before the wait limit: the caller hears the closing options instead of a timeout.
    const closingIn = opening.nextChange ? opening.nextChange.getTime() - now().getTime() : Infinity;
    if (closingIn < maxWaitMs) {
      timers.push(setTimeout(() => leave({ kind: "closing", waitedSeconds: waited() }), Math.max(0, closingIn)));
    }
    // The app stops (the caller is handed over to the next run): no limit of this run's fires later.
    waiter.stop.signal.addEventListener("abort", () => timers.forEach(clearTimeout), { once: true });
    try {
      // Asterisk keeps what a restarted app needs to serve this caller in order.
      await bestEffort(session.channel.setVar(QUEUE_VARIABLE, queueMark(caller)), session.log, "mark the caller");
      await state.holding.add(request.hotline, session.id);
      void this.announce(waiter, resumed);
      void offerCallback(this.parts, waiter);
      this.match();
      const outcome = await Promise.race([result, session.whenGone()]);
      if (outcome.kind === "timeout")
        story.timedOut(call, outcome.waitedSeconds, outcome.offers ? "offers" : "timeout");
      if (outcome.kind === "closing") story.closing(call, outcome.waitedSeconds);
      return outcome;
    } catch (err) {
      if (session.isGone) {
        // A caller cut off by an Asterisk crash did not abandon: that would inflate the abandon rate.
        const position = state.position(waiter);
        const waitedFor = waited();
        void session.channel.ended.then((end) => {
          if (!end.lost) story.abandoned(call, position, waitedFor);
        });
      }
      throw err;
    } finally {
      for (const timer of timers) clearTimeout(timer);
      await this.leaveQueue(waiter);
    }
  }

  /** Whatever the reason the caller leaves: out of the engine, the bridge, the ringing; the record told. */
  private async leaveQueue(waiter: Waiter): Promise<void> {
    const { state, now } = this.parts;
    const { session } = waiter;
    const connected = waiter.state === "connected";
    if (!connected) waiter.state = "left";
    waiter.stop.abort();
    state.engine.removeCaller(session.id);
    state.waiters.delete(session.id);
    await waiter.announcer.stop();
    if (!connected) await Promise.allSettled([...waiter.rings.values()].map((leg) => leg.hangup()));
    // A connected caller already left the holding bridge, moved into their conversation.
    if (!connected)
      await bestEffort(state.holding.remove(waiter.hotline, session.id), session.log, "leave the holding bridge");
    await bestEffort(session.channel.setVar(QUEUE_VARIABLE, ""), session.log, "clear the caller's mark");
    const leftAt = now();
    if (!connected) session.note({ queue_left_at: leftAt, wait_seconds: waitedSeconds(waiter, leftAt) });
  }

  /** "All operators are busy…", then every announceEvery seconds the position and estimated wait. */
  private async announce(waiter: Waiter, resumed: boolean): Promise<void> {
    const { state } = this.parts;
    const { session, settings } = waiter;
    try {
      if (!resumed) await waiter.announcer.play([session.promptUri("busy")]);
      if (settings.announceEvery <= 0) return;
      for (;;) {
        await sleep(settings.announceEvery * 1000, undefined, { signal: waiter.stop.signal });
        const position = state.position(waiter);
        if (position <= 0) return;
        const minutes = estimateWaitMinutes(position, state.handled.average(waiter.hotline));
        // The waiter's own announcer each time: a caller put back in line after a failed connect has a new one.
        await waiter.announcer.play([
          ...(settings.announcePosition ? [session.promptUri("position"), `number:${position}`] : []),
          session.promptUri("wait-time"),
          `number:${minutes}`,
          session.promptUri("minutes"),
        ]);
      }
    } catch (err) {
      if (!waiter.stop.signal.aborted) session.log.warn({ err }, "queue announcement failed");
    }
  }
}
