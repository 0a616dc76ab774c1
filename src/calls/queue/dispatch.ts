import { bestEffort } from "../../logger.ts";
import { OutboundLeg } from "./outbound-leg.ts";
import type { AcdParts, Waiter } from "./queue-state.ts";
import { unansweredRing } from "./ring-result.ts";

/** The operator picked up while the caller still waited: take it from there (whisper, bridge, follow). */
export type OnAnswer = (waiter: Waiter, operator: string, leg: OutboundLeg, attempt: string) => Promise<void>;

/**
 * Who rings for whom: the engine's assignments become desk phones ringing on legs with our own ids,
 * several at once for ring-all, and each ring's end goes back to the engine and the records.
 */
export class Dispatch {
  private matching = false;
  private matchAgain = false;

  constructor(
    private readonly parts: AcdParts,
    private readonly hooks: { recordStates: () => void; onAnswer: OnAnswer },
  ) {}

  /** Match waiting callers and free operators; asked for during a round, the round runs again. */
  async match(): Promise<void> {
    const { state, log, now } = this.parts;
    if (state.closed || now().getTime() < state.settleUntil) return;
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
          if (waiter?.state !== "waiting") continue;
          for (const operator of assignment.operators) {
            state.engine.ringStarted(operator, assignment.callId, at);
            void this.ring(waiter, operator, assignment.operators.length > 1).catch((err) =>
              log.error({ err, operator }, "ringing an operator failed"),
            );
          }
        }
        this.hooks.recordStates();
      } while (this.matchAgain && !state.closed);
    } catch (err) {
      log.error({ err }, "matching callers and operators failed");
    } finally {
      this.matching = false;
    }
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
    try {
      answered = await leg.ring({
        endpoint,
        app,
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
      state.engine.ringEnded(key, session.id, "answered", now());
      this.hooks.recordStates();
      story.ringAnswered(attempt);
      // Ring-all: the others stop ringing (their rings end as cancelled).
      await Promise.allSettled([...waiter.rings.values()].map((other) => other.hangup()));
      await this.hooks.onAnswer(waiter, key, leg, attempt);
      return;
    }
    // Not answered, or answered too late (the caller left, another operator was quicker).
    if (answered) await bestEffort(leg.hangup(), session.log, "hang up a late answer");
    state.ourLegs.delete(leg.id);
    const { recorded, result } = unansweredRing(leg.cause, waiter.state);
    story.ringEnded(attempt, recorded);
    if (waiter.state === "waiting")
      session.log.info({ operator: key, cause: leg.cause, result }, "operator did not answer");
    state.engine.ringEnded(key, session.id, result, now());
    this.hooks.recordStates();
    void this.match();
  }
}
