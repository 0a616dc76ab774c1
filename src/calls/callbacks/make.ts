import { randomUUID } from "node:crypto";
import type { CallbacksSettings } from "../../config/schema-callbacks.ts";
import { bestEffort } from "../../logger.ts";
import { operatorLanguage } from "../../operators/language.ts";
import type { CallbackRecords } from "../../records/callback-records.ts";
import { topicNameFile } from "../../sounds/catalog.ts";
import { soundUri } from "../../sounds/prompts.ts";
import { hotlineSettings } from "../context.ts";
import { Announcer } from "../queue/announcer.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import type { AcdParts } from "../queue/queue-state.ts";
import { unansweredRing } from "../queue/ring-result.ts";
import { engineId, nextAttempt, type PendingCallback } from "./pending.ts";
import { talkUntilEnd } from "./talk.ts";

/** Callback legs up now: counted against their trunk's channel limit, hung up when the app stops. */
export interface CallbackLegs {
  byTrunk: Map<string, number>;
  active: Set<OutboundLeg>;
}

export interface MakeDeps {
  records: CallbackRecords;
  recordStates: () => void;
  match: () => void;
  legs: CallbackLegs;
  settings: CallbacksSettings;
  trunk: string;
}

/** How an attempt ended for the line: reached (done), waiting again, retried later, or given up. */
export type MadeResult = "reached" | "operator-missed" | "retry" | "given-up";

/** The operator never waits longer than this for the announcement of who they call. */
const ANNOUNCE_LONGEST_MS = 15_000;

/**
 * One attempt: the operator's desk phone rings (they were reserved by the engine's assignment); on
 * answer they hear "callback for 612345678 about admissions", then the caller is dialled on the
 * trunk from the hotline's own number and the two are bridged. The engine hears "answered" only
 * then. Busy or no answer: the operator is free at once (not their miss) and the callback is tried
 * again after callbacks.retries, keeping its place, then given up. An operator who does not answer
 * missed it as any call; the callback waits for the next one.
 */
export async function makeCallback(
  parts: AcdParts,
  deps: MakeDeps,
  cb: PendingCallback,
  operator: string,
): Promise<MadeResult> {
  const { hub, app, state, now, log } = parts;
  const { records } = deps;
  const callId = engineId(cb.id);
  const config = state.config;
  const op = config.operators[operator];
  const attempt = `cba-${randomUUID()}`;
  const cbLog = log.child({ callback: cb.id, operator });
  records.attemptStarted({ id: attempt, callbackId: cb.id, operator, number: cb.number, trunk: deps.trunk, at: now() });
  const desk = new OutboundLeg(hub, "operator");
  state.ourLegs.add(desk.id);
  deps.legs.active.add(desk);
  const release = () => {
    state.ourLegs.delete(desk.id);
    deps.legs.active.delete(desk);
  };
  let answered = false;
  try {
    answered = await desk.ring({
      endpoint: `PJSIP/${op?.endpoint ?? operator}`,
      app,
      appArgs: `operator,${callId}`,
      timeoutSeconds: hotlineSettings(config, cb.hotline).queue.ringTimeout,
      callerId: cb.number,
    });
  } catch (err) {
    cbLog.warn({ err }, "could not ring the operator for a callback");
  }
  if (!answered) {
    release();
    const { result } = unansweredRing(desk.cause, "waiting");
    state.engine.ringEnded(operator, callId, desk.lost ? "cancelled" : result, now());
    records.attemptEnded(attempt, {
      at: now(),
      result: "operator-missed",
      ...(desk.cause ? { cause: desk.cause } : {}),
    });
    records.pending(cb.id);
    deps.recordStates();
    cbLog.info({ cause: desk.cause }, "operator did not take the callback; it waits again");
    deps.match();
    return "operator-missed";
  }

  cb.attempts++;
  records.dialing(cb.id, attempt, { operator, attempts: cb.attempts, at: now() });
  const language = op ? operatorLanguage(config, op) : cb.language;
  await announce(desk, language, cb);
  const caller = new OutboundLeg(hub, "callback");
  deps.legs.active.add(caller);
  deps.legs.byTrunk.set(deps.trunk, (deps.legs.byTrunk.get(deps.trunk) ?? 0) + 1);
  const did = config.numbers.find((n) => n.hotline === cb.hotline)?.did ?? config.numbers[0]?.did;
  cbLog.info({ number: cb.number, trunk: deps.trunk, attempt: cb.attempts }, "calling the caller back");
  let reached = false;
  try {
    // The operator hanging up meanwhile stops the dialling.
    const ring = caller.ring({
      endpoint: `PJSIP/${cb.number}@${deps.trunk}`,
      app,
      appArgs: `callback,${cb.id}`,
      near: desk.id,
      timeoutSeconds: deps.settings.ringTimeout,
      ...(did ? { callerId: did } : {}),
    });
    void desk.gone.then(() => caller.hangup().catch(() => undefined));
    reached = (await ring) && desk.isUp;
  } catch (err) {
    cbLog.warn({ err }, "could not dial the caller back");
  }
  const lineFreed = () => deps.legs.byTrunk.set(deps.trunk, Math.max(0, (deps.legs.byTrunk.get(deps.trunk) ?? 1) - 1));
  if (reached) {
    const result = await talkUntilEnd(
      parts,
      { records, recordStates: deps.recordStates, match: deps.match },
      {
        cb,
        operator,
        attempt,
        desk,
        caller,
      },
    );
    deps.legs.active.delete(caller);
    lineFreed();
    release();
    if (result === "reached") return "reached";
  } else {
    await Promise.allSettled([caller.hangup()]);
    deps.legs.active.delete(caller);
    lineFreed();
  }
  const operatorLeft = !desk.isUp;
  await bestEffort(desk.hangup(), cbLog, "hang up the operator");
  release();
  // The operator is free at once, without wrap-up: the caller's line, not the operator, said no.
  state.engine.ringEnded(operator, callId, "cancelled", now());
  state.engine.removeCaller(callId);
  const end = { at: now(), ...(caller.cause ? { cause: caller.cause } : {}) };
  const why =
    operatorLeft && !caller.cause ? "failed" : caller.cause === 17 ? "busy" : caller.cause ? "no-answer" : "failed";
  records.attemptEnded(attempt, { ...end, result: why });
  deps.recordStates();
  deps.match();
  const next = nextAttempt(deps.settings.retries, cb.attempts, now());
  if (!next) {
    records.givenUp(cb.id, now(), cb.attempts);
    cbLog.info({ attempts: cb.attempts, cause: caller.cause }, "callback given up");
    return "given-up";
  }
  cb.nextAttemptAt = next;
  records.retryAt(cb.id, next, cb.attempts);
  cbLog.info({ attempts: cb.attempts, cause: caller.cause, next }, "caller not reached; callback retried later");
  return "retry";
}

/** "Callback for 612345678 about admissions", in the operator's language, bounded. */
async function announce(desk: OutboundLeg, language: string, cb: PendingCallback): Promise<void> {
  const announcer = new Announcer(desk.channel, language);
  const timer = setTimeout(() => void announcer.stop(), ANNOUNCE_LONGEST_MS);
  try {
    await announcer.play([
      soundUri("agent-callback-for"),
      `digits:${cb.number}`,
      ...(cb.topic ? [soundUri("agent-callback-about"), soundUri(topicNameFile(cb.topic))] : []),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
