import type { Assignment } from "../../acd/types.ts";
import type { CallbackRecords, CallbackRequest } from "../../records/callback-records.ts";
import type { OpenCallbackRow } from "../../records/read-callbacks.ts";
import { OpeningHours } from "../opening-hours.ts";
import type { AcdParts } from "../queue/queue-state.ts";
import { type CallbackLegs, makeCallback } from "./make.ts";
import { callbackIdOf, callerOfCallback, dueNow, engineId, type PendingCallback } from "./pending.ts";
import { hangUpLastRun } from "./restart.ts";

/** A full trunk holds callbacks back this long before they queue again. */
const TRUNK_FULL_HOLD_MS = 10_000;
/** Pending callbacks outside opening hours look again at least this often (a manual override may open). */
const LONGEST_SLEEP_MS = 5 * 60_000;

export interface CallbacksDeps {
  records: CallbackRecords;
  /** Run the ACD's matching (a callback joined or left the line, an operator is free again). */
  match: () => void;
  recordStates: () => void;
  /** Calls up on a trunk now, both directions (inbound calls and these callbacks): its channel limit. */
  callsOnTrunk: (trunk: string) => number;
}

/**
 * The virtual queue: callbacks not yet reached wait in the ACD engine as callers who arrived when the
 * caller first queued, so they keep their place among live callers, but only while their hotline is
 * open and their retry time has come. When the engine assigns one, `makeCallback` reserves the
 * operator, tells them who, dials the caller and bridges them.
 */
