/**
 * The ACD's reading of an operator's roster (src/schedule/roster.ts): `rosterAt` is the planned
 * state at an instant; the roster scheduler logs operators in, pauses and resumes them by it.
 */
import type { HotlineConfig } from "../config/schema.ts";
import { type Planned, planAt } from "../schedule/roster.ts";

export type { Planned, PlannedState, Roster } from "../schedule/roster.ts";

/** The planned state of `operator` at `at`; an operator without a roster is always off. */
export function rosterAt(
  config: Pick<HotlineConfig, "organization" | "operators">,
  operator: string,
  at: Date,
): Planned {
  const roster = config.operators[operator]?.roster;
  if (!roster) return { state: "off", since: null, until: null };
  return planAt(roster, at, config.organization.timezone);
}
