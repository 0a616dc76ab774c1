/**
 * What each call was, in the report's terms, decided once: queued or not, answered by an operator,
 * abandoned (short or not), overflowed, still waiting at closing time, after hours. Every metric
 * reads these facts, so two tables can never disagree about what "abandoned" means.
 */
import { closedWhileWaiting, type OutcomeKind, overflowDestination } from "../records/outcome.ts";
import type { AnalysisSettings } from "./settings.ts";
import type { CallRecord, QueueEvent } from "./types.ts";
import { localSlot } from "./week.ts";

export type DropoffStep = "greeting-language" | "menu" | "prepared-answer" | "queue";

export interface CallFacts {
  call: CallRecord;
  /** Local weekday (0 = Monday) and hour of the start. */
  day: number;
  hour: number;
  /** Outcome closed, or a schedule rule noted: the hotline was closed when the call came. */
  afterHours: boolean;
  /** Refused at a trunk's channel limit. */
  busy: boolean;
  /** Entered an operator queue. */
  queued: boolean;
  /** Picked up by an operator (also after a transfer between our hotlines). */
  answered: boolean;
  /** Seconds from entering the first queue to the operator's pick-up or to leaving; null when not queued. */
  wait: number | null;
  /** Hung up while waiting, after shortAbandonSeconds. */
  abandoned: boolean;
  /** Hung up while waiting, within shortAbandonSeconds (reported apart, not an abandon). */
  shortAbandon: boolean;
  /** Left the queue to the overflow action (outside centre, voicemail, callback) and not answered here. */
  overflowed: boolean;
  /** Where it went (overflowDestination): a number, a hotline, voicemail, callback or "no answer". */
  overflowTarget: string | null;
  /** Still waiting when the hotline closed. */
  waitingAtClosing: boolean;
  /** Seconds the operator talked: operator pick-up → end. */
  talk: number | null;
  /** Talk plus wrap-up: the measured one, else the hotline's queue.wrapUp. */
  handle: number | null;
  /** Where a caller who hung up before reaching an operator left the journey. */
  dropoff: DropoffStep | null;
}

const CALLER_LEFT: ReadonlySet<OutcomeKind | undefined> = new Set(["abandoned", "caller-hangup"]);

export function classifyCalls(
  calls: readonly CallRecord[],
  settings: AnalysisSettings,
  queueEvents: readonly QueueEvent[] = [],
): CallFacts[] {
  const closingIds = new Set(queueEvents.filter((e) => e.event === "closing").map((e) => e.callId));
  return calls.map((c) => classifyCall(c, settings, closingIds));
}

export function classifyCall(call: CallRecord, settings: AnalysisSettings, closingIds: ReadonlySet<string>): CallFacts {
  const { day, hour } = localSlot(call.startedAt, settings.timezone);
  const outcome = call.outcome;
  const busy = outcome?.kind === "busy";
  const queued = call.queueEnteredAt !== null;
  // Found closed on arrival; a queued caller the hotline closed on is "waiting at closing" instead.
  const afterHours = !queued && (outcome?.kind === "closed" || call.scheduleRule !== null);
  const answered = call.operatorAnsweredAt !== null || outcome?.kind === "answered";
  const wait = queued ? waitSeconds(call) : null;
  const closing = outcome !== null && closedWhileWaiting(outcome);
  const waitingAtClosing = queued && !answered && (closing || closingIds.has(call.id));
  const overflowTarget = !answered && queued && !waitingAtClosing && outcome ? overflowDestination(outcome) : null;
  const overflowed = overflowTarget !== null;
  const left = queued && !answered && !overflowed && !waitingAtClosing && CALLER_LEFT.has(outcome?.kind);
  const shortAbandon = left && (wait ?? 0) < settings.shortAbandonSeconds;
  const talk =
    answered && call.operatorAnsweredAt !== null && call.endedAt !== null
      ? Math.max(0, (call.endedAt - call.operatorAnsweredAt) / 1000)
      : null;
  const wrapUp = call.wrapUpSeconds ?? settings.wrapUpSeconds[call.hotline ?? ""] ?? settings.defaultWrapUpSeconds;
  return {
    call,
    day,
    hour,
    afterHours,
    busy,
    queued,
    answered,
    wait,
    abandoned: left && !shortAbandon,
    shortAbandon,
    overflowed,
    overflowTarget,
    waitingAtClosing,
    talk,
    handle: talk === null ? null : talk + wrapUp,
    dropoff: dropoffStep(call, { afterHours, busy, queued, answered, left }),
  };
}

/** The caller's whole wait: a transfer between queues does not restart the clock. */
function waitSeconds(call: CallRecord): number | null {
  const entered = call.queueEnteredAt as number;
  const until = call.operatorAnsweredAt ?? call.queueLeftAt ?? call.endedAt;
  if (until !== null) return Math.max(0, (until - entered) / 1000);
  return call.waitSeconds;
}

function dropoffStep(
  call: CallRecord,
  f: { afterHours: boolean; busy: boolean; queued: boolean; answered: boolean; left: boolean },
): DropoffStep | null {
  if (f.afterHours || f.busy || f.answered || call.answeredAt === null) return null;
  if (f.queued) return f.left ? "queue" : null;
  if (!CALLER_LEFT.has(call.outcome?.kind)) return null;
  if (call.topic !== null) return "prepared-answer";
  if (call.menuPath !== null) return "menu";
  return "greeting-language";
}

/** An overflow target that is a phone number: the outside call centre, not one of our hotlines. */
export function isOutsideTarget(target: string): boolean {
  return target === "outside" || /^\+?[0-9][0-9 ]+$/.test(target);
}
