import { setTimeout as sleep } from "node:timers/promises";
import { AcdEngine } from "../../acd/engine.ts";
import { acdConfigFrom } from "../../acd/settings.ts";
import { type AcdSnapshot, SNAPSHOT_VERSION } from "../../acd/snapshot.ts";
import type { Caller, OperatorStatus, Outcome, PauseReason } from "../../acd/types.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { HotlineConfig, HotlineSettings } from "../../config/index.ts";
import type { Logger } from "../../logger.ts";
import { OperatorActivity } from "../../operators/activity.ts";
import type { CommandSource, OperatorCommands } from "../../operators/commands.ts";
import type { CallRecords } from "../../records/call-records.ts";
import type { OperatorStateRow } from "../../records/rows.ts";
import { hotlineSettings } from "../context.ts";
import type { CallSession } from "../session.ts";
import { Announcer } from "./announcer.ts";
import { Conversation } from "./conversation.ts";
import { type DeskPhone, deskPhones } from "./desk-phones.ts";
import { HoldingBridges } from "./holding.ts";
import { OutboundLeg } from "./outbound-leg.ts";
import { QueueStory } from "./queue-story.ts";
import type { CallQueues, QueueOutcome, QueueRequest } from "./queues.ts";
import { unansweredRing } from "./ring-result.ts";
import { estimateWaitMinutes, HandledTimes } from "./wait-estimate.ts";
import { QUEUE_VARIABLE, queueMark, TALK_VARIABLE, type TalkMark, talkMark } from "./waiting-mark.ts";
import { introduce, whisper } from "./whisper.ts";

/** How often phones are looked at, wrap-ups ended and waiting callers matched again. */
const TICK_MS = 2000;

/** After a restart, how long callers still waiting in Asterisk get to be adopted before anyone is served. */
const SETTLE_MS = 3000;

/** One caller in a queue. */
interface Waiter {
  session: CallSession;
  hotline: string;
  settings: HotlineSettings["queue"];
  enteredAt: Date;
  state: "waiting" | "connecting" | "connected" | "left";
  /** The desk phones ringing for this caller (several for ring-all), by operator. */
  rings: Map<string, OutboundLeg>;
  announcer: Announcer;
  stop: AbortController;
  settle(outcome: QueueOutcome | Error): void;
}

export interface AcdQueuesDeps {
  ari: AriResources;
  records: CallRecords;
  logger: Logger;
  app: string;
  config: () => HotlineConfig;
  /** The ACD adapter's one clock: every instant it records, compares or hands the engine. */
  now?: () => Date;
}

/**
 * Issue #5's ACD behind the queue step: the pure AcdEngine decides who rings for whom; this adapter
 * rings desk phones on legs with our own ids, whispers the topic to the operator and the operator's
 * name to the caller, bridges them, and records every ring, state change, session and pause.
 * Callers wait in one Asterisk holding bridge per hotline, marked with a channel variable, so a
 * restarted app finds them (and their arrival time) in Asterisk and serves them in order.
 */
export class AcdQueues implements CallQueues, OperatorCommands {
  private readonly engine: AcdEngine;
  private readonly waiters = new Map<string, Waiter>();
  private readonly conversations = new Set<Conversation>();
  /** Channel ids of the operator legs we originated: they don't make a desk phone "busy outside". */
  private readonly ourLegs = new Set<string>();
  private readonly handled = new HandledTimes();
  private readonly holding: HoldingBridges;
  private readonly activity: OperatorActivity;
  private readonly story: QueueStory;
  private readonly log: Logger;
  private readonly now: () => Date;
  private phones = new Map<string, DeskPhone>();
  /** Operators with neither roster nor PIN: logged in whenever their desk phone is reachable. */
  private autoKnown = new Set<string>();
  private configInForce: HotlineConfig;
  private ticker: NodeJS.Timeout | undefined;
  private matching = false;
  private matchAgain = false;
  private closed = false;
  private settleUntil = 0;
  private phonesFailing = false;

  constructor(private readonly deps: AcdQueuesDeps) {
    this.log = deps.logger.child({ component: "acd" });
    this.now = deps.now ?? (() => new Date());
    this.configInForce = deps.config();
    this.engine = new AcdEngine(acdConfigFrom(this.configInForce), this.now());
    this.holding = new HoldingBridges(deps.ari, this.log);
    this.activity = new OperatorActivity(deps.records.operators);
    this.story = new QueueStory(deps.records, this.now);
  }

