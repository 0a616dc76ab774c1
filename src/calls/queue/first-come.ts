import { setTimeout as sleep } from "node:timers/promises";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { HotlineSettings, OperatorSettings } from "../../config/index.ts";
import type { Logger } from "../../logger.ts";
import type { AttemptResult, QueueEvent, QueueEventKind } from "../../records/call-records.ts";
import { hotlineSettings } from "../context.ts";
import type { CallSession } from "../session.ts";
import { Announcer } from "./announcer.ts";
import { Conversation } from "./conversation.ts";
import { HoldingBridges } from "./holding.ts";
import { OutboundLeg } from "./outbound-leg.ts";
import { type DeskPhoneState, deskPhoneState } from "./presence.ts";
import type { CallQueues, QueueOutcome, QueueRequest } from "./queues.ts";
import { estimateWaitMinutes, HandledTimes } from "./wait-estimate.ts";

/** How often waiting callers are matched again (an operator came back, a phone registered). */
const MATCH_EVERY_MS = 2000;

type WaiterState = "waiting" | "ringing" | "connecting" | "connected" | "left";

/** One caller in a queue. */
interface Waiter {
  session: CallSession;
  hotline: string;
  settings: HotlineSettings["queue"];
  enteredAt: Date;
  state: WaiterState;
  /** Operators who did not answer this caller since the last round over all of them. */
  tried: Set<string>;
  ringing?: OutboundLeg;
  announcer: Announcer;
  /** Ends the waits of the announcement loop. */
  stop: AbortController;
  settle(outcome: QueueOutcome | Error): void;
}

/**
 * Issue #4's queue: oldest caller first, any present operator (see presence.ts) in configuration
 * order. Callers wait in a holding bridge per hotline with music and announcements; the operator's
 * desk phone is rung on a leg we originate, and on answer both talk in a mixing bridge.
 * Issue #5's ACD replaces the matching (states, skills, strategies, wrap-up) behind CallQueues.
 */
export class FirstComeQueues implements CallQueues {
  private readonly lines = new Map<string, Waiter[]>();
  /** Operators ringing or talking (by configuration key): one call at a time each. */
  private readonly busy = new Set<string>();
  private readonly conversations = new Set<Conversation>();
  private readonly handled = new HandledTimes();
  private readonly holding: HoldingBridges;
  private readonly log: Logger;
  private ticker: NodeJS.Timeout | undefined;
  private matching = false;
  private matchAgain = false;
  private closed = false;

  constructor(private readonly deps: { ari: AriResources; logger: Logger }) {
    this.log = deps.logger.child({ component: "queue" });
    this.holding = new HoldingBridges(deps.ari, this.log);
  }

  waiting(hotline: string): number {
    return this.lines.get(hotline)?.length ?? 0;
  }

  async enter(session: CallSession, request: QueueRequest): Promise<QueueOutcome> {
    if (this.closed) throw new Error("the queues are closed");
    const { ctx } = session;
    const settings = hotlineSettings(ctx.config, request.hotline).queue;
    const event = (kind: QueueEventKind, extra: Partial<QueueEvent> = {}) =>
      ctx.records.queueEvent({ callId: session.id, hotline: request.hotline, at: ctx.now(), event: kind, ...extra });
    if (this.waiting(request.hotline) >= settings.maxLength) {
      event("full", { position: this.waiting(request.hotline) + 1 });
      return { kind: "full" };
    }
    if (!(await this.anyoneReachable(session))) {
      event("no-operators");
      return { kind: "no-operators" };
    }
    const opening = await ctx.openingHours.state(request.hotline, ctx.now());
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
      enteredAt: ctx.now(),
      state: "waiting",
      tried: new Set(),
      announcer: new Announcer(this.deps.ari, session.id, session.language),
      stop: new AbortController(),
      settle,
    };
    const line = this.lines.get(request.hotline) ?? [];
    this.lines.set(request.hotline, line);
    line.push(waiter);
    session.note({ queue_entered_at: waiter.enteredAt });
    event("enter", { position: line.length });
    session.log.info({ hotline: request.hotline, position: line.length }, "caller queued");

