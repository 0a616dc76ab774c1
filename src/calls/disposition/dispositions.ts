import type { HotlineConfig } from "../../config/index.ts";
import type { Logger } from "../../logger.ts";
import type { CallRecords } from "../../records/call-records.ts";
import type { Knex } from "../../records/db.ts";
import type { LiveCalls } from "../queue/live-calls.ts";

/** How long after a call its operator may still give its outcome from the desk phone. */
export const DISPOSITION_WINDOW_MS = 10 * 60_000;

export type DispositionOutcome =
  | { ok: true; callId: string; disposition: string }
  | { ok: false; reason: "unknown-code" | "no-recent-call" | "unknown-call" };

/**
 * The outcome the operator gives a call (resolved, escalated…): `*5<d>` on the desk phone during
 * wrap-up or a few minutes after, during the call through the in-call key listener (`dispose`), or
 * through the control API. Stored on the call's row (calls.disposition, disposition_by, _at, notes).
 */
export class Dispositions {
  /** Each operator's last conversation and when it ended (or undefined while it goes on). */
  private readonly last = new Map<string, { callId: string; endedAt?: Date }>();
  private off: (() => void) | undefined;

  constructor(
    private readonly deps: {
      live: LiveCalls;
      records: CallRecords;
      db: Knex;
      config: () => HotlineConfig;
      now: () => Date;
      logger: Logger;
    },
  ) {}

  attach(): void {
    this.off = this.deps.live.on(({ kind, call }) => {
      this.last.set(
        call.operator,
        kind === "started" ? { callId: call.callId } : { callId: call.callId, endedAt: this.deps.now() },
      );
    });
  }

  close(): void {
    this.off?.();
  }

  /** Store `digit`'s disposition on `callId` for `operator` (the in-call hook for *5<d>). */
  dispose(operator: string, callId: string, digit: string, notes?: string): DispositionOutcome {
    const found = this.deps.config().dispositions[digit];
    if (!found) return { ok: false, reason: "unknown-code" };
    this.deps.records.room.disposition({ callId, disposition: found.name, by: operator, at: this.deps.now(), notes });
    this.deps.logger.info({ operator, call: callId, disposition: found.name }, "call disposition");
    return { ok: true, callId, disposition: found.name };
  }

  /** *5<d> from the desk phone: the operator's current call, or the last one if it ended within the window. */
  async disposeLast(operator: string, digit: string): Promise<DispositionOutcome> {
    if (!this.deps.config().dispositions[digit]) return { ok: false, reason: "unknown-code" };
    const callId = (await this.lastCallOf(operator)) ?? undefined;
    if (!callId) return { ok: false, reason: "no-recent-call" };
    return this.dispose(operator, callId, digit);
  }

  /** The API: a code (digit or name) on any answered call, by its operator. */
  async disposeCall(callId: string, code: string, notes?: string): Promise<DispositionOutcome> {
    const dispositions = Object.entries(this.deps.config().dispositions);
    const digit = dispositions.find(([d, v]) => d === code || v.name === code)?.[0];
    if (!digit) return { ok: false, reason: "unknown-code" };
    const live = this.deps.live.ofCall(callId);
    let operator = live?.operator;
    if (!operator) {
      await this.deps.records.flush({ timeoutMs: 2000 }).catch(() => undefined);
      const row = (await this.deps.db("calls").where({ id: callId }).first("answered_by")) as
        | { answered_by: string | null }
        | undefined;
      if (!row) return { ok: false, reason: "unknown-call" };
      operator = row.answered_by ?? "api";
    }
    return this.dispose(operator, callId, digit, notes);
  }

  private async lastCallOf(operator: string): Promise<string | undefined> {
    const current = this.deps.live.ofOperator(operator);
    if (current) return current.callId;
    const since = new Date(this.deps.now().getTime() - DISPOSITION_WINDOW_MS);
    const known = this.last.get(operator);
    if (known) return known.endedAt === undefined || known.endedAt >= since ? known.callId : undefined;
    // After a restart: the records know the last call.
    await this.deps.records.flush({ timeoutMs: 2000 }).catch(() => undefined);
    const row = (await this.deps
      .db("calls")
      .where({ answered_by: operator })
      .where("ended_at", ">=", since.toISOString())
      .orderBy("ended_at", "desc")
      .first("id")) as { id: string } | undefined;
    return row?.id;
  }
}
