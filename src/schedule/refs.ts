/** How rules are named to admins: the `rule` of an explanation or a preview day. */
import { isoDate, weekdayIndex, weekdayName, type Zone } from "./calendar.ts";
import type { CompiledSchedule, Cut, ResolvedDay } from "./compile.ts";
import { describeRanges, describeRule } from "./rules.ts";
import type { RuleRef, ScheduleOverride } from "./types.ts";

// Resolved days are memoised by the compiled schedule, so their descriptions can be too.
const dayRefs = new WeakMap<ResolvedDay, RuleRef>();

export function dayRuleRef(s: CompiledSchedule, r: ResolvedDay): RuleRef {
  let ref = dayRefs.get(r);
  if (!ref) {
    ref = describeDay(s, r);
    dayRefs.set(r, ref);
  }
  return ref;
}

function describeDay(s: CompiledSchedule, r: ResolvedDay): RuleRef {
  const rule = r.rule;
  const date = isoDate(r.day);
  if (rule.kind === "weekly") {
    const weekday = weekdayName(r.day);
    const key = rule.hours.kind === "weekly" ? rule.hours.keys[weekdayIndex(r.day)] : undefined;
    const path = key === undefined ? rule.path : [...rule.path, key];
    const note = s.rules.weekly.hours.kind === "daily" ? "24/7" : `${weekday}: ${describeRanges(r.ranges)}`;
    return { kind: "weekly", name: rule.name, description: `weekly hours (${note})`, path, date };
  }
  return {
    kind: rule.kind,
    name: rule.name,
    description: `${describeRule(rule)}: ${describeRanges(r.ranges)}`,
    path: rule.path,
    date,
  };
}

export function cutRef(cut: Cut, day: number): RuleRef {
  const c = cut.closure;
  return {
    kind: "holiday",
    name: c.name,
    description: `holiday "${c.name}" (timed, from ${c.source}): closed`,
    path: c.path,
    date: isoDate(day),
  };
}

/** The override as a rule; its end in the schedule's wall-clock time with the offset ("2027-05-06T00:00+02:00"). */
export function overrideRef(o: ScheduleOverride, zone?: Zone): RuleRef {
  const end = o.until?.getTime();
  const until = end === undefined ? "" : ` until ${zone ? zone.localIso(end) : new Date(end).toISOString()}`;
  const reason = o.reason ? `: ${o.reason}` : "";
  return {
    kind: "override",
    name: o.reason ?? "manual override",
    description: `override: force ${o.state}${until}${reason}`,
    path: [],
  };
}
