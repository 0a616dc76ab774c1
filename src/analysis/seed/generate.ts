/**
 * A realistic synthetic week for a configuration: arrivals follow an office-hours curve (busier on
 * Monday mornings, quiet at night and on Sunday, the radio campaign's callers later in the day);
 * the real schedule decides open or closed; callers walk the journey (greeting, menu, prepared
 * answer) and queue for operators who work their rosters with lunch, breaks and the odd unplanned
 * pause; impatient callers abandon, long waits overflow, callers still queued at closing time are
 * told so. Now and then the operator rung first is away from the phone (a ring with no answer, and the
 * caller waits on); answered calls end with the caller or the operator hanging up. Pure and seeded: the
 * same inputs give the same week.
 */
import { DateTime } from "luxon";
import { type Interval, subtract, union } from "../../schedule/intervals.ts";
import { PAUSES, plannedIntervals, WHOLE_SHIFT } from "../../schedule/roster.ts";
import type { CallRecord, IsoWeek, OperatorPause, OperatorSession, QueueEvent } from "../types.ts";
import type { SeedHotline, SeedPlan } from "./plan.ts";
import { Random } from "./random.ts";

export interface SyntheticWeek {
  calls: CallRecord[];
  sessions: OperatorSession[];
  pauses: OperatorPause[];
  queueEvents: QueueEvent[];
  /** Each time an operator's phone rang for a caller, as operator_attempts rows. */
  attempts: SeedAttempt[];
}

export interface SeedAttempt {
  callId: string;
  operator: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  result: "answered" | "no-answer" | "caller-gone";
}

/** Share of rings an operator who is free does not pick up (away from the desk, on the other line). */
const MISSED_RING = 0.06;

/** Mean calls per hour on an ordinary weekday, by local hour. */
const WEEKDAY_CURVE = [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 6, 14, 18, 18, 15, 12, 8, 9, 12, 11, 7, 4, 3, 2, 1, 0.5];
/** Monday is the busiest day; weekends are quiet. */
const DAY_FACTOR = [1.2, 1, 1, 0.95, 0.85, 0.35, 0.15];
const SURVEY_WEIGHTS: [number, number][] = [
  [1, 5],
  [2, 7],
  [3, 15],
  [4, 33],
  [5, 40],
];

export interface SeedOptions {
  seed?: number;
  /** Multiplies the arrival curve (default 1.5: about 1,200 calls a week). */
  volume?: number;
}

export function generateWeek(plan: SeedPlan, week: IsoWeek, options: SeedOptions = {}): SyntheticWeek {
  const seed = options.seed ?? hash(week.label);
  const rnd = new Random(seed);
  // Rings and hang-ups draw from their own stream, so the rest of a seed's week stays as it was.
  const rings = new Random((seed ^ 0x5bd1e995) >>> 0);
  const volume = options.volume ?? 1.5;
  const staff = operatorsOnDuty(plan, week, rnd);
  const calls: CallRecord[] = [];
  const queueEvents: QueueEvent[] = [];
  const recent: { number: string; at: number }[] = [];
  const queued: { call: CallRecord; hotline: SeedHotline; patience: number }[] = [];
  let n = 0;

  for (let hourStart = week.start; hourStart < week.end; hourStart += 3_600_000) {
    const local = DateTime.fromMillis(hourStart, { zone: week.timezone });
    const mean = (WEEKDAY_CURVE[local.hour] as number) * (DAY_FACTOR[local.weekday - 1] as number) * volume;
    const arrivals = Array.from({ length: rnd.poisson(mean) }, () => hourStart + Math.floor(rnd.next() * 3_600_000));
    for (const start of arrivals.sort((a, b) => a - b)) {
      const evening = local.hour >= 18 || local.weekday >= 6;
      const number = rnd.weighted(
        plan.numbers.map(
          (x) => [x, x.campaign === "radio" ? (evening ? 0.6 : 0.2) : x.campaign ? 0.25 : 0.55] as const,
        ),
      );
      const hotline = plan.hotlines[number.hotline] as SeedHotline;
      const caller = callerNumber(rnd, recent, start);
      const call = blankCall(`syn-${week.label}-${++n}`, start, number, caller, rnd, plan);
      calls.push(call);
      const state = hotline.state(start);
      if (!state.open) {
        closedCall(call, hotline, state.rule, rnd);
        continue;
      }
      // A few callers hang up at once on hearing the queue (short abandons); most wait a while.
      const patience = rnd.chance(0.04) ? rnd.int(1, 4) : 5 + rnd.exponential(150);
      if (journey(call, hotline, rnd)) queued.push({ call, hotline, patience });
    }
  }

  const attempts: SeedAttempt[] = [];
  serveQueue(queued, staff, { rnd, rings }, queueEvents, attempts);
  for (const c of calls) finishCall(c, plan);
  return { calls, sessions: staff.sessions, pauses: staff.pauses, queueEvents, attempts };
}

