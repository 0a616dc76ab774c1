import type { Assignment } from "../../acd/types.ts";
import { bestEffort } from "../../logger.ts";
import { OutboundLeg } from "./outbound-leg.ts";
import { type AcdParts, type Waiter, waitedSeconds } from "./queue-state.ts";
import { systemFailure, unansweredRing } from "./ring-result.ts";

/** The operator picked up while the caller still waited: take it from there (whisper, bridge, follow). */
export type OnAnswer = (waiter: Waiter, operator: string, leg: OutboundLeg, attempt: string) => Promise<void>;

/** Failed rings in a row (Asterisk overloaded, out of ports, down) before matching holds back. */
const FAILURES_BEFORE_BACKOFF = 3;
const BACKOFF_FIRST_MS = 250;
const BACKOFF_LONGEST_MS = 10_000;

/**
 * When Asterisk cannot place calls, asking again at once only starves it: after a few failures in a
 * row nothing is rung for a while, doubling up to 10 s; one ring that reaches a phone resets it.
 */
export class RingBackoff {
  private failures = 0;
  /** Nothing is rung before this instant (ms). */
  until = 0;

  failed(now: number): void {
    this.failures++;
    if (this.failures < FAILURES_BEFORE_BACKOFF) return;
    const delay = BACKOFF_FIRST_MS * 2 ** (this.failures - FAILURES_BEFORE_BACKOFF);
    this.until = now + Math.min(BACKOFF_LONGEST_MS, delay);
  }

  reached(): void {
    this.failures = 0;
    this.until = 0;
  }
}

/**
 * Who rings for whom: the engine's assignments become desk phones ringing on legs with our own ids,
 * several at once for ring-all, and each ring's end goes back to the engine and the records.
 * Matching runs on every change that can create a match, and at the one instant the engine says
 * time will change something (a wrap-up ends, a caller's wait widens): there is no polling.
 */
export class Dispatch {
  private matching = false;
  private matchAgain = false;
  private wake: { at: number; timer: NodeJS.Timeout } | undefined;
  readonly backoff = new RingBackoff();
  /** Rings in progress, each until its end is recorded. */
  private readonly ringing = new Set<Promise<void>>();

  constructor(
    private readonly parts: AcdParts,
    private readonly hooks: {
      recordStates: () => void;
      onAnswer: OnAnswer;
      /** An assignment of an engine caller that is no waiting caller (a callback): true when taken. */
      onOther?: (assignment: Assignment, at: Date) => boolean;
    },
  ) {}

  /** Match waiting callers and free operators; asked for during a round, the round runs again. */
  async match(): Promise<void> {
    const { state, log, now } = this.parts;
    if (state.closed) return;
    const holdUntil = Math.max(state.settleUntil, this.backoff.until);
    if (now().getTime() < holdUntil) return this.wakeAt(holdUntil);
    if (this.matching) {
      this.matchAgain = true;
      return;
    }
    this.matching = true;
    try {
      do {
        this.matchAgain = false;
        const at = now();
        for (const assignment of state.engine.nextAssignments(at)) {
          const waiter = state.waiters.get(assignment.callId);
          if (!waiter && this.hooks.onOther?.(assignment, at)) continue;
          if (waiter?.state !== "waiting") continue;
          waiter.offers++;
          for (const operator of assignment.operators) {
            state.engine.ringStarted(operator, assignment.callId, at);
            const ring = this.ring(waiter, operator, assignment.operators.length > 1).catch((err) =>
              log.error({ err, operator }, "ringing an operator failed"),
            );
            this.ringing.add(ring);
            void ring.finally(() => this.ringing.delete(ring));
          }
        }
        this.hooks.recordStates();
      } while (this.matchAgain && !state.closed);
      const next = state.engine.wakeAt(now());
      if (next) this.wakeAt(next.getTime());
    } catch (err) {
      log.error({ err }, "matching callers and operators failed");
    } finally {
      this.matching = false;
    }
  }