    const leave = (outcome: QueueOutcome) => {
      if (waiter.state === "waiting" || waiter.state === "ringing") waiter.settle(outcome);
    };
    const timers = [
      setTimeout(() => leave({ kind: "timeout", waitedSeconds: this.waited(waiter) }), settings.maxWait * 1000),
    ];
    // Closing time before the wait limit: the caller hears the closing options instead of a timeout.
    const closingIn = opening.nextChange ? opening.nextChange.getTime() - ctx.now().getTime() : Infinity;
    if (closingIn < settings.maxWait * 1000) {
      timers.push(
        setTimeout(() => leave({ kind: "closing", waitedSeconds: this.waited(waiter) }), Math.max(0, closingIn)),
      );
    }
    try {
      await this.holding.add(request.hotline, session.id);
      this.startMatching();
      void this.announce(waiter, line);
      void this.match();
      const outcome = await Promise.race([result, session.whenGone()]);
      // What queue_log would say: answered is told at the answer; the others as the caller leaves.
      if (outcome.kind === "timeout") event("overflow", { waitSeconds: outcome.waitedSeconds, detail: "timeout" });
      if (outcome.kind === "closing") event("closing", { waitSeconds: outcome.waitedSeconds });
      return outcome;
    } catch (err) {
      if (session.isGone) event("abandon", { position: line.indexOf(waiter) + 1, waitSeconds: this.waited(waiter) });
      throw err;
    } finally {
      for (const timer of timers) clearTimeout(timer);
      await this.leaveQueue(waiter, line);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopMatching();
    for (const line of this.lines.values()) {
      for (const waiter of line) waiter.settle(new Error("the queues are closed"));
    }
    await Promise.allSettled([...this.conversations].map((c) => c.close()));
    await this.holding.close();
  }

  /** Anyone who could take a call at all (busy or not): otherwise waiting is pointless. */
  private async anyoneReachable(session: CallSession): Promise<boolean> {
    for (const operator of Object.values(session.ctx.config.operators)) {
      if ((await deskPhoneState(this.deps.ari, operator)).reachable) return true;
    }
    return false;
  }

  private waited(waiter: Waiter): number {
    return (waiter.session.ctx.now().getTime() - waiter.enteredAt.getTime()) / 1000;
  }

  /** Whatever the reason the caller leaves: out of the line, the bridge, the ringing; the record told. */
  private async leaveQueue(waiter: Waiter, line: Waiter[]): Promise<void> {
    const connected = waiter.state === "connected";
    if (!connected) waiter.state = "left";
    waiter.stop.abort();
    line.splice(line.indexOf(waiter), 1);
    if (line.length === 0) this.lines.delete(waiter.hotline);
    if (this.lines.size === 0) this.stopMatching();
    await waiter.announcer.stop();
    if (!connected) await waiter.ringing?.hangup().catch(() => undefined);
    await this.holding.remove(waiter.hotline, waiter.session.id).catch(() => undefined);
    if (!connected) {
      waiter.session.note({ queue_left_at: waiter.session.ctx.now(), wait_seconds: this.waited(waiter) });
    }
  }

