/**
 * The supervisor's wallboard as one plain value: per hotline and topic what waits now and how the
 * day went, every operator's state with its timer, the trunks' channels, and the alerts. Pure: the
 * caller passes the ACD's statuses and queue, today's calls (TodayCalls) and the trunks' use.
 *
 * Today's figures use the weekly report's own definitions (classifyCalls, queueStats), so the
 * wallboard and the report never disagree about what "answered" or "abandoned" means. A caller
 * still in the queue is counted in `waitingNow`, and among today's calls only once the call is
 * settled (answered, or ended).
 *
 * Output is JSON-ready: instants are ISO 8601 strings, durations whole seconds, shares 0…1.
 */
import { competenceFor, levelFor } from "../acd/qualify.ts";
import { acdConfigFrom } from "../acd/settings.ts";
import { offeredTopics } from "../acd/staffing.ts";
import type { Caller, OperatorStateName, OperatorStatus, PauseReason, PendingChange } from "../acd/types.ts";
import { type CallFacts, classifyCalls } from "../analysis/classify.ts";
import { queueStats } from "../analysis/metrics/queue-stats.ts";
import { settingsFromConfig } from "../analysis/settings.ts";
import type { CallRecord } from "../analysis/types.ts";
import type { HotlineConfig } from "../config/schema.ts";
import { localDate, localInstant } from "../schedule/local-day.ts";
import { MINUTES_PER_DAY, parseRange } from "../schedule/syntax.ts";

export interface TrunkUse {
  name: string;
  /** Channels in use now. */
  inUse: number;
  /** Channels the contract allows. */
  limit: number;
}

export interface WallboardInput {
  config: HotlineConfig;
  now: Date;
  statuses: readonly OperatorStatus[];
  /** Callers waiting in the queues now. */
  waiting: readonly Caller[];
  /** Today's calls (the organization's local day). */
  today: readonly CallRecord[];
  trunks: readonly TrunkUse[];
}

/** A queue's figures: now, and today so far. */
export interface QueueFigures {
  waitingNow: number;
  /** Seconds the longest-waiting caller has waited; null when nobody waits. */
  longestWaitSeconds: number | null;
  /** Share answered within analysis.serviceLevelSeconds; null before the first answer. */
  serviceLevel: number | null;
  /** Share of offered calls abandoned (short abandons left out); null before the first offer. */
  abandonRate: number | null;
  answeredToday: number;
  /** Calls that entered the queue today and are settled. */
  offeredToday: number;
  abandonedToday: number;
}

export interface TopicFigures extends QueueFigures {
  /** null: calls without a topic (a hotline without a menu). */
  topic: string | null;
}

export interface HotlineFigures extends QueueFigures {
  hotline: string;
  topics: TopicFigures[];
}

export interface OperatorLine {
  operator: string;
  name: string;
  state: OperatorStateName;
  /** When the state began (ISO); null for an operator the ACD does not know yet. */
  since: string | null;
  secondsInState: number | null;
  reason: PauseReason | null;
  /** Paused longer than planned (see plannedPauseMinutes). */
  pausedTooLong: boolean;
  /** While paused: how long this pause is planned to last. */
  plannedPauseMinutes: number | null;
  call: { callId: string; hotline: string; topic: string | null } | null;
  deviceBusy: boolean;
  callsToday: number;
  pending: PendingChange | null;
}

export interface TrunkLine extends TrunkUse {
  atLimit: boolean;
}

export type WallboardAlert =
  /** Callers of this hotline, topic and language wait, and fewer operators who could take them are in. */
  | {
      kind: "understaffed";
      hotline: string;
      topic: string | null;
      language: string;
      waiting: number;
      /** Operators logged in and not paused who speak the language and have the topic's competence. */
      qualified: number;
    }
  /** Today's service level is below analysis.serviceLevelTarget (once enough calls were answered). */
  | { kind: "service-level"; hotline: string; serviceLevel: number; target: number; answered: number }
  | { kind: "trunk-limit"; trunk: string; inUse: number; limit: number };

export interface WallboardView {
  /** When the view was made (ISO). */
  at: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  /** In configuration order. */
  hotlines: HotlineFigures[];
  /** In configuration order. */
  operators: OperatorLine[];
  trunks: TrunkLine[];
  alerts: WallboardAlert[];
}