  /**
   * The app stops: phones still ringing stop, and each ring's end is recorded (interrupted) before
   * the records close. Waiting callers stay in line in Asterisk for the next run.
   */
  async interrupt(waiters: Iterable<Waiter>, timeoutMs = 3000): Promise<void> {
    this.stop();
    const hangups = [...waiters].flatMap((w) => (w.state === "waiting" ? [...w.rings.values()] : []));
    await Promise.allSettled(hangups.map((leg) => leg.hangup()));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled(this.ringing), late]);
    clearTimeout(timer);
  }

  /** Stop the wake-up timer (the queues close). */
  stop(): void {
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = undefined;
  }

  /** One timer, at the earliest instant anything asked for. */
  private wakeAt(at: number): void {
    if (this.wake && this.wake.at <= at && this.wake.at > this.parts.now().getTime()) return;
    this.stop();
    const timer = setTimeout(
      () => {
        this.wake = undefined;
        void this.match();
      },
      Math.max(0, at - this.parts.now().getTime()) + 5,
    );
    timer.unref();
    this.wake = { at, timer };
  }

  /** One desk phone rings for the caller: answered in time, they connect; otherwise the engine hears why. */
  private async ring(waiter: Waiter, key: string, ringAll: boolean): Promise<void> {
    const { hub, app, state, story, now } = this.parts;
    const { session } = waiter;
    // The call's own configuration first (a reload never touches live calls); an operator added since is in force.
    const operator = session.ctx.config.operators[key] ?? state.config.operators[key];
    const leg = new OutboundLeg(hub, "operator");
    const endpoint = `PJSIP/${operator?.endpoint ?? key}`;
    waiter.rings.set(key, leg);
    state.ourLegs.add(leg.id);
    session.log.info({ operator: key, leg: leg.id, ringAll }, "ringing an operator");
    const attempt = story.ringing(session.id, key, endpoint, leg.id);
    let answered = false;
    let refused = false;
    try {
      answered = await leg.ring({
        endpoint,
        app,
        appArgs: `operator,${session.id}`,
        near: session.id,
        timeoutSeconds: waiter.settings.ringTimeout,
        callerId: session.info.channel.caller?.number || undefined,
      });
    } catch (err) {
      refused = true;
      session.log.warn({ err, operator: key }, "could not ring the operator");
    }
    waiter.rings.delete(key);
    // Asterisk refused the originate, lost the leg in a restart, or could not place it: not the operator's miss.
    const failed = refused || leg.lost || systemFailure(leg.cause);
    if (failed) this.backoff.failed(now().getTime());
    else this.backoff.reached();
    if (answered && waiter.state === "waiting") {
      waiter.state = "connecting";
      story.ringAnswered(attempt);
      // Ring-all: the others stop ringing (their rings end as cancelled).
      await Promise.allSettled([...waiter.rings.values()].map((other) => other.hangup()));
      await this.hooks.onAnswer(waiter, key, leg, attempt);
      return;
    }
    // Not answered, or answered too late (the caller left, another operator was quicker).
    if (answered) await bestEffort(leg.hangup(), session.log, "hang up a late answer");
    state.ourLegs.delete(leg.id);
    if (state.closed) return story.ringEnded(attempt, "interrupted");
    const unanswered = unansweredRing(leg.cause, waiter.state);
    const recorded = failed && waiter.state === "waiting" ? "failed" : unanswered.recorded;
    const result = refused || leg.lost ? "cancelled" : unanswered.result;
    story.ringEnded(attempt, recorded);
    if (waiter.state === "waiting")
      session.log.info({ operator: key, cause: leg.cause, result: recorded }, "operator did not answer");
    state.engine.ringEnded(key, session.id, result, now());
    this.hooks.recordStates();
    if (!this.offeredEnough(waiter)) void this.match();
  }

  /**
   * A caller offered queue.maxOffers times without a conversation leaves for the hotline's overflow,
   * as after maxWait: phones that keep failing or hanging up never hold a caller in a loop.
   */
  offeredEnough(waiter: Waiter): boolean {
    if (waiter.state !== "waiting" || waiter.rings.size > 0 || waiter.offers < waiter.settings.maxOffers) return false;
    waiter.session.log.info({ offers: waiter.offers }, "offered to operators often enough; overflow");
    // Out of the engine at once: the next round must not offer them again while they leave.
    waiter.state = "left";
    this.parts.state.engine.removeCaller(waiter.session.id);
    waiter.settle({ kind: "timeout", waitedSeconds: waitedSeconds(waiter, this.parts.now()), offers: waiter.offers });
    void this.match();
    return true;
  }
}
