/**
 * How many operators each hour of the week needs, from the hotline's own measured traffic, against
 * how many its rosters plan: the arrival rate and handling time per hour of week, the callers'
 * patience from the abandons (Erlang A where callers give up, Erlang C where they never did), and
 * the service-level, abandon and occupancy targets of the configuration. Pure.
 */
import type { CallFacts } from "../analysis/classify.ts";
import { mean } from "../analysis/metrics/math.ts";
import { type Roster, WORKING, weekMask } from "../schedule/roster.ts";
import { MINUTES_PER_DAY } from "../schedule/syntax.ts";
import { erlangAFigures, erlangCFigures, type QueueFigures } from "./erlang.ts";

export const HOURS_PER_WEEK = 168;

/** Fewer answered calls than this in an hour: its handling time is the week's, not its own. */
const MIN_CALLS_FOR_OWN_HANDLING = 5;

export interface TrafficSlot {
  /** Local weekday (0 = Monday) and hour. */
  day: number;
  hour: number;
  /** Calls offered to the operators (entered a queue) in this hour, per week. */
  offered: number;
  /** Mean talk + wrap-up of the calls answered in this hour (the week's mean where too few), seconds. */
  handleSeconds: number | null;
}

export interface Traffic {
  weeks: number;
  /** 168 slots, Monday 00–01 first. */
  slots: TrafficSlot[];
  /** Mean talk + wrap-up over all answered calls, seconds. */
  handleSeconds: number | null;
  /**
   * The callers' mean patience, seconds: time waited by everyone who queued over the number who gave
   * up (the estimate for exponential patience). Null when nobody gave up: no abandonment to model.
   */
  patienceSeconds: number | null;
}

/** The measured traffic of `weeks` weeks of calls (classified in the organization's zone). */
export function measureTraffic(facts: readonly CallFacts[], weeks = 1): Traffic {
  if (!(weeks > 0)) throw new RangeError(`weeks must be > 0, not ${weeks}`);
  const offered = new Array<number>(HOURS_PER_WEEK).fill(0);
  const handled = Array.from({ length: HOURS_PER_WEEK }, () => [] as number[]);
  let waited = 0;
  let gaveUp = 0;
  const all: number[] = [];
  for (const f of facts) {
    if (!f.queued) continue;
    const slot = f.day * 24 + f.hour;
    offered[slot] = (offered[slot] ?? 0) + 1;
    waited += f.wait ?? 0;
    if (f.abandoned || f.shortAbandon) gaveUp++;
    if (f.answered && f.handle !== null) {
      handled[slot]?.push(f.handle);
      all.push(f.handle);
    }
  }
  const handleSeconds = mean(all);
  return {
    weeks,
    handleSeconds,
    patienceSeconds: gaveUp > 0 && waited > 0 ? waited / gaveUp : null,
    slots: offered.map((n, slot) => {
      const own = handled[slot] ?? [];
      return {
        day: Math.floor(slot / 24),
        hour: slot % 24,
        offered: n / weeks,
        handleSeconds: own.length >= MIN_CALLS_FOR_OWN_HANDLING ? mean(own) : handleSeconds,
      };
    }),
  };
}

export interface StaffingTargets {
  /** Share of answered calls answered within serviceLevelSeconds. */
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  /** Highest share of callers who give up. */
  abandonRateTarget: number;
  /** Highest share of the operators' time on calls. */
  occupancyTarget: number;
}

export interface Staffed {
  agents: number;
  figures: QueueFigures;
}

/** Callers answered within the target, of those answered (the report's service level). */
export function answeredServiceLevel(f: QueueFigures): number {
  return f.abandonRate < 1 ? f.serviceLevel / (1 - f.abandonRate) : 0;
}

/** The queue's figures with `agents` operators: Erlang A when callers give up, else Erlang C. */
export function figuresWith(
  agents: number,
  erlangs: number,
  handleSeconds: number,
  targetSeconds: number,
  patienceSeconds: number | null,
): QueueFigures {
  return patienceSeconds === null
    ? erlangCFigures(agents, erlangs, handleSeconds, targetSeconds)
    : erlangAFigures(agents, erlangs, handleSeconds, targetSeconds, patienceSeconds);
}

/** The fewest operators that meet every target for `erlangs` of offered traffic (none for no traffic). */
export function operatorsNeeded(
  erlangs: number,
  handleSeconds: number,
  patienceSeconds: number | null,
  targets: StaffingTargets,
): Staffed {
  const meets = (f: QueueFigures) =>
    answeredServiceLevel(f) >= targets.serviceLevelTarget &&
    f.abandonRate <= targets.abandonRateTarget &&
    f.occupancy <= targets.occupancyTarget;
  if (erlangs <= 0) return { agents: 0, figures: erlangCFigures(0, 0, handleSeconds, targets.serviceLevelSeconds) };
  let agents = Math.max(1, Math.floor(erlangs));
  let figures = figuresWith(agents, erlangs, handleSeconds, targets.serviceLevelSeconds, patienceSeconds);
  // Each operator added only helps; the occupancy target alone is met at erlangs / target.
  const most = Math.ceil(erlangs / targets.occupancyTarget) + Math.ceil(10 * Math.sqrt(erlangs)) + 10;
  while (!meets(figures) && agents < most) {
    agents++;
    figures = figuresWith(agents, erlangs, handleSeconds, targets.serviceLevelSeconds, patienceSeconds);
  }
  return { agents, figures };
}

