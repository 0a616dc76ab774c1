/**
 * What the roster asks of each operator now: log in at the start of a shift, pause for lunch and
 * breaks, resume after them, log out at the end. Pure: the plan comes from `rosterAt`, the actual
 * state from the ACD, and what the roster already did from the scheduler's memory.
 */
import { type Planned, rosterAt } from "../acd/roster.ts";
import type { OperatorStatus, Outcome, PauseReason } from "../acd/types.ts";
import type { HotlineConfig } from "../config/schema.ts";

export type RosterConfig = Pick<HotlineConfig, "organization" | "operators">;

/** A command the roster gives an operator. */
export type RosterCommand =
  | { readonly action: "login" }
  | { readonly action: "logout" }
  | { readonly action: "pause"; readonly reason: "lunch" | "break" }
  | { readonly action: "resume" };

/** What the roster decided for one operator whose planned segment began. */
export interface RosterDecision {
  readonly operator: string;
  readonly planned: Planned;
  /** When the shift the plan belongs to began (null: planned off). */
  readonly shift: Date | null;
  /** Whether the operator was logged in when the decision was made. */
  readonly loggedIn: boolean;
  /** null: the operator already does what the plan says, or chose otherwise (e.g. a training pause). */
  readonly command: RosterCommand | null;
}

/** What the roster did so far; the scheduler keeps it between boundaries. */
export interface RosterMemory {
  /** Operator → the plan last applied: a different plan now means a segment began. */
  readonly applied: ReadonlyMap<string, Planned>;
  /** Operator → the pause the roster asked for, applied or waiting for the end of a call. */
  readonly pauses: ReadonlyMap<string, PauseReason>;
  /** Operator → the start (ms) of the shift in which they were logged in, by the roster or themselves. */
  readonly shifts: ReadonlyMap<string, number>;
}

/** The scheduler's own, growing memory. */
export interface MutableRosterMemory extends RosterMemory {
  readonly applied: Map<string, Planned>;
  readonly pauses: Map<string, PauseReason>;
  readonly shifts: Map<string, number>;
}

export function newRosterMemory(): MutableRosterMemory {
  return { applied: new Map(), pauses: new Map(), shifts: new Map() };
}

/** The same planned segment, whatever the instant inside it. */
export function samePlan(a: Planned | undefined, b: Planned): boolean {
  return a?.state === b.state && a.since?.getTime() === b.since?.getTime();
}

/**
 * Decisions for rostered operators whose planned segment began since the plan was last applied
 * (all of them when nothing was applied yet: at startup). Operators without a roster, and
 * operators the ACD does not know, are left alone. Acting only when a segment begins is what
 * keeps the roster from fighting the operator: a training pause mid-shift stays until they resume.
 */
export function rosterActions(
  config: RosterConfig,
  statuses: readonly OperatorStatus[],
  now: Date,
  memory: RosterMemory = newRosterMemory(),
): RosterDecision[] {
  const out: RosterDecision[] = [];
  for (const status of statuses) {
    const { operator } = status;
    if (!config.operators[operator]?.roster) continue;
    const planned = rosterAt(config, operator, now);
    if (samePlan(memory.applied.get(operator), planned)) continue;
    const shift = shiftStart(config, operator, planned);
    out.push({
      operator,
      planned,
      shift,
      loggedIn: status.state !== "logged-out",
      command: commandFor(config, planned, shift, status, memory),
    });
  }
  return out;
}

/**
 * The rule for one operator at the start of a planned segment. Logging in happens once per shift:
 * at its start, or at the first segment the app sees of it (startup, the end of a lunch the app
 * started in). An operator who logged out during the shift has gone home; the end of a break only
 * resumes the roster's own pause.
 */
export function commandFor(
  config: RosterConfig,
  planned: Planned,
  shift: Date | null,
  status: OperatorStatus,
  memory: RosterMemory,
): RosterCommand | null {
  const loggedOut = status.state === "logged-out";
  const leaving = status.pending?.kind === "logout";
  switch (planned.state) {
    case "off":
      return loggedOut || leaving ? null : { action: "logout" };
    case "on-shift":
      if (loggedOut || leaving) {
        // Logging in also cancels a logout still waiting for the end of a call (the next shift began).
        const thisShift = shift !== null && memory.shifts.get(status.operator) === shift.getTime();
        return thisShift ? null : { action: "login" };
      }
      return rosterPause(config, status, memory) !== undefined ? { action: "resume" } : null;
    case "lunch":
    case "break": {
      if (loggedOut || leaving) return null;
      const current = pauseOf(status);
      if (current === planned.state) return null;
      // Another pause the operator chose (training, missed calls…) is theirs to end.
      if (current !== undefined && rosterPause(config, status, memory) === undefined) return null;
      return { action: "pause", reason: planned.state };
    }
  }
}

/**
 * The memory after a decision was carried out (`outcome`: its command's, when it had one). A
 * pause is remembered so its end resumes it; a shift in which the operator was logged in is
 * remembered so a logout of theirs during it stands.
 */
export function remember(memory: MutableRosterMemory, decision: RosterDecision, outcome?: Outcome): void {
  const { operator, planned, command, shift } = decision;
  memory.applied.set(operator, planned);
  if (command?.action === "pause") {
    if (outcome !== "ignored") memory.pauses.set(operator, command.reason);
  } else if (command || planned.state === "on-shift" || planned.state === "off") {
    memory.pauses.delete(operator);
  }
  if (shift === null) memory.shifts.delete(operator);
  else if (command?.action === "login" || decision.loggedIn) memory.shifts.set(operator, shift.getTime());
}

/** When the shift `planned` belongs to began: the start of its stretch of on-shift, lunch and breaks. */
export function shiftStart(config: RosterConfig, operator: string, planned: Planned): Date | null {
  let segment = planned;
  // A shift has a handful of segments; the bound only guards against a malformed roster.
  for (let i = 0; i < 100 && segment.state !== "off" && segment.since; i++) {
    const before = rosterAt(config, operator, new Date(segment.since.getTime() - 1));
    if (before.state === "off") return segment.since;
    segment = before;
  }
  return segment.state === "off" ? null : segment.since;
}

/** The pause the operator is in, or will be in when their call ends. */
function pauseOf(status: OperatorStatus): PauseReason | undefined {
  if (status.state === "paused") return status.reason;
  return status.pending?.kind === "pause" ? status.pending.reason : undefined;
}

/**
 * The operator's lunch or break pause when the roster started it: the scheduler remembers it, or
 * (after a restart) it began while the roster planned that very pause.
 */
function rosterPause(
  config: RosterConfig,
  status: OperatorStatus,
  memory: RosterMemory,
): "lunch" | "break" | undefined {
  const reason = pauseOf(status);
  if (reason !== "lunch" && reason !== "break") return undefined;
  if (memory.pauses.get(status.operator) === reason) return reason;
  if (status.state === "paused" && rosterAt(config, status.operator, status.since).state === reason) return reason;
  return undefined;
}