  /** "All operators are busy…", then every announceEvery seconds the position and estimated wait. */
  private async announce(waiter: Waiter, line: Waiter[]): Promise<void> {
    const { session, settings, announcer } = waiter;
    try {
      await announcer.play([session.promptUri("busy")]);
      if (settings.announceEvery <= 0) return;
      for (;;) {
        await sleep(settings.announceEvery * 1000, undefined, { signal: waiter.stop.signal });
        const position = line.indexOf(waiter) + 1;
        if (position <= 0) return;
        const minutes = estimateWaitMinutes(position, this.handled.average(waiter.hotline));
        await announcer.play([
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

  private startMatching(): void {
    this.ticker ??= setInterval(() => void this.match(), MATCH_EVERY_MS).unref();
  }

  private stopMatching(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Offer free operators to waiting callers, oldest caller first (across hotlines: operators are shared). */
  private async match(): Promise<void> {
    if (this.matching) {
      this.matchAgain = true;
      return;
    }
    this.matching = true;
    try {
      do {
        this.matchAgain = false;
        await this.matchOnce();
      } while (this.matchAgain && !this.closed);
    } catch (err) {
      this.log.error({ err }, "matching callers and operators failed");
    } finally {
      this.matching = false;
    }
  }

  private async matchOnce(): Promise<void> {
    const waiting = [...this.lines.values()]
      .flat()
      .filter((w) => w.state === "waiting")
      .sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime());
    const phones = new Map<string, Promise<DeskPhoneState>>(); // one look per desk phone per round
    const phone = (op: OperatorSettings) => {
      const known = phones.get(op.endpoint);
      if (known) return known;
      const state = deskPhoneState(this.deps.ari, op);
      phones.set(op.endpoint, state);
      return state;
    };
    for (const waiter of waiting) {
      let untried = 0;
      let picked: [string, OperatorSettings] | undefined;
      for (const [key, op] of Object.entries(waiter.session.ctx.config.operators)) {
        if (this.busy.has(key) || waiter.tried.has(key)) continue;
        untried++;
        if ((await phone(op)).free) {
          picked = [key, op];
          break;
        }
      }
      // Everyone was tried: start a new round with the next tick (a short pause, not a ringing storm).
      if (!picked && untried === 0) waiter.tried.clear();
      if (!picked || waiter.state !== "waiting" || this.busy.has(picked[0])) continue;
      void this.ring(waiter, picked[0], picked[1]);
    }
  }

  private async ring(waiter: Waiter, key: string, operator: OperatorSettings): Promise<void> {
    const { session } = waiter;
    const leg = new OutboundLeg(this.deps.ari, "operator");
    this.busy.add(key);
    waiter.state = "ringing";
    waiter.ringing = leg;
    session.log.info({ operator: key, leg: leg.id }, "ringing an operator");
    // Every ring is a leg in the records: operator, result and ring time (missed calls, #6's AHT).
    const attempt = session.ctx.records.attempt({
      id: leg.id,
      callId: session.id,
      operator: key,
      endpoint: `PJSIP/${operator.endpoint}`,
      startedAt: session.ctx.now(),
    });
    let answered = false;
    try {
      answered = await leg.ring({
        endpoint: `PJSIP/${operator.endpoint}`,
        app: session.ctx.app,
        appArgs: `operator,${session.id}`,
        timeoutSeconds: waiter.settings.ringTimeout,
        callerId: session.info.channel.caller?.number || undefined,
      });
    } catch (err) {
      session.log.warn({ err, operator: key }, "could not ring the operator");
    }
    waiter.ringing = undefined;
    if (!answered || waiter.state !== "ringing") {
      session.ctx.records.attemptEnded(attempt, {
        endedAt: session.ctx.now(),
        result: waiter.state !== "ringing" ? "caller-gone" : attemptResult(leg.cause),
        ...(answered ? { answeredAt: session.ctx.now() } : {}),
      });
      if (waiter.state === "ringing") session.log.info({ operator: key, cause: leg.cause }, "operator did not answer");
      else await leg.hangup().catch(() => undefined); // the caller left or overflowed meanwhile
      waiter.tried.add(key);
      this.busy.delete(key);
      if (waiter.state === "ringing") waiter.state = "waiting";
      void this.match();
      return;
    }
    waiter.state = "connecting";
    session.ctx.records.attemptAnswered(attempt, session.ctx.now());
    try {
      await this.connect(waiter, key, leg, attempt);
    } catch (err) {
      this.busy.delete(key);
      await leg.hangup().catch(() => undefined);
      if (waiter.state === "connecting") waiter.settle(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The operator answered: from the holding bridge to a conversation, and the record told. */
  private async connect(waiter: Waiter, key: string, leg: OutboundLeg, attempt: string): Promise<void> {
    const { session } = waiter;
    await waiter.announcer.stop();
    await this.holding.remove(waiter.hotline, session.id);
    const conversation = await Conversation.start(this.deps.ari, session, leg, session.log);
    waiter.state = "connected";
    this.conversations.add(conversation);
    const answeredAt = session.ctx.now();
    const waitedSeconds = this.waited(waiter);
    session.note({
      queue_left_at: answeredAt,
      wait_seconds: waitedSeconds,
      answered_by: key,
      operator_answered_at: answeredAt,
    });
    session.log.info({ operator: key, waitedSeconds }, "operator answered");
    const records = session.ctx.records;
    records.queueEvent({
      callId: session.id,
      hotline: waiter.hotline,
      at: answeredAt,
      event: "answer",
      operator: key,
      waitSeconds: waitedSeconds,
    });
    void conversation.ended.then((endedBy) => {
      const endedAt = session.ctx.now();
      records.attemptEnded(attempt, { endedAt, result: "answered" });
      records.queueEvent({
        callId: session.id,
        hotline: waiter.hotline,
        at: endedAt,
        event: "complete",
        operator: key,
        waitSeconds: waitedSeconds,
        detail: endedBy,
      });
      this.conversations.delete(conversation);
      this.busy.delete(key);
      this.handled.add(waiter.hotline, (Date.now() - conversation.startedAt) / 1000);
      session.log.info({ operator: key, endedBy }, "conversation ended");
      void this.match();
    });
    waiter.settle({ kind: "connected", operator: key, waitedSeconds, ended: conversation.ended });
  }
}

/** A ring that was not answered, by the Q.850 cause the desk phone's leg ended with. */
function attemptResult(cause: number | undefined): AttemptResult {
  if (cause === 17) return "busy";
  if (cause === 21) return "rejected";
  if (cause === 18 || cause === 19 || cause === 16 || cause === undefined) return "no-answer";
  return "failed";
}