  /**
   * Pick up where the last run stopped (operator states from the database), look at the phones
   * once, then keep ticking. Callers still waiting in Asterisk come back through the call service.
   */
  async start(rows: readonly OperatorStateRow[]): Promise<void> {
    const snapshot: AcdSnapshot = { version: SNAPSHOT_VERSION, operators: {}, lastRung: {} };
    for (const row of rows) {
      if (!row.snapshot) continue;
      try {
        snapshot.operators[row.operator] = JSON.parse(row.snapshot);
      } catch {
        this.log.warn({ operator: row.operator }, "unreadable saved operator state; starting logged out");
      }
    }
    try {
      // Operators no longer configured are left out by the engine itself.
      this.engine.restore(snapshot, this.now());
      this.activity.restore(rows);
    } catch (err) {
      this.log.warn({ err }, "could not restore the operators' states; everyone starts logged out");
    }
    // Operators restored on a call whose caller is gone (hung up while we were down) are free again.
    for (const status of this.engine.statuses()) {
      if (status.state !== "on-call" || !status.call) continue;
      const alive = await this.deps.ari.channels.get(status.call.callId).then(
        () => true,
        () => false,
      );
      if (!alive) this.engine.callEnded(status.operator, status.call.callId, this.now());
    }
    // Desk phones still ringing for a caller of the last run: that ring died with it.
    const channels = await this.deps.ari.client.call("GET /channels", {}).catch(() => []);
    for (const channel of channels) {
      if (channel.id.startsWith("operator-") && channel.state !== "Up") {
        await this.deps.ari.channels.hangup(channel.id).catch(() => undefined);
      }
    }
    const held = await this.holding.adopt().catch((err) => {
      this.log.warn({ err }, "could not look for holding bridges");
      return 0;
    });
    // Callers who waited before the restart come back one by one: serve none until all are back in line.
    if (held > 0) this.settleUntil = this.now().getTime() + SETTLE_MS;
    // Auto log-in only for operators the database knows nothing of: someone who logged out stays out.
    this.autoKnown = new Set(rows.map((r) => r.operator));
    this.flush("acd");
    await this.tick();
    this.ticker = setInterval(() => void this.tick(), TICK_MS).unref();
  }

  /** A reloaded configuration: operators added or removed, new rules; callers and calls go on. */
  reconfigure(config: HotlineConfig): void {
    this.configInForce = config;
    this.engine.reconfigure(acdConfigFrom(config), this.now());
    this.flush("acd");
    void this.match();
  }

  waiting(hotline: string): number {
    let n = 0;
    for (const w of this.waiters.values()) if (w.hotline === hotline && w.state === "waiting") n++;
    return n;
  }

  // ── Operator commands (desk phone, CLI, roster) ───────────────────────────────────────────────