function blankCall(
  id: string,
  start: number,
  number: SeedPlan["numbers"][number],
  caller: string,
  rnd: Random,
  plan: SeedPlan,
): CallRecord {
  const other = plan.languages.find((l) => l !== number.language);
  return {
    id,
    did: number.did,
    hotline: number.hotline,
    campaign: number.campaign,
    trunk: rnd.chance(0.92) ? (plan.settings.trunks[0]?.name ?? null) : (plan.settings.trunks[1]?.name ?? null),
    callerNumber: caller,
    language: other && rnd.chance(0.35) ? other : number.language,
    startedAt: start,
    answeredAt: start + 1000,
    endedAt: null,
    durationSeconds: null,
    outcome: null,
    topic: null,
    menuPath: null,
    queueEnteredAt: null,
    queueLeftAt: null,
    waitSeconds: null,
    answeredBy: null,
    operatorAnsweredAt: null,
    surveyScore: null,
    scheduleRule: null,
    cost: null,
    currency: null,
    billedSeconds: null,
  };
}

/** One caller in ten calls again within a day. */
function callerNumber(rnd: Random, recent: { number: string; at: number }[], at: number): string {
  while (recent.length > 0 && (recent[0] as { at: number }).at < at - 86_400_000) recent.shift();
  const number =
    recent.length > 0 && rnd.chance(0.1)
      ? rnd.pick(recent).number
      : `+346${String(rnd.int(0, 99_999_999)).padStart(8, "0")}`;
  recent.push({ number, at });
  return number;
}

function closedCall(call: CallRecord, hotline: SeedHotline, rule: string, rnd: Random): void {
  call.scheduleRule = rule;
  const heard = call.startedAt + rnd.int(15, 25) * 1000;
  if (hotline.closedAction === "voicemail" && rnd.chance(0.55)) {
    const seconds = rnd.int(8, 90);
    call.outcome = { kind: "voicemail", context: "closed" };
    call.endedAt = heard + (seconds + 4) * 1000;
  } else if (hotline.closedAction === "callback" && rnd.chance(0.6)) {
    call.outcome = { kind: "callback", context: "closed" };
    call.endedAt = heard + rnd.int(15, 30) * 1000;
  } else {
    const offered = hotline.closedAction === "hangup" ? undefined : hotline.closedAction;
    call.outcome = { kind: "closed", context: "closed", ...(offered ? { declined: offered } : {}) };
    call.endedAt = heard + rnd.int(0, 6) * 1000;
  }
}

/** Greeting, language, menu and prepared answer; true when the caller reaches the queue. */
function journey(call: CallRecord, hotline: SeedHotline, rnd: Random): boolean {
  let t = (call.answeredAt as number) + rnd.int(9, 15) * 1000;
  if (rnd.chance(0.02)) return hangUp(call, t);
  if (hotline.topics.length > 0) {
    t += rnd.int(4, 12) * 1000;
    if (rnd.chance(0.03)) {
      call.menuPath = rnd.chance(0.5) ? "9" : null;
      return hangUp(call, t);
    }
    const choice = rnd.weighted(hotline.topics.map((x, i) => [x, [0.5, 0.3, 0.2][i] ?? 0.1] as const));
    call.menuPath = choice.key;
    call.topic = choice.topic;
    if (hotline.answered.has(choice.topic)) {
      t += rnd.int(8, 14) * 1000;
      if (rnd.chance(0.06)) return hangUp(call, t);
    }
  }
  call.queueEnteredAt = t;
  return true;
}

function hangUp(call: CallRecord, at: number): false {
  call.outcome = { kind: "caller-hangup" };
  call.endedAt = at;
  return false;
}

