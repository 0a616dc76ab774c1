/**
 * Roster changes that cover more of the hours short of operators: an operator's shift moved earlier
 * or later, the same length, never losing a minute of anyone's lunch or breaks. Greedy and
 * explainable — each move is the one that covers the most missing operator-hours, and says so. Pure.
 */
import { intersect, totalLength } from "../schedule/intervals.ts";
import { type Roster, rosterPauses, shiftsOn, WORKING, weekMask } from "../schedule/roster.ts";
import { formatRange, MINUTES_PER_DAY, type MinuteRange, parseDayHours } from "../schedule/syntax.ts";
import { HOURS_PER_WEEK } from "./staffing.ts";

export interface RosteredOperator {
  id: string;
  name: string;
  roster: Roster;
}

export interface RosterMove {
  operator: string;
  name: string;
  /** The roster's day key whose shift moves ("mon-fri"). */
  days: string;
  from: string;
  to: string;
  /** Missing operator-hours over the week before and after this move. */
  shortBefore: number;
  shortAfter: number;
}

/** Shifts move by up to three hours, in half hours. */
const STEP = 30;
const MOST = 180;
/** A move must cover at least this many missing operator-hours to be proposed. */
const WORTH = 0.25;

/** Operator-hours missing over the week: where fewer are planned than needed, by how many. */
export function shortHours(needed: readonly number[], planned: readonly number[]): number {
  let short = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) short += Math.max(0, (needed[h] ?? 0) - (planned[h] ?? 0));
  return short;
}

/** One operator's hours taking calls, per hour of week (a share of each hour), from their minute mask. */
function hourly(mask: Uint8Array): number[] {
  const out = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (let m = 0; m < mask.length; m++) if (mask[m]) out[Math.floor(m / 60)] = (out[Math.floor(m / 60)] ?? 0) + 1 / 60;
  return out;
}

/** Minutes of each lunch and break a roster's shifts cover, day by day: what a move must keep. */
function pauseMinutes(roster: Roster): number[] {
  const out: number[] = [];
  const pauses = rosterPauses(roster);
  for (let day = 0; day < 7; day++) {
    const shifts = shiftsOn(roster, day);
    for (const p of pauses) out.push(totalLength(intersect([p.range], shifts)));
  }
  return out;
}

/** The roster with one of its shifts (day key, index in that key's list) moved by `minutes`. */
function moved(
  roster: Roster,
  key: string,
  index: number,
  minutes: number,
): { roster: Roster; from: string; to: string } | null {
  const hours = parseDayHours(roster.shifts[key] ?? "closed");
  if (!hours.ok) return null;
  const ranges = [...hours.value];
  const r = ranges[index];
  if (!r) return null;
  const next: MinuteRange = { start: r.start + minutes, end: r.end + minutes };
  // Within the day it starts on, and not over midnight unless it already ran past it.
  if (next.start < 0 || next.start >= MINUTES_PER_DAY || (r.end <= MINUTES_PER_DAY && next.end > MINUTES_PER_DAY))
    return null;
  ranges[index] = next;
  const text = ranges.map(formatRange);
  return {
    roster: { ...roster, shifts: { ...roster.shifts, [key]: text.length === 1 ? (text[0] as string) : text } },
    from: formatRange(r),
    to: formatRange(next),
  };
}

/**
 * Up to `most` moves, each the one that covers the most missing operator-hours (the smaller shift
 * first on a tie), while every operator keeps every minute of their lunch and breaks.
 */
export function proposeRosterMoves(
  operators: readonly RosteredOperator[],
  needed: readonly number[],
  most = 5,
): { moves: RosterMove[]; rosters: Record<string, Roster>; shortBefore: number; shortAfter: number } {
  const rosters = Object.fromEntries(operators.map((o) => [o.id, o.roster]));
  const own = new Map(operators.map((o) => [o.id, hourly(weekMask(o.roster, WORKING))]));
  const keep = new Map(operators.map((o) => [o.id, pauseMinutes(o.roster)]));
  // Everyone's hours together; a candidate is judged as the total without the operator, plus the move.
  const total = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (const hours of own.values())
    for (let h = 0; h < HOURS_PER_WEEK; h++) total[h] = (total[h] ?? 0) + (hours[h] ?? 0);
  const start = shortHours(needed, total);
  let current = start;
  const moves: RosterMove[] = [];
  for (let round = 0; round < most; round++) {
    let best: { move: RosterMove; roster: Roster; hours: number[]; offset: number } | null = null;
    for (const o of operators) {
      const roster = rosters[o.id] as Roster;
      const mine = own.get(o.id) ?? [];
      const others = total.map((x, h) => x - (mine[h] ?? 0));
      for (const [key, shift] of Object.entries(roster.shifts)) {
        const count = Array.isArray(shift) ? shift.length : 1;
        for (let index = 0; index < count; index++) {
          for (let offset = -MOST; offset <= MOST; offset += STEP) {
            if (offset === 0) continue;
            const m = moved(roster, key, index, offset);
            if (!m) continue;
            if (!sameMinutes(pauseMinutes(m.roster), keep.get(o.id) ?? [])) continue;
            const hours = hourly(weekMask(m.roster, WORKING));
            const after = shortHours(
              needed,
              others.map((x, h) => x + (hours[h] ?? 0)),
            );
            const better =
              !best ||
              after < best.move.shortAfter - 1e-9 ||
              (Math.abs(after - best.move.shortAfter) < 1e-9 && Math.abs(offset) < Math.abs(best.offset));
            if (better)
              best = {
                move: {
                  operator: o.id,
                  name: o.name,
                  days: key,
                  from: m.from,
                  to: m.to,
                  shortBefore: current,
                  shortAfter: after,
                },
                roster: m.roster,
                hours,
                offset,
              };
          }
        }
      }
    }
    if (!best || current - best.move.shortAfter < WORTH) break;
    const { move } = best;
    moves.push(move);
    const before = own.get(move.operator) ?? [];
    for (let h = 0; h < HOURS_PER_WEEK; h++) total[h] = (total[h] ?? 0) - (before[h] ?? 0) + (best.hours[h] ?? 0);
    own.set(move.operator, best.hours);
    rosters[move.operator] = best.roster;
    current = move.shortAfter;
  }
  return { moves, rosters, shortBefore: start, shortAfter: current };
}

function sameMinutes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
