/**
 * The ACD: operators' states, skills-based matching of waiting callers, rosters and
 * understaffing. Pure — time is passed in; the ARI adapter does the ringing. See docs/acd.md.
 */
export { AcdEngine } from "./engine.ts";
export { type Planned, type PlannedState, type Roster, rosterAt } from "./roster.ts";
export { type AcdConfig, type AcdOperator, acdConfigFrom, DEFAULT_RULES, type QueueRules } from "./settings.ts";
export { type AcdSnapshot, type OperatorSnapshot, SNAPSHOT_VERSION } from "./snapshot.ts";
export { type StaffingGap, type StaffingOptions, understaffing, understaffingWarnings } from "./staffing.ts";
export {
  AcdError,
  type Assignment,
  type Caller,
  type OperatorCall,
  type OperatorStateName,
  type OperatorStatus,
  type Outcome,
  PAUSE_REASONS,
  type PauseReason,
  type PendingChange,
  type RingResult,
  STRATEGIES,
  type StateChange,
  type Strategy,
} from "./types.ts";