/** Answers needed before a low service level is an alert: one slow call of three is not a trend. */
export const SERVICE_LEVEL_MIN_ANSWERED = 5;

/** Pause lengths planned when the roster names none, in minutes. */
export const DEFAULT_PAUSE_MINUTES: Readonly<Record<PauseReason, number>> = {
  lunch: 45,
  break: 15,
  training: 60,
  other: 15,
  // Paused by the ACD after missed rings: someone should look soon.
  "missed-calls": 5,
};

/** States in which an operator counts as staffing the queues. */
const STAFFED: ReadonlySet<OperatorStateName> = new Set(["available", "ringing", "on-call", "wrap-up"]);

export function wallboardView(input: WallboardInput): WallboardView {
  const { config, now } = input;
  const settings = settingsFromConfig(config);
  const facts = classifyCalls(input.today, settings).filter(settled);
  const hotlines = Object.entries(config.hotlines).map(([hotline, h]): HotlineFigures => {
    const ofHotline = facts.filter((f) => f.call.hotline === hotline);
    const waiting = input.waiting.filter((c) => c.hotline === hotline);
    const figures = (f: readonly CallFacts[], w: readonly Caller[]) => queueFigures(f, w, now, settings);
    const topics = topicsShown(
      offeredTopics(hotline, h).map((t) => t.topic ?? null),
      ofHotline.map((f) => f.call.topic),
      waiting.map((c) => c.topic ?? null),
    );
    return {
      hotline,
      ...figures(ofHotline, waiting),
      topics: topics.map((topic) => ({
        topic,
        ...figures(
          ofHotline.filter((f) => f.call.topic === topic),
          waiting.filter((c) => (c.topic ?? null) === topic),
        ),
      })),
    };
  });
  const byId = new Map(input.today.map((c) => [c.id, c]));
  const statuses = new Map(input.statuses.map((s) => [s.operator, s]));
  const operators = Object.entries(config.operators).map(([operator, o]) =>
    operatorLine(config, operator, o.name, statuses.get(operator), now, (id) => byId.get(id)?.topic ?? null),
  );
  const trunks = input.trunks.map((t) => ({ ...t, atLimit: t.inUse >= t.limit }));
  return {
    at: now.toISOString(),
    serviceLevelTarget: settings.serviceLevelTarget,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    hotlines,
    operators,
    trunks,
    alerts: [
      ...understaffed(config, input.statuses, input.waiting),
      ...hotlines.flatMap((h): WallboardAlert[] =>
        h.serviceLevel !== null &&
        h.answeredToday >= SERVICE_LEVEL_MIN_ANSWERED &&
        h.serviceLevel < settings.serviceLevelTarget
          ? [
              {
                kind: "service-level",
                hotline: h.hotline,
                serviceLevel: h.serviceLevel,
                target: settings.serviceLevelTarget,
                answered: h.answeredToday,
              },
            ]
          : [],
      ),
      ...trunks
        .filter((t) => t.atLimit)
        .map((t): WallboardAlert => ({ kind: "trunk-limit", trunk: t.name, inUse: t.inUse, limit: t.limit })),
    ],
  };
}

/** A queued caller not yet answered and whose call has no outcome is still waiting: not a figure of the day yet. */
function settled(f: CallFacts): boolean {
  return !(f.queued && !f.answered && f.call.outcome === null);
}

function queueFigures(
  facts: readonly CallFacts[],
  waiting: readonly Caller[],
  now: Date,
  settings: ReturnType<typeof settingsFromConfig>,
): QueueFigures {
  const stats = queueStats(facts, settings);
  let longest: number | null = null;
  for (const c of waiting) longest = Math.max(longest ?? 0, secondsBetween(c.arrivedAt, now));
  return {
    waitingNow: waiting.length,
    longestWaitSeconds: longest,
    serviceLevel: stats.serviceLevel,
    abandonRate: stats.abandonRate,
    answeredToday: stats.answered,
    offeredToday: stats.offered,
    abandonedToday: stats.abandoned,
  };
}