export class Callbacks {
  private readonly pending = new Map<string, PendingCallback>();
  private readonly legs: CallbackLegs = { byTrunk: new Map(), active: new Set() };
  private timer: NodeJS.Timeout | undefined;
  private heldUntil = 0;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly parts: AcdParts,
    private readonly deps: CallbacksDeps,
  ) {}

  /** On without a `callbacks:` section? No: requests are only stored then, nobody is dialled. */
  private get settings() {
    return this.parts.state.config.callbacks;
  }

  /** At start: the last run's legs hung up, its open attempts closed, callbacks not yet reached back in line. */
  async start(rows: readonly OpenCallbackRow[], openAttempts: readonly string[]): Promise<void> {
    const at = this.parts.now();
    for (const attempt of openAttempts) this.deps.records.attemptEnded(attempt, { at, result: "interrupted" });
    await hangUpLastRun(this.parts);
    for (const row of rows) {
      // Dialling when the last run died: not reached (that is journalled at bridge time), so made again.
      if (row.wasDialing) this.deps.records.pending(row.id);
      this.pending.set(row.id, { ...row, inEngine: false, busy: false });
    }
    if (rows.length > 0) this.parts.log.info({ callbacks: rows.length }, "callbacks to make, back in line");
    await this.sync();
  }

  /** A request stored by a caller's journey. */
  requested(request: CallbackRequest): void {
    if (!this.settings || this.closed) return;
    this.pending.set(request.id, { ...request, attempts: 0, inEngine: false, busy: false });
    void this.sync();
  }

  /** Callback legs up on a trunk now. */
  onTrunk(trunk: string): number {
    return this.legs.byTrunk.get(trunk) ?? 0;
  }

  /**
   * The engine assigned a callback to operators (Dispatch's second path): the first of them is
   * reserved; true when the call id was a callback's.
   */
  assigned(assignment: Assignment, at: Date): boolean {
    const id = callbackIdOf(assignment.callId);
    if (id === undefined) return false;
    const cb = this.pending.get(id);
    const operator = assignment.operators[0];
    const settings = this.settings;
    if (!cb || !settings) {
      // Not ours any more (made, given up, callbacks switched off): it must not hold the line.
      this.parts.state.engine.removeCaller(assignment.callId);
      if (cb) cb.inEngine = false;
      return true;
    }
    if (cb.busy || !operator || this.closed) return true;
    const trunk = settings.trunk ?? this.parts.state.config.trunks[0]?.name;
    const limit = this.parts.state.config.trunks.find((t) => t.name === trunk)?.channels ?? 0;
    if (!trunk || this.deps.callsOnTrunk(trunk) >= limit) {
      // No line to dial on: out of the engine for a while, so live callers behind are not held up.
      this.parts.log.info({ callback: id, trunk }, "callback held: the trunk is full");
      this.heldUntil = at.getTime() + TRUNK_FULL_HOLD_MS;
      void this.sync();
      return true;
    }
    this.parts.state.engine.ringStarted(operator, assignment.callId, at);
    cb.busy = true;
    cb.inEngine = false; // the engine forgets it on answer; on a failed attempt it is taken out
    void makeCallback(this.parts, { ...this.deps, legs: this.legs, settings, trunk }, cb, operator)
      .then((result) => {
        if (result === "reached" || result === "given-up") this.pending.delete(id);
        // A missed ring keeps it in the engine, which remembers who missed it (retryAfter).
        cb.inEngine = result === "operator-missed";
        cb.busy = false;
        return this.sync();
      })
      .catch((err) => {
        cb.busy = false;
        this.parts.log.error({ err, callback: id }, "making a callback failed");
      });
    return true;
  }

  /**
   * Make a callback now with this operator (a supervisor reassigns it, or an operator takes it from
   * their worklist): it skips the line, as a person decided; the operator must be free.
   */
  makeNow(id: string, operator: string): "started" | "unknown" | "busy" | "operator-not-free" | "off" {
    const cb = this.pending.get(id);
    if (!cb) return "unknown";
    if (!this.settings || this.closed) return "off";
    if (cb.busy) return "busy";
    const { state, now } = this.parts;
    const at = now();
    const status = state.engine.statuses(at).find((s) => s.operator === operator);
    if (status?.state !== "available" || status.deviceBusy) return "operator-not-free";
    if (!cb.inEngine) {
      state.engine.addCaller(callerOfCallback(cb));
      cb.inEngine = true;
    }
    this.parts.log.info({ callback: id, operator }, "callback made now by a person's choice");
    this.assigned({ callId: engineId(id), hotline: cb.hotline, operators: [operator], level: null }, at);
    return "started";
  }

  /** The app stops: attempts in progress are hung up (the next start makes them again unless reached). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.legs.active].map((leg) => leg.hangup()));
  }

  /** Callbacks into the engine or out of it, as their hotline's hours and retry times say; then one timer. */
  sync(): Promise<void> {
    this.syncing = this.syncing
      .then(() => this.syncOnce())
      .catch((err) => {
        this.parts.log.error({ err }, "callbacks: could not update the line");
      });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    const { state, now } = this.parts;
    const at = now();
    const hours = OpeningHours.of(this.parts.state.config);
    let wake = at.getTime() + LONGEST_SLEEP_MS;
    const held = at.getTime() < this.heldUntil;
    if (held) wake = Math.min(wake, this.heldUntil);
    let changed = false;
    for (const cb of this.pending.values()) {
      if (cb.busy) continue;
      const hotline = state.config.hotlines[cb.hotline] ? cb.hotline : undefined;
      const opening = hotline ? await hours.state(hotline, at) : { open: false, nextChange: null, nextOpening: null };
      const want = this.settings !== undefined && !held && dueNow(cb, opening.open, at);
      if (want && !cb.inEngine) {
        state.engine.addCaller(callerOfCallback(cb));
        cb.inEngine = true;
        changed = true;
      } else if (!want && cb.inEngine) {
        state.engine.removeCaller(engineId(cb.id));
        cb.inEngine = false;
        changed = true;
      }
      for (const next of [cb.nextAttemptAt, opening.nextChange, opening.nextOpening])
        if (next && next.getTime() > at.getTime()) wake = Math.min(wake, next.getTime());
    }
    if (this.timer) clearTimeout(this.timer);
    if (this.pending.size > 0) {
      this.timer = setTimeout(() => void this.sync(), Math.max(0, wake - now().getTime()) + 5);
      this.timer.unref();
    }
    if (changed) this.deps.match();
  }
}
