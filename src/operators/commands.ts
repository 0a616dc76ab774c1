import type { OperatorStatus, Outcome, PauseReason } from "../acd/types.ts";

/** Who asked for an operator's change: the records and the supervisor log tell them apart. */
export type CommandSource = "phone" | "cli" | "roster" | "acd" | "web";

/**
 * What an operator (from the desk phone), a supervisor (CLI) or the roster can do to an operator's
 * state. Implemented by the ACD adapter, which records every change and matches callers anew.
 * A pause or logout during a call waits for its end ("pending"): a call is never cut.
 */
export interface OperatorCommands {
  login(operator: string, source: CommandSource): Outcome;
  logout(operator: string, source: CommandSource): Outcome;
  pause(operator: string, reason: PauseReason, source: CommandSource): Outcome;
  resume(operator: string, source: CommandSource): Outcome;
  /** Every configured operator's state now, in configuration order. */
  statuses(): OperatorStatus[];
}