/** The menu's topics in menu order, then others seen today or waiting; null (no topic) only when it occurs. */
function topicsShown(
  menu: readonly (string | null)[],
  seen: readonly (string | null)[],
  waiting: readonly (string | null)[],
): (string | null)[] {
  const out = [...new Set(menu.filter((t): t is string => t !== null))] as (string | null)[];
  const others = [...new Set([...seen, ...waiting])].filter((t): t is string => t !== null && !out.includes(t));
  out.push(...others.sort());
  if (menu.includes(null) || seen.includes(null) || waiting.includes(null)) out.push(null);
  return out;
}

function operatorLine(
  config: HotlineConfig,
  operator: string,
  name: string,
  status: OperatorStatus | undefined,
  now: Date,
  topicOf: (callId: string) => string | null,
): OperatorLine {
  if (!status) {
    return {
      operator,
      name,
      state: "logged-out",
      since: null,
      secondsInState: null,
      reason: null,
      pausedTooLong: false,
      plannedPauseMinutes: null,
      call: null,
      deviceBusy: false,
      callsToday: 0,
      pending: null,
    };
  }
  const secondsInState = secondsBetween(status.since, now);
  const paused = status.state === "paused";
  const planned = paused ? plannedPauseMinutes(config, operator, status.reason ?? "other", status.since) : null;
  return {
    operator,
    name,
    state: status.state,
    since: status.since.toISOString(),
    secondsInState,
    reason: status.reason ?? null,
    pausedTooLong: planned !== null && secondsInState > planned * 60,
    plannedPauseMinutes: planned,
    call: status.call
      ? { callId: status.call.callId, hotline: status.call.hotline, topic: topicOf(status.call.callId) }
      : null,
    deviceBusy: status.deviceBusy,
    callsToday: status.callsToday,
    pending: status.pending ?? null,
  };
}

/**
 * How long a pause is planned to last, in minutes: a lunch as long as the roster's lunch, a break as
 * long as the roster's break nearest the time it began; otherwise DEFAULT_PAUSE_MINUTES.
 */
export function plannedPauseMinutes(
  config: Pick<HotlineConfig, "organization" | "operators">,
  operator: string,
  reason: PauseReason,
  startedAt: Date,
): number {
  const roster = config.operators[operator]?.roster;
  if (reason === "lunch" && roster?.lunch) {
    const r = parseRange(roster.lunch);
    if (r.ok) return r.value.end - r.value.start;
  }
  if (reason === "break" && roster && roster.breaks.length > 0) {
    const zone = config.organization.timezone;
    const t = startedAt.getTime();
    const minute = (t - localInstant(localDate(t, zone), 0, zone)) / 60_000;
    let best: { distance: number; length: number } | undefined;
    for (const text of roster.breaks) {
      const r = parseRange(text);
      if (!r.ok) continue;
      const d = Math.abs(minute - (r.value.start % MINUTES_PER_DAY));
      const distance = Math.min(d, MINUTES_PER_DAY - d);
      if (!best || distance < best.distance) best = { distance, length: r.value.end - r.value.start };
    }
    if (best) return best.length;
  }
  return DEFAULT_PAUSE_MINUTES[reason];
}

/** Per hotline, topic and language of the waiting callers: fewer qualified operators in than callers waiting. */
function understaffed(
  config: HotlineConfig,
  statuses: readonly OperatorStatus[],
  waiting: readonly Caller[],
): WallboardAlert[] {
  const acd = acdConfigFrom(config);
  const staffed = new Set(statuses.filter((s) => STAFFED.has(s.state)).map((s) => s.operator));
  const groups = new Map<string, { hotline: string; topic: string | null; language: string; waiting: number }>();
  for (const c of waiting) {
    const key = JSON.stringify([c.hotline, c.topic ?? null, c.language]);
    const group = groups.get(key) ?? { hotline: c.hotline, topic: c.topic ?? null, language: c.language, waiting: 0 };
    group.waiting++;
    groups.set(key, group);
  }
  const out: WallboardAlert[] = [];
  for (const g of groups.values()) {
    const competence = competenceFor(acd, g.topic === null ? {} : { topic: g.topic });
    const qualified = acd.operators.filter(
      (o) => staffed.has(o.key) && levelFor(o, g.language, competence) !== undefined,
    ).length;
    if (qualified < g.waiting) out.push({ kind: "understaffed", ...g, qualified });
  }
  return out;
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}
