/**
 * Decisions: is the hotline open at an instant, which rule says so, and when does that change.
 * Time is always passed in; nothing here reads the clock.
 */
import { offsetText } from "./calendar.ts";
import type { CompiledSchedule, Cut, ResolvedDay } from "./compile.ts";
import { cutRef, dayRuleRef, overrideRef } from "./refs.ts";
import type { Explanation, ScheduleOverride } from "./types.ts";

interface State {
  readonly open: boolean;
  readonly nextChange: number | null;
  readonly decidedBy: ResolvedDay;
  readonly cut: Cut | null;
  readonly fromPreviousDay: boolean;
}

/** Open/closed at `t` by the schedule alone, and the next instant that flips. */
function scheduledState(s: CompiledSchedule, t: number): State {
  const today = s.dayAt(t);
  const yesterday = s.resolve(today.day - 1);
  let decidedBy = today;
  let open = false;
  let fromPreviousDay = false;
  for (const iv of yesterday.intervals) {
    if (iv.start <= t && t < iv.end) {
      open = true;
      fromPreviousDay = true;
      decidedBy = yesterday;
    }
  }
  if (!open) for (const iv of today.intervals) if (iv.start <= t && t < iv.end) open = true;
  let cut: Cut | null = null;
  if (!open) {
    for (const c of [...yesterday.cuts, ...today.cuts]) if (c.start <= t && t < c.end) cut = c;
  }
  return { open, nextChange: nextFlip(s, t, today.day), decidedBy, cut, fromPreviousDay };
}

/** Walks the merged opening intervals from the day before `day` up to the horizon. */
function nextFlip(s: CompiledSchedule, t: number, day: number): number | null {
  if (!s.canOpen) return null;
  const horizon = s.horizon(day);
  let curStart = Number.NaN;
  let curEnd = Number.NaN;
  for (let d = day - 1; d <= horizon; d++) {
    const r = s.resolve(d);
    for (const iv of r.intervals) {
      if (Number.isNaN(curStart)) {
        curStart = iv.start;
        curEnd = iv.end;
      } else if (iv.start <= curEnd) {
        if (iv.end > curEnd) curEnd = iv.end;
      } else {
        if (curEnd > t) return curStart <= t ? curEnd : curStart;
        curStart = iv.start;
        curEnd = iv.end;
      }
    }
    // Later intervals start at or after the next local midnight: an interval ending before it is complete.
    if (!Number.isNaN(curStart) && curEnd < r.end) {
      if (curEnd > t) return curStart <= t ? curEnd : curStart;
      curStart = Number.NaN;
    }
  }
  if (!Number.isNaN(curStart) && curStart > t) return curStart;
  return null; // open beyond the horizon, or never opens again
}

function activeOverride(override: ScheduleOverride | null | undefined, t: number): ScheduleOverride | null {
  if (!override) return null;
  if (override.from && t < override.from.getTime()) return null; // not set yet
  if (override.until && t >= override.until.getTime()) return null; // expired
  return override;
}

/**
 * Whether the hotline is open at `at`, which rule decided, and when that changes.
 * An active override (`at` from the time it was set, and before its `until` if any) wins over every
 * rule of the schedule; before it was set, the rules decide and the override is the next change if it flips.
 */
export function explain(schedule: CompiledSchedule, at: Date, override?: ScheduleOverride | null): Explanation {
  const t = at.getTime();
  const active = activeOverride(override, t);
  const offset = schedule.offsetAt(t);
  const base = {
    timezone: schedule.zone.name,
    localTime: schedule.zone.localIso(t, offset),
    utcOffset: offsetText(offset),
    repeated: schedule.zone.repeated(t),
  };
  if (active) {
    const open = active.state === "open";
    let nextChange: number | null = null;
    if (active.until) {
      const after = scheduledState(schedule, active.until.getTime());
      nextChange = after.open === open ? after.nextChange : active.until.getTime();
    }
    return {
      ...base,
      open,
      rule: overrideRef(active, schedule.zone),
      nextChange: nextChange === null ? null : new Date(nextChange),
      fromPreviousDay: false,
      override: active,
    };
  }
  const st = scheduledState(schedule, t);
  let next = st.nextChange;
  const from = override?.from?.getTime();
  if (override && from !== undefined && from > t && (next === null || next >= from)) {
    const then = explain(schedule, new Date(from), override);
    next = then.open !== st.open ? from : (then.nextChange?.getTime() ?? null);
  }
  return {
    ...base,
    open: st.open,
    rule: st.cut ? cutRef(st.cut, st.decidedBy.day) : dayRuleRef(schedule, st.decidedBy),
    nextChange: next === null ? null : new Date(next),
    fromPreviousDay: st.fromPreviousDay,
    override: null,
  };
}

/** Just the decision, for the call path. */
export function isOpen(schedule: CompiledSchedule, at: Date, override?: ScheduleOverride | null): boolean {
  const t = at.getTime();
  const active = activeOverride(override, t);
  if (active) return active.state === "open";
  const today = schedule.dayAt(t);
  const yesterday = schedule.resolve(today.day - 1);
  for (const r of [yesterday, today]) for (const iv of r.intervals) if (iv.start <= t && t < iv.end) return true;
  return false;
}

/**
 * The first instant at or after `at` when the hotline is open ("we open on Monday at 9:00"):
 * `at` itself when open now, null when it never opens again.
 */
export function nextOpening(schedule: CompiledSchedule, at: Date, override?: ScheduleOverride | null): Date | null {
  if (isOpen(schedule, at, override)) return at;
  if (!schedule.canOpen && override?.state !== "open") return null;
  return explain(schedule, at, override).nextChange;
}

/**
 * A line for the hour the clocks go back through, which shows the same wall-clock time twice: which
 * one this is and at what offset, since rule times mean the first. Null on every other hour.
 */
export function repeatedHourNote(e: Explanation): string | null {
  if (!e.repeated) return null;
  const time = e.localTime.slice(11, 16);
  const date = e.localTime.slice(0, 10);
  return e.repeated === "second"
    ? `${time} happens twice on ${date} (clocks go back): this is the second ${time}, UTC${e.utcOffset}; times in the rules mean the first`
    : `${time} happens twice on ${date} (clocks go back): this is the first ${time}, UTC${e.utcOffset}`;
}