interface Staff {
  sessions: OperatorSession[];
  pauses: OperatorPause[];
  /** When each operator takes calls: logged in and not paused. */
  available: Map<string, Interval[]>;
}

/** Operators log in a little late, take their lunch and breaks (a few minutes long), and now and then pause. */
function operatorsOnDuty(plan: SeedPlan, week: IsoWeek, rnd: Random): Staff {
  const sessions: OperatorSession[] = [];
  const pauses: OperatorPause[] = [];
  const available = new Map<string, Interval[]>();
  for (const o of plan.settings.operators) {
    if (!o.roster) continue;
    const mine: Interval[] = [];
    const paused: Interval[] = [];
    for (const shift of plannedIntervals(o.roster, week, WHOLE_SHIFT)) {
      if (rnd.chance(0.04)) continue; // off sick
      const s = { start: shift.start + rnd.int(0, 8) * 60_000, end: shift.end - rnd.int(0, 5) * 60_000 };
      sessions.push({ operator: o.id, loggedInAt: s.start, loggedOutAt: s.end });
      mine.push(s);
      if (rnd.chance(0.15)) {
        const start = s.start + rnd.int(30, Math.max(31, Math.floor((s.end - s.start) / 60_000) - 30)) * 60_000;
        const p = { start, end: start + rnd.int(10, 25) * 60_000 };
        paused.push(p);
        pauses.push({ operator: o.id, startedAt: p.start, endedAt: p.end, reason: "other", planned: false });
      }
    }
    for (const b of plannedIntervals(o.roster, week, PAUSES)) {
      if (!mine.some((s) => s.start < b.end && s.end > b.start)) continue;
      const minutes = (b.end - b.start) / 60_000;
      const p = { start: b.start + rnd.int(-2, 3) * 60_000, end: b.end + rnd.int(0, 6) * 60_000 };
      paused.push(p);
      pauses.push({
        operator: o.id,
        startedAt: p.start,
        endedAt: p.end,
        reason: minutes >= 30 ? "lunch" : "break",
        planned: true,
      });
    }
    available.set(o.id, subtract(union(mine), paused));
  }
  return { sessions, pauses, available };
}