/**
 * Operators the rosters plan taking calls in each hour of the week (lunch and breaks left out), as
 * an average over the hour's minutes: an operator who starts at 09:30 counts half in 09–10.
 */
export function plannedByHour(rosters: readonly Roster[]): number[] {
  const minutes = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (const roster of rosters) {
    const mask = weekMask(roster, WORKING);
    for (let m = 0; m < 7 * MINUTES_PER_DAY; m++) {
      const slot = Math.floor(m / 60);
      if (mask[m]) minutes[slot] = (minutes[slot] ?? 0) + 1;
    }
  }
  return minutes.map((m) => m / 60);
}

export interface StaffingRow extends TrafficSlot {
  erlangs: number;
  needed: number;
  planned: number;
  /** What the planned operators give (null without traffic). */
  withPlanned: QueueFigures | null;
}

/** Every hour of the week: needed against planned. */
export function staffingTable(traffic: Traffic, planned: readonly number[], targets: StaffingTargets): StaffingRow[] {
  return traffic.slots.map((slot, i) => {
    const plannedHere = planned[i] ?? 0;
    const hold = slot.handleSeconds;
    if (slot.offered === 0 || hold === null)
      return { ...slot, erlangs: 0, needed: 0, planned: plannedHere, withPlanned: null };
    const erlangs = (slot.offered / 3600) * hold;
    const { agents } = operatorsNeeded(erlangs, hold, traffic.patienceSeconds, targets);
    return {
      ...slot,
      erlangs,
      needed: agents,
      planned: plannedHere,
      withPlanned: partlyStaffed(plannedHere, (n) =>
        figuresWith(n, erlangs, hold, targets.serviceLevelSeconds, traffic.patienceSeconds),
      ),
    };
  });
}

/**
 * The figures of a fractional number of operators (2.75: a second one for 45 of the 60 minutes): the
 * two whole numbers around it, weighted by the share of the hour each holds.
 */
function partlyStaffed(planned: number, figures: (agents: number) => QueueFigures): QueueFigures {
  const low = Math.floor(planned + 1e-9);
  const share = planned - low;
  const a = figures(low);
  if (share < 1e-9) return a;
  const b = figures(low + 1);
  const mix = (x: number, y: number) => x * (1 - share) + y * share;
  return {
    agents: planned,
    erlangs: a.erlangs,
    waitProbability: mix(a.waitProbability, b.waitProbability),
    serviceLevel: mix(a.serviceLevel, b.serviceLevel),
    averageWaitSeconds: mix(a.averageWaitSeconds, b.averageWaitSeconds),
    abandonRate: mix(a.abandonRate, b.abandonRate),
    occupancy: mix(a.occupancy, b.occupancy),
  };
}

/** A run of hours on one day with fewer operators planned than needed (or more than needed). */
export interface StaffingGap {
  day: number;
  fromHour: number;
  /** Exclusive. */
  toHour: number;
  /** The most needed in the run. */
  needed: number;
  /** The fewest and the most planned in the run. */
  plannedLeast: number;
  plannedMost: number;
  kind: "short" | "spare";
}

/**
 * Consecutive hours of one day that are short (planned < needed) or have spare operators
 * (planned ≥ needed + 2 while calls come) — the findings "Mon 09–11: 5 needed, 3 planned".
 */
export function staffingGaps(rows: readonly StaffingRow[]): StaffingGap[] {
  const kindOf = (r: StaffingRow): StaffingGap["kind"] | null => {
    if (r.needed > r.planned + 1e-9) return "short";
    if (r.offered > 0 && r.planned >= r.needed + 2 - 1e-9) return "spare";
    return null;
  };
  const gaps: StaffingGap[] = [];
  let open: StaffingGap | null = null;
  for (const r of rows) {
    const kind = kindOf(r);
    if (open && kind === open.kind && r.day === open.day && r.hour === open.toHour) {
      open.toHour = r.hour + 1;
      open.needed = Math.max(open.needed, r.needed);
      open.plannedLeast = Math.min(open.plannedLeast, r.planned);
      open.plannedMost = Math.max(open.plannedMost, r.planned);
      continue;
    }
    if (open) gaps.push(open);
    open = kind
      ? {
          day: r.day,
          fromHour: r.hour,
          toHour: r.hour + 1,
          needed: r.needed,
          plannedLeast: r.planned,
          plannedMost: r.planned,
          kind,
        }
      : null;
  }
  if (open) gaps.push(open);
  return gaps;
}
