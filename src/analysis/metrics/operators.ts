import { clip, type Interval, intersect, seconds, subtract } from "../../schedule/intervals.ts";
import { plannedIntervals } from "../../schedule/roster.ts";
import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { IsoWeek, OperatorPause, OperatorSession } from "../types.ts";
import { ratio } from "./math.ts";

export interface OperatorWeek {
  operator: string;
  name: string;
  callsAnswered: number;
  /** Seconds of talk + wrap-up of the calls the operator answered. */
  handleSeconds: number;
  loggedInSeconds: number;
  pausedSeconds: number;
  /** Roster time minus lunch and breaks. */
  plannedSeconds: number;
  /** Planned time during which the operator was logged in and not paused. */
  adheringSeconds: number;
  /** handle / (logged in − paused); null without session data. */
  occupancy: number | null;
  /** adhering / planned; null without a roster. */
  adherence: number | null;
}

/** Occupancy and adherence per operator, from sessions, pauses and the roster, within the week. */
export function operatorWeeks(
  facts: readonly CallFacts[],
  sessions: readonly OperatorSession[],
  pauses: readonly OperatorPause[],
  week: IsoWeek,
  settings: AnalysisSettings,
  asOf?: number,
): OperatorWeek[] {
  // A week in progress ends, for its operators, now: the rest of it is neither planned yet nor worked.
  const end = asOf !== undefined ? Math.max(week.start, Math.min(week.end, asOf)) : week.end;
  const window: Interval = { start: week.start, end };
  const ids = new Set<string>(settings.operators.map((o) => o.id));
  for (const s of sessions) ids.add(s.operator);
  for (const f of facts) if (f.call.answeredBy) ids.add(f.call.answeredBy);
  return [...ids].map((id) => {
    const conf = settings.operators.find((o) => o.id === id);
    const loggedIn = clip(
      sessions.filter((s) => s.operator === id).map((s) => ({ start: s.loggedInAt, end: s.loggedOutAt ?? end })),
      window,
    );
    const paused = intersect(
      pauses.filter((p) => p.operator === id).map((p) => ({ start: p.startedAt, end: p.endedAt ?? end })),
      loggedIn,
    );
    const available = subtract(loggedIn, paused);
    const planned = conf?.roster ? clip(plannedIntervals(conf.roster, week), window) : [];
    const handled = facts.filter((f) => f.call.answeredBy === id && f.handle !== null);
    const handleSeconds = handled.reduce((s, f) => s + (f.handle as number), 0);
    const loggedInSeconds = seconds(loggedIn);
    const pausedSeconds = seconds(paused);
    const plannedSeconds = seconds(planned);
    const adheringSeconds = seconds(intersect(planned, available));
    return {
      operator: id,
      name: conf?.name ?? id,
      callsAnswered: handled.length,
      handleSeconds,
      loggedInSeconds,
      pausedSeconds,
      plannedSeconds,
      adheringSeconds,
      occupancy: ratio(handleSeconds, loggedInSeconds - pausedSeconds),
      adherence: conf?.roster ? ratio(adheringSeconds, plannedSeconds) : null,
    };
  });
}

export interface PauseReason {
  reason: string;
  pauses: number;
  planned: number;
  unplanned: number;
  seconds: number;
}

/** Pauses that began in the week, by reason, longest total first. */
export function pausesByReason(pauses: readonly OperatorPause[], week: IsoWeek): PauseReason[] {
  const rows = new Map<string, PauseReason>();
  for (const p of pauses) {
    if (p.startedAt < week.start || p.startedAt >= week.end) continue;
    const reason = p.reason ?? "unspecified";
    const row = rows.get(reason) ?? { reason, pauses: 0, planned: 0, unplanned: 0, seconds: 0 };
    row.pauses++;
    if (p.planned) row.planned++;
    else row.unplanned++;
    row.seconds += (Math.min(p.endedAt ?? week.end, week.end) - p.startedAt) / 1000;
    rows.set(reason, row);
  }
  return [...rows.values()].sort((a, b) => b.seconds - a.seconds || a.reason.localeCompare(b.reason));
}