/** First-come first-served: each caller goes to the operator who can answer soonest, if they wait that long. */
function serveQueue(
  queued: { call: CallRecord; hotline: SeedHotline; patience: number }[],
  staff: Staff,
  { rnd, rings }: { rnd: Random; rings: Random },
  events: QueueEvent[],
  attempts: SeedAttempt[],
): void {
  const freeAt = new Map<string, number>([...staff.available.keys()].map((id) => [id, 0]));
  queued.sort((a, b) => (a.call.queueEnteredAt as number) - (b.call.queueEnteredAt as number));
  for (const { call, hotline, patience } of queued) {
    const enter = call.queueEnteredAt as number;
    const event = (kind: string, at: number, operator: string | null = null, detail: string | null = null) =>
      events.push({ callId: call.id, hotline: hotline.name, at, event: kind, operator, detail });
    event("enter", enter);
    const soonest = (from: number, skip: ReadonlySet<string>) => {
      let best: { id: string; at: number } | null = null;
      for (const [id, free] of freeAt) {
        if (skip.has(id)) continue;
        const at = firstAvailable(staff.available.get(id) ?? [], Math.max(from, free));
        if (at !== null && (!best || at < best.at)) best = { id, at };
      }
      return best;
    };
    const state = hotline.state(enter);
    const closing = state.open ? state.nextChange : enter;
    const giveUp = enter + patience * 1000;
    const overflowAt = enter + hotline.maxWait * 1000;
    const leaves = Math.min(giveUp, overflowAt, closing ?? Number.POSITIVE_INFINITY);
    let best = soonest(enter, new Set());
    // The operator rung does not pick up: after ringTimeout the next one rings (at most twice a call).
    const missed = new Set<string>();
    let ringFrom = enter;
    while (best && best.at < leaves && missed.size < 2 && rings.chance(MISSED_RING)) {
      const end = best.at + hotline.ringTimeout * 1000;
      const gone = end >= leaves;
      attempts.push({
        callId: call.id,
        operator: best.id,
        startedAt: best.at,
        answeredAt: null,
        endedAt: gone ? leaves : end,
        result: gone ? "caller-gone" : "no-answer",
      });
      missed.add(best.id);
      ringFrom = end;
      best = gone ? null : soonest(end, missed);
    }
    const answerAt = best?.at ?? Number.POSITIVE_INFINITY;
    const first = Math.min(answerAt, leaves);
    call.queueLeftAt = first;
    call.waitSeconds = (first - enter) / 1000;
    if (best && first === answerAt) {
      const talk = Math.max(20, rnd.logNormal(150, 0.6)) * 1000;
      call.operatorAnsweredAt = answerAt;
      call.answeredBy = best.id;
      call.endedAt = answerAt + talk;
      freeAt.set(best.id, answerAt + talk + hotline.wrapUp * 1000);
      // The answering phone rang a few seconds, within the caller's wait.
      const ring = Math.min(rings.int(2, 9) * 1000, answerAt - ringFrom);
      attempts.push({
        callId: call.id,
        operator: best.id,
        startedAt: answerAt - ring,
        answeredAt: answerAt,
        endedAt: answerAt + talk,
        result: "answered",
      });
      event("answer", answerAt, best.id);
      const surveyed = hotline.survey && rnd.chance(0.65);
      // A caller who takes the survey stayed on the line until the operator hung up.
      const endedBy = surveyed || rings.chance(0.35) ? "operator" : "caller";
      call.outcome = { kind: "answered", operator: best.id, endedBy };
      event("complete", answerAt + talk, best.id, endedBy);
      if (surveyed) {
        call.surveyScore = rnd.weighted(SURVEY_WEIGHTS);
        call.endedAt += rnd.int(6, 12) * 1000;
      }
    } else if (first === giveUp) {
      call.outcome = { kind: "abandoned", hotline: hotline.name };
      call.endedAt = giveUp;
      event("abandon", giveUp);
    } else if (first === closing) {
      const message = rnd.chance(0.6);
      if (message) rnd.int(8, 60); // the message's length: still drawn, so a seed gives the same week as before
      call.outcome = { kind: message ? "voicemail" : "callback", context: "closing" };
      call.endedAt = first + rnd.int(20, 70) * 1000;
      event("closing", first);
    } else {
      overflowCall(call, hotline, first, rnd);
      event("overflow", first, null, "timeout"); // as the live queue writes it: the overflow's reason
    }
  }
}

/** Every seeded overflow is a wait past maxWait: reason "timeout". */
function overflowCall(call: CallRecord, hotline: SeedHotline, at: number, rnd: Random): void {
  const action = hotline.overflow?.action ?? "voicemail";
  if (action === "transfer") {
    call.outcome = { kind: "overflowed", reason: "timeout", to: hotline.overflow?.to ?? "outside" };
    call.endedAt = at + rnd.int(60, 400) * 1000;
  } else if (action === "callback") {
    const confirmed = rnd.chance(0.75);
    call.outcome = confirmed
      ? { kind: "callback", context: "timeout" }
      : { kind: "overflowed", reason: "timeout", to: "callback", declined: true };
    call.endedAt = at + rnd.int(15, 40) * 1000;
  } else {
    rnd.int(8, 60); // the message's length: still drawn, so a seed gives the same week as before
    call.outcome = { kind: "voicemail", context: "timeout" };
    call.endedAt = at + rnd.int(15, 70) * 1000;
  }
}

/** The first instant at or after `from` inside one of the intervals; null when none. */
function firstAvailable(intervals: readonly Interval[], from: number): number | null {
  for (const i of intervals) if (i.end > from) return Math.max(i.start, from);
  return null;
}

/** Duration, billed time and cost, as the records writer fills them. */
function finishCall(call: CallRecord, plan: SeedPlan): void {
  const end = call.endedAt ?? call.startedAt;
  call.endedAt = end;
  call.durationSeconds = (end - call.startedAt) / 1000;
  const tariff = plan.settings.trunks.find((t) => t.name === call.trunk);
  if (!tariff) return;
  const connected = call.answeredAt === null ? 0 : Math.max(0, (end - call.answeredAt) / 1000);
  call.billedSeconds = Math.ceil(connected / tariff.billingIncrement) * tariff.billingIncrement;
  call.cost = Math.round((call.billedSeconds / 60) * tariff.costPerMinute * 100) / 100;
  call.currency = tariff.currency;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
