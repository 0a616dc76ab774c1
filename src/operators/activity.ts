import type { AcdSnapshot } from "../acd/snapshot.ts";
import type { StateChange } from "../acd/types.ts";
import type { OperatorRecords } from "../records/operator-records.ts";
import type { OperatorStateRow } from "../records/rows.ts";

/** Why a log-in session ended, by who ended it. */
const SESSION_END: Record<string, string> = {
  phone: "logout",
  cli: "logout by supervisor",
  roster: "shift end",
  acd: "logout",
};

/**
 * Turns the ACD's state changes into records: log-in sessions, pauses (planned or imposed) and each
 * operator's current state with the engine's snapshot, so the weekly analysis computes occupancy and
 * adherence, and a restarted app continues the open session and pause instead of opening new ones.
 */
export class OperatorActivity {
  private readonly sessions = new Map<string, string>();
  private readonly pauses = new Map<string, string>();

  constructor(private readonly records: OperatorRecords) {}

  /** The open session and pause ids of the last run, from the operator_states rows. */
  restore(rows: readonly OperatorStateRow[]): void {
    for (const row of rows) {
      if (row.session_id && row.state !== "logged-out") this.sessions.set(row.operator, row.session_id);
      if (row.pause_id && row.state === "paused") this.pauses.set(row.operator, row.pause_id);
    }
  }

  /** Record `changes` (oldest first); `snapshot` is the engine's state after them. */
  record(
    changes: readonly StateChange[],
    snapshot: AcdSnapshot["operators"],
    source: string,
    endpoints: (op: string) => string,
  ) {
    const touched = new Set<string>();
    for (const change of changes) {
      const { operator, at } = change;
      touched.add(operator);
      if (change.from === "paused") {
        const id = this.pauses.get(operator);
        if (id) this.records.pauseEnded(id, at);
        this.pauses.delete(operator);
      }
      if (change.to === "logged-out") {
        const id = this.sessions.get(operator);
        if (id) this.records.sessionEnded(id, { at, reason: SESSION_END[source] ?? source });
        this.sessions.delete(operator);
      } else if (!this.sessions.has(operator)) {
        this.sessions.set(operator, this.records.sessionStarted({ operator, endpoint: endpoints(operator), at }));
      }
      if (change.to === "paused" && change.reason) {
        const planned = change.reason !== "missed-calls";
        this.pauses.set(operator, this.records.pauseStarted({ operator, at, reason: change.reason, planned }));
      }
    }
    for (const operator of touched) {
      const op = snapshot[operator];
      if (!op) continue;
      this.records.operatorState(operator, {
        state: op.state,
        since: new Date(op.since),
        reason: op.reason,
        snapshot: JSON.stringify(op),
        sessionId: this.sessions.get(operator),
        pauseId: this.pauses.get(operator),
      });
    }
  }
}