  login(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "login", () => this.engine.login(operator, this.now()));
  }

  logout(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "logout", () => this.engine.logout(operator, this.now()));
  }

  pause(operator: string, reason: PauseReason, source: CommandSource): Outcome {
    return this.command(operator, source, `pause (${reason})`, () => this.engine.pause(operator, reason, this.now()));
  }

  resume(operator: string, source: CommandSource): Outcome {
    return this.command(operator, source, "resume", () => this.engine.resume(operator, this.now()));
  }

  statuses(): OperatorStatus[] {
    this.engine.tick(this.now());
    this.flush("acd");
    return this.engine.statuses(this.now());
  }

  private command(operator: string, source: CommandSource, what: string, run: () => Outcome): Outcome {
    const outcome = run();
    this.log.info({ operator, source, outcome }, `operator ${what}`);
    this.flush(source);
    if (outcome !== "ignored") void this.match();
    return outcome;
  }

  // ── Callers ───────────────────────────────────────────────────────────────────────────────────

  async enter(session: CallSession, request: QueueRequest): Promise<QueueOutcome> {
    if (this.closed) throw new Error("the queues are closed");
    const { ctx } = session;
    const settings = hotlineSettings(ctx.config, request.hotline).queue;
    const resumed = request.arrivedAt !== undefined;
    const call = { callId: session.id, hotline: request.hotline };
    if (!resumed) {
      if (this.waiting(request.hotline) >= settings.maxLength) {
        this.story.full(call, this.waiting(request.hotline) + 1);
        return { kind: "full" };
      }
      const able = this.engine.whoCouldServe(request).filter((op) => this.phones.get(op)?.reachable);
      if (able.length === 0) {
        this.story.noOperators(call);
        return { kind: "no-operators" };
      }
    }
    const opening = await ctx.openingHours.state(request.hotline, this.now());
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
      enteredAt: request.arrivedAt ?? this.now(),
      state: "waiting",
      rings: new Map(),
      announcer: new Announcer(this.deps.ari, session.id, session.language),
      stop: new AbortController(),
      settle,
    };
    const caller: Caller = {
      callId: session.id,
      hotline: request.hotline,
      ...(request.topic ? { topic: request.topic } : {}),
      language: request.language,
      arrivedAt: waiter.enteredAt,
    };
    this.waiters.set(session.id, waiter);
    this.engine.addCaller(caller);
    if (!resumed) {
      session.note({ queue_entered_at: waiter.enteredAt });
      this.story.entered(call, this.position(waiter));
    }
    session.log.info({ hotline: request.hotline, position: this.position(waiter), resumed }, "caller queued");

    const leave = (outcome: QueueOutcome) => {
      if (waiter.state === "waiting") waiter.settle(outcome);
    };
    const maxWaitMs = Math.max(0, settings.maxWait * 1000 - (this.now().getTime() - waiter.enteredAt.getTime()));
    const timers = [setTimeout(() => leave({ kind: "timeout", waitedSeconds: this.waited(waiter) }), maxWaitMs)];
    // Closing time before the wait limit: the caller hears the closing options instead of a timeout.
    const closingIn = opening.nextChange ? opening.nextChange.getTime() - this.now().getTime() : Infinity;
    if (closingIn < maxWaitMs) {
      timers.push(
        setTimeout(() => leave({ kind: "closing", waitedSeconds: this.waited(waiter) }), Math.max(0, closingIn)),
      );
    }
    try {
      // Asterisk keeps what a restarted app needs to serve this caller in order.
      await this.deps.ari.channels
        .setVar(session.id, QUEUE_VARIABLE, queueMark({ ...caller, arrivedAt: waiter.enteredAt }))
        .catch(() => undefined);
      await this.holding.add(request.hotline, session.id);
      void this.announce(waiter, resumed);
      void this.match();
      const outcome = await Promise.race([result, session.whenGone()]);
      if (outcome.kind === "timeout") this.story.timedOut(call, outcome.waitedSeconds);
      if (outcome.kind === "closing") this.story.closing(call, outcome.waitedSeconds);
      return outcome;
    } catch (err) {
      if (session.isGone) this.story.abandoned(call, this.position(waiter), this.waited(waiter));
      throw err;
    } finally {
      for (const timer of timers) clearTimeout(timer);
      await this.leaveQueue(waiter);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    for (const waiter of this.waiters.values()) waiter.settle(new Error("the queues are closed"));
    await Promise.allSettled([...this.conversations].map((c) => c.close()));
    await this.holding.close();
    this.flush("acd");
  }

  private position(waiter: Waiter): number {
    return this.engine.waiting().findIndex((c) => c.callId === waiter.session.id) + 1;
  }

  private waited(waiter: Waiter): number {
    return (this.now().getTime() - waiter.enteredAt.getTime()) / 1000;
  }

  /** Whatever the reason the caller leaves: out of the engine, the bridge, the ringing; the record told. */
  private async leaveQueue(waiter: Waiter): Promise<void> {
    const { session } = waiter;
    const connected = waiter.state === "connected";
    if (!connected) waiter.state = "left";
    waiter.stop.abort();
    this.engine.removeCaller(session.id);
    this.waiters.delete(session.id);
    await waiter.announcer.stop();
    if (!connected) await Promise.allSettled([...waiter.rings.values()].map((leg) => leg.hangup()));
    await this.holding.remove(waiter.hotline, session.id).catch(() => undefined);
    if (!session.isGone) await this.deps.ari.channels.setVar(session.id, QUEUE_VARIABLE, "").catch(() => undefined);
    if (!connected) session.note({ queue_left_at: this.now(), wait_seconds: this.waited(waiter) });
  }

  /** "All operators are busy…", then every announceEvery seconds the position and estimated wait. */
  private async announce(waiter: Waiter, resumed: boolean): Promise<void> {
    const { session, settings, announcer } = waiter;
    try {
      if (!resumed) await announcer.play([session.promptUri("busy")]);
      if (settings.announceEvery <= 0) return;
      for (;;) {
        await sleep(settings.announceEvery * 1000, undefined, { signal: waiter.stop.signal });
        const position = this.position(waiter);
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

  // ── Matching and ringing ──────────────────────────────────────────────────────────────────────

  /** Phones looked at (reachable, busy outside the ACD), wrap-ups ended, callers matched. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    try {
      const config = this.configInForce;
      this.phones = await deskPhones(this.deps.ari, config.operators, this.ourLegs);
      for (const [key, phone] of this.phones) {
        this.engine.deviceBusy(key, phone.busyOutside || !phone.reachable);
        const operator = config.operators[key];
        const auto = operator && !operator.roster && !operator.pin;
        if (auto && phone.reachable && !this.autoKnown.has(key)) {
          this.autoKnown.add(key);
          this.login(key, "acd");
        }
      }
      if (this.phonesFailing) this.log.info("desk phones visible again");
      this.phonesFailing = false;
    } catch (err) {
      // Said once per outage, not every tick.
      if (!this.phonesFailing) this.log.warn({ err: (err as Error).message }, "could not look at the desk phones");
      this.phonesFailing = true;
    }
    this.engine.tick(this.now());
    this.flush("acd");
    await this.match();
  }

  private async match(): Promise<void> {
    if (this.closed || this.now().getTime() < this.settleUntil) return;
    if (this.matching) {
      this.matchAgain = true;
      return;
    }
    this.matching = true;
    try {
      do {
        this.matchAgain = false;
        const now = this.now();
        for (const assignment of this.engine.nextAssignments(now)) {
          const waiter = this.waiters.get(assignment.callId);
          if (waiter?.state !== "waiting") continue;
          for (const operator of assignment.operators) {
            this.engine.ringStarted(operator, assignment.callId, now);
            void this.ring(waiter, operator, assignment.operators.length > 1).catch((err) =>
              this.log.error({ err, operator }, "ringing an operator failed"),
            );
          }
        }
        this.flush("acd");
      } while (this.matchAgain && !this.closed);
    } catch (err) {
      this.log.error({ err }, "matching callers and operators failed");
    } finally {
      this.matching = false;
    }
  }

  private async ring(waiter: Waiter, key: string, ringAll: boolean): Promise<void> {
    const { session } = waiter;
    const operator = session.ctx.config.operators[key] ?? this.configInForce.operators[key];
    const leg = new OutboundLeg(this.deps.ari, "operator");
    const endpoint = `PJSIP/${operator?.endpoint ?? key}`;
    waiter.rings.set(key, leg);
    this.ourLegs.add(leg.id);
    session.log.info({ operator: key, leg: leg.id, ringAll }, "ringing an operator");
    const attempt = this.story.ringing(session.id, key, endpoint, leg.id);
    let answered = false;
    try {
      answered = await leg.ring({
        endpoint,
        app: this.deps.app,
        appArgs: `operator,${session.id}`,
        timeoutSeconds: waiter.settings.ringTimeout,
        callerId: session.info.channel.caller?.number || undefined,
      });
    } catch (err) {
      session.log.warn({ err, operator: key }, "could not ring the operator");
    }
    waiter.rings.delete(key);
    if (answered && waiter.state === "waiting") {
      waiter.state = "connecting";
      this.engine.ringEnded(key, session.id, "answered", this.now());
      this.flush("acd");
      this.story.ringAnswered(attempt);
      // Ring-all: the others stop ringing (their rings end as cancelled).
      await Promise.allSettled([...waiter.rings.values()].map((other) => other.hangup()));
      await this.connect(waiter, key, leg, attempt);
      return;
    }
    // Not answered, or answered too late (the caller left, another operator was quicker).
    if (answered) await leg.hangup().catch(() => undefined);
    this.ourLegs.delete(leg.id);
    const { recorded, result } = unansweredRing(leg.cause, waiter.state);
    this.story.ringEnded(attempt, recorded);
    if (waiter.state === "waiting")
      session.log.info({ operator: key, cause: leg.cause, result }, "operator did not answer");
    this.engine.ringEnded(key, session.id, result, this.now());
    this.flush("acd");
    void this.match();
  }

  /** The operator answered: whisper, name, then from the holding bridge into a conversation. */
  private async connect(waiter: Waiter, key: string, leg: OutboundLeg, attempt: string): Promise<void> {
    const { session } = waiter;
    let conversation: Conversation;
    let talkingSince: Date;
    try {
      await waiter.announcer.stop();
      await this.holding.remove(waiter.hotline, session.id);
      // The operator hears what the call is about while the caller hears who takes it.
      await Promise.all([whisper(this.deps.ari, leg.id, session, key), introduce(this.deps.ari, session, key)]);
      conversation = await Conversation.start(this.deps.ari, session, leg, session.log);
      talkingSince = this.now();
    } catch (err) {
      // The operator hung up during the whisper, or Asterisk refused the bridge: a call is never
      // dropped for that — the caller goes back into the queue with their place.
      this.ourLegs.delete(leg.id);
      await leg.hangup().catch(() => undefined);
      this.story.ringEnded(attempt, "answered");
      this.engine.callEnded(key, session.id, this.now());
      this.flush("acd");
      if (session.isGone) return waiter.settle(err instanceof Error ? err : new Error(String(err)));
      session.log.warn({ err, operator: key }, "could not connect the operator; the caller waits again");
      await this.requeue(waiter);
      return;
    }
    waiter.state = "connected";
    const answeredAt = this.now();
    const waitedSeconds = this.waited(waiter);
    session.note({
      queue_left_at: answeredAt,
      wait_seconds: waitedSeconds,
      answered_by: key,
      operator_answered_at: answeredAt,
    });
    session.log.info({ operator: key, waitedSeconds }, "operator answered");
    this.story.answered({ callId: session.id, hotline: waiter.hotline }, key, waitedSeconds, answeredAt);
    const talk: TalkMark = {
      operator: key,
      legId: leg.id,
      bridgeId: conversation.bridgeId,
      hotline: waiter.hotline,
      waitedSeconds,
    };
    // Asterisk keeps the conversation's parts on the caller's channel: a restarted app follows it again.
    await this.deps.ari.channels.setVar(session.id, TALK_VARIABLE, talkMark(talk)).catch(() => undefined);
    waiter.settle(this.follow(session, conversation, talk, talkingSince));
  }

  /** A conversation of the last run, still bridged in Asterisk: the operator stays on it until it ends. */
  async rejoin(session: CallSession, talk: TalkMark): Promise<Extract<QueueOutcome, { kind: "connected" }>> {
    const leg = await OutboundLeg.adopt(this.deps.ari, talk.legId);
    this.ourLegs.add(leg.id);
    session.log.info({ operator: talk.operator, bridge: talk.bridgeId }, "conversation adopted after a restart");
    const conversation = Conversation.adopt(this.deps.ari, talk.bridgeId, session, leg, session.log);
    return this.follow(session, conversation, talk, this.now());
  }

  /**
   * Until the conversation ends: then the records, the operator's wrap-up and the next match.
   * `since` is when it began talking, on our clock, for the hotline's handled time.
   */
  private follow(
    session: CallSession,
    conversation: Conversation,
    talk: TalkMark,
    since: Date,
  ): Extract<QueueOutcome, { kind: "connected" }> {
    this.conversations.add(conversation);
    void conversation.ended
      .then((endedBy) => {
        this.story.completed({ callId: session.id, hotline: talk.hotline }, talk, endedBy);
        const endedAt = this.now();
        this.conversations.delete(conversation);
        this.ourLegs.delete(talk.legId);
        this.handled.add(talk.hotline, (endedAt.getTime() - since.getTime()) / 1000);
        this.engine.callEnded(talk.operator, session.id, endedAt);
        this.flush("acd");
        session.log.info({ operator: talk.operator, endedBy }, "conversation ended");
        this.afterWrapUp(talk.hotline);
      })
      .catch((err) => this.log.error({ err, operator: talk.operator }, "ending a conversation failed"));
    return { kind: "connected", operator: talk.operator, waitedSeconds: talk.waitedSeconds, ended: conversation.ended };
  }

  /** Back into the queue with the same arrival time (the answer could not be completed). */
  private async requeue(waiter: Waiter): Promise<void> {
    const { session } = waiter;
    waiter.state = "waiting";
    waiter.announcer = new Announcer(this.deps.ari, session.id, session.language);
    this.engine.addCaller({
      callId: session.id,
      hotline: waiter.hotline,
      ...(session.topic ? { topic: session.topic } : {}),
      language: session.language,
      arrivedAt: waiter.enteredAt,
    });
    await this.holding.add(waiter.hotline, session.id).catch((err) => waiter.settle(err));
    void this.match();
  }

  /** Match again as soon as the operator's wrap-up is over, not only at the next tick. */
  private afterWrapUp(hotline: string): void {
    const seconds = this.configInForce.hotlines[hotline]?.queue.wrapUp ?? 0;
    setTimeout(
      () => {
        this.engine.tick(this.now());
        this.flush("acd");
        void this.match();
      },
      seconds * 1000 + 20,
    ).unref();
  }

  /** The engine's state changes into the records (sessions, pauses, states). */
  private flush(source: string): void {
    const changes = this.engine.takeChanges();
    if (changes.length === 0) return;
    for (const c of changes) {
      this.log.info({ operator: c.operator, from: c.from, to: c.to, reason: c.reason }, "operator state");
    }
    this.story.wrapUpsEnded(changes);
    const operators = this.configInForce.operators;
    this.activity.record(changes, this.engine.snapshot(), source, (op) =>
      operators[op] ? `PJSIP/${operators[op].endpoint}` : "",
    );
  }
}
