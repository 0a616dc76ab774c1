/**
 * The ACD engine: operators' states, the callers waiting, and which operator gets which caller.
 * Pure and synchronous — the ARI adapter feeds it events (logins, rings, hang-ups, device state)
 * with their time, asks `nextAssignments(now)` what to ring and reads the state changes it made
 * with `takeChanges()`. Rules: docs/acd.md.
 */

import { localDate } from "../schedule/local-day.ts";
import {
  afterCall,
  isFree,
  isOnCall,
  isPresent,
  loggedOut,
  moveTo,
  type OperatorRecord,
  statusOf,
} from "./operators.ts";
import { type Kind, QualificationIndex } from "./qualify.ts";
import { type Member, Round } from "./round.ts";
import { type AcdConfig, rulesOf } from "./settings.ts";
import { type AcdSnapshot, readSnapshot, writeSnapshot } from "./snapshot.ts";
import { type Candidate, pick } from "./strategies.ts";
import { levelFloor } from "./tiers.ts";
import {
  AcdError,
  type Assignment,
  type Caller,
  type OperatorStatus,
  type Outcome,
  type PauseReason,
  type RingResult,
  type StateChange,
} from "./types.ts";

/** Competence levels run 0 … 5: beyond that many widenings nothing opens any more. */
const COMPETENCE_LEVELS = 6;

/** A waiting caller and what the engine remembers about their wait. */
interface WaitingCaller {
  readonly caller: Caller;
  /** Order of arrival in the engine: the tie-break after priority and arrival time. */
  readonly seq: number;
  /** Operators ringing for this caller now. */
  readonly ringing: Set<string>;
  /** Operator → when they last missed this caller (ms). */
  readonly missedBy: Map<string, number>;
  /** The caller's kind, and the index it is from (a reconfigure makes a new one). */
  kind?: Kind;
  kindFrom?: QualificationIndex;
}

export class AcdEngine {
  private config: AcdConfig;
  private qualification: QualificationIndex;
  /** Operator → their first position in the configuration. */
  private positions: Map<string, number>;
  private readonly operators = new Map<string, OperatorRecord>();
  private readonly callers = new Map<string, WaitingCaller>();
  /** The callers in the order they are served, kept sorted as they come and go. */
  private readonly queue: WaitingCaller[] = [];
  /** Hotline → the configuration index of the operator round-robin rang last. */
  private readonly lastRung = new Map<string, number>();
  private changes: StateChange[] = [];
  private seq = 0;

  /** Every configured operator starts logged out at `now`. */
  constructor(config: AcdConfig, now: Date) {
    this.config = config;
    this.qualification = new QualificationIndex(config);
    this.positions = positionsOf(config);
    for (const op of config.operators) this.operators.set(op.key, loggedOut(op.key, now.getTime()));
  }

  // ── Operators' commands ────────────────────────────────────────────────────────────────────

  login(operator: string, at: Date): Outcome {
    const op = this.op(operator);
    if (op.state !== "logged-out") {
      // Logging in again cancels a logout still waiting for the end of a call.
      if (op.pending?.kind !== "logout") return "ignored";
      op.pending = undefined;
      return "done";
    }
    op.idleSince = at.getTime();
    op.missedInRow = 0;
    this.record(moveTo(op, "available", at.getTime()));
    return "done";
  }

  /** During a ring or a call the logout waits for its end: a call is never cut. */
  logout(operator: string, at: Date): Outcome {
    const op = this.op(operator);
    if (op.state === "logged-out") return "ignored";
    if (isOnCall(op)) {
      op.pending = { kind: "logout" };
      return "pending";
    }
    op.pending = undefined;
    this.record(moveTo(op, "logged-out", at.getTime()));
    return "done";
  }

  /** During a ring or a call the pause starts when it ends; in wrap-up it starts now. */
  pause(operator: string, reason: PauseReason, at: Date): Outcome {
    const op = this.op(operator);
    if (op.state === "logged-out") return "ignored";
    if (isOnCall(op)) {
      op.pending = { kind: "pause", reason };
      return "pending";
    }
    if (op.state === "paused" && op.reason === reason) return "ignored";
    this.record(moveTo(op, "paused", at.getTime(), { reason }));
    return "done";
  }

  /** Back from a pause; during a call, cancels a pause that was waiting for its end. */
  resume(operator: string, at: Date): Outcome {
    const op = this.op(operator);
    if (op.pending?.kind === "pause") {
      op.pending = undefined;
      return "done";
    }
    if (op.state !== "paused") return "ignored";
    op.missedInRow = 0;
    this.record(moveTo(op, "available", at.getTime()));
    return "done";
  }

  /** The desk phone is in use outside the ACD (its device state): skip the operator meanwhile. */
  deviceBusy(operator: string, busy: boolean): Outcome {
    const op = this.op(operator);
    if (op.deviceBusy === busy) return "ignored";
    op.deviceBusy = busy;
    return "done";
  }

  // ── Calls ──────────────────────────────────────────────────────────────────────────────────

  /** A caller enters the queue (the adapter re-adds them in arrival order after a restart). */
  addCaller(caller: Caller): void {
    if (this.callers.has(caller.callId)) throw new AcdError(`caller ${caller.callId} is already waiting`);
    const waiting: WaitingCaller = { caller, seq: this.seq++, ringing: new Set(), missedBy: new Map() };
    this.callers.set(caller.callId, waiting);
    // The newest seq: after every caller of the same priority and arrival.
    this.queue.splice(placeIn(this.queue, waiting), 0, waiting);
  }

  /**
   * The caller left the queue (hung up, overflowed, answered). Operators still ringing for them
   * are the adapter's to cancel: it hangs up their legs and reports ringEnded(…, "cancelled").
   */
  removeCaller(callId: string): Outcome {
    return this.forget(callId) ? "done" : "ignored";
  }

  /** The adapter started ringing `operator` for the caller, as nextAssignments proposed. */
  ringStarted(operator: string, callId: string, at: Date): Outcome {
    const op = this.op(operator);
    const waiting = this.callers.get(callId);
    if (!waiting) throw new AcdError(`caller ${callId} is not waiting`);
    if (op.state !== "available") throw new AcdError(`operator ${operator} is ${op.state}, not available`);
    const { hotline } = waiting.caller;
    waiting.ringing.add(operator);
    this.lastRung.set(hotline, this.indexOf(operator));
    this.record(moveTo(op, "ringing", at.getTime(), { call: { callId, hotline } }));
    return "done";
  }

  /**
   * The ring ended. Answered: the operator is on the call and the caller leaves the queue.
   * No-answer and rejected count as misses (maxMissed in a row pauses the operator); busy keeps
   * the caller from this operator for retryAfter without counting as a miss (the phone, not the
   * person, said no); cancelled counts for nothing.
   */
  ringEnded(operator: string, callId: string, result: RingResult, at: Date): Outcome {
    const op = this.op(operator);
    if (op.state !== "ringing" || op.call?.callId !== callId) return "ignored"; // a late event
    const t = at.getTime();
    const call = op.call;
    const waiting = this.callers.get(callId);
    waiting?.ringing.delete(operator);
    if (result === "answered") {
      this.countAnswered(op, t);
      op.missedInRow = 0;
      this.forget(callId);
      this.record(moveTo(op, "on-call", t, { call }));
      return "done";
    }
    if (result !== "cancelled") waiting?.missedBy.set(operator, t);
    const rules = rulesOf(this.config, call.hotline);
    if (result === "no-answer" || result === "rejected") {
      op.missedInRow++;
      if (rules.maxMissed > 0 && op.missedInRow >= rules.maxMissed && !op.pending) {
        op.pending = { kind: "pause", reason: "missed-calls" };
      }
    }
    this.record(afterCall(op, t, undefined, 0));
    return "done";
  }

  /** The conversation ended: wrap-up for the hotline's wrapUp seconds, or a pending pause/logout. */
  callEnded(operator: string, callId: string, at: Date): Outcome {
    const op = this.op(operator);
    if (op.state !== "on-call" || op.call?.callId !== callId) return "ignored";
    this.record(afterCall(op, at.getTime(), op.call, rulesOf(this.config, op.call.hotline).wrapUp));
    return "done";
  }

  /** Time-based transitions: wrap-ups that are over make their operators available. */
  tick(now: Date): void {
    const t = now.getTime();
    for (const op of this.operators.values()) {
      if (op.state !== "wrap-up" || !op.call) continue;
      const end = op.since + rulesOf(this.config, op.call.hotline).wrapUp * 1000;
      if (end > t) continue;
      op.idleSince = end;
      this.record(moveTo(op, "available", end));
    }
  }

  // ── Matching ───────────────────────────────────────────────────────────────────────────────

  /**
   * Who to ring now, callers by priority (higher first), then arrival (oldest first); each free
   * operator is offered to one caller at most. Advances time first (tick). Does not ring: the
   * adapter reports each ring it starts with ringStarted.
   */
  nextAssignments(now: Date): Assignment[] {
    this.tick(now);
    if (this.queue.length === 0) return [];
    let free = 0;
    for (const op of this.operators.values()) if (isFree(op)) free++;
    if (free === 0) return [];
    const round = new Round(this.config.operators, this.operators, this.config.timezone, now.getTime());
    const taken = new Set<string>();
    const out: Assignment[] = [];
    for (const waiting of this.queue) {
      if (taken.size >= free) break; // nobody left to offer: the other callers keep waiting
      if (waiting.ringing.size > 0) continue;
      const assignment = this.match(waiting, round, taken);
      if (!assignment) continue;
      for (const key of assignment.operators) taken.add(key);
      out.push(assignment);
    }
    return out;
  }

  /**
   * The next instant after `now` at which time alone changes what the engine says: a wrap-up ends,
   * a miss stops keeping a caller from an operator, a caller's wait opens the next lower competence
   * level. The adapter sets one timer for it instead of polling; undefined when nothing is due.
   */
  wakeAt(now: Date): Date | undefined {
    const t = now.getTime();
    let next = Number.POSITIVE_INFINITY;
    const consider = (at: number) => {
      if (at > t && at < next) next = at;
    };
    for (const op of this.operators.values()) {
      if (op.state === "wrap-up" && op.call) consider(op.since + rulesOf(this.config, op.call.hotline).wrapUp * 1000);
    }
    for (const waiting of this.callers.values()) {
      const rules = rulesOf(this.config, waiting.caller.hotline);
      for (const missed of waiting.missedBy.values()) consider(missed + rules.retryAfter * 1000);
      if (rules.widenAfter <= 0) continue;
      const arrived = waiting.caller.arrivedAt.getTime();
      const step = rules.widenAfter * 1000;
      const opened = Math.floor(Math.max(0, t - arrived) / step) + 1;
      if (opened < COMPETENCE_LEVELS) consider(arrived + opened * step);
    }
    return Number.isFinite(next) ? new Date(next) : undefined;
  }

  /**
   * Operators logged in and not paused who could serve such a caller, busy or free. None: waiting
   * is pointless and the caller goes to the overflow at once.
   */
  whoCouldServe(caller: Pick<Caller, "hotline" | "topic" | "language">): string[] {
    return this.qualification
      .kindOf(caller)
      .qualified.filter((q) => {
        const op = this.operators.get(q.key);
        return op !== undefined && isPresent(op);
      })
      .map((q) => q.key);
  }

  private match(waiting: WaitingCaller, round: Round, taken: ReadonlySet<string>): Assignment | undefined {
    const { caller } = waiting;
    if (waiting.kindFrom !== this.qualification) {
      waiting.kind = this.qualification.kindOf(caller);
      waiting.kindFrom = this.qualification;
    }
    const { competence } = waiting.kind as Kind;
    const pool = round.pool(waiting.kind as Kind);
    const untaken = pool.untaken(taken);
    if (untaken.length === 0) return undefined;
    const { t } = round;
    const rules = rulesOf(this.config, caller.hotline);
    // A recent misser is offered the caller again only when nobody else present qualifies.
    const someoneElse =
      waiting.missedBy.size > 0 && pool.present().some((m) => !missedLately(waiting, m.key, t, rules.retryAfter));
    const floor = levelFloor(pool.tiers(), (t - caller.arrivedAt.getTime()) / 1000, rules.widenAfter) ?? 0;
    // The free members of the best level open to the caller.
    let best = Number.NEGATIVE_INFINITY;
    let atBest: Member[] = [];
    for (const m of untaken) {
      const level = m.level ?? 0;
      if (level < floor || level < best || (someoneElse && missedLately(waiting, m.key, t, rules.retryAfter))) continue;
      if (level > best) {
        best = level;
        atBest = [];
      }
      atBest.push(m);
    }
    if (atBest.length === 0) return undefined;
    const today = round.today();
    const candidates: Candidate[] = atBest.map((m) => ({
      key: m.key,
      index: m.index,
      idleSince: m.op.idleSince,
      callsToday: m.op.callsDay === today ? m.op.callsToday : 0,
    }));
    const chosen = pick(
      rules.strategy,
      candidates,
      this.lastRung.get(caller.hotline) ?? -1,
      this.config.operators.length,
    );
    return {
      callId: caller.callId,
      hotline: caller.hotline,
      operators: chosen.map((c) => c.key),
      level: competence === undefined ? null : best,
    };
  }

  /** Drop a caller from the queue; false when they were not waiting. */
  private forget(callId: string): boolean {
    const waiting = this.callers.get(callId);
    if (!waiting) return false;
    this.callers.delete(callId);
    const place = placeIn(this.queue, waiting);
    // The search finds it unless an invalid priority or time broke the order; then look for it.
    const at = this.queue[place] === waiting ? place : this.queue.indexOf(waiting);
    this.queue.splice(at, 1);
    return true;
  }

  // ── Views ──────────────────────────────────────────────────────────────────────────────────

  /** One operator's state; with `now`, calls are counted for its local day (else as last counted). */
  status(operator: string, now?: Date): OperatorStatus {
    const op = this.op(operator);
    return statusOf(op, now ? this.callsToday(op, now.getTime()) : op.callsToday);
  }

  /** Every operator, in configuration order. */
  statuses(now?: Date): OperatorStatus[] {
    return this.config.operators.map((o) => this.status(o.key, now));
  }

  /** The callers waiting (not yet answered), in the order they are served. */
  waiting(): Caller[] {
    return this.queue.map((w) => w.caller);
  }

  /** The state changes since the last call, oldest first (for the operator_sessions records). */
  takeChanges(): StateChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  // ── Persistence and configuration ──────────────────────────────────────────────────────────

  /** Plain JSON of the operators' states (for the operator_states table). */
  snapshot(): AcdSnapshot {
    return writeSnapshot(
      [...this.operators.values()],
      this.lastRung,
      this.config.operators.map((o) => o.key),
    );
  }

  /** The snapshot of just these operators (what changed): a state change costs one operator, not all. */
  snapshotOf(operators: Iterable<string>): AcdSnapshot["operators"] {
    const records: OperatorRecord[] = [];
    for (const key of operators) {
      const op = this.operators.get(key);
      if (op) records.push(op);
    }
    return writeSnapshot(records, new Map(), []).operators;
  }

  /**
   * After an app restart: operators' states as they were. A ring in progress died with the app,
   * so a ringing operator is free again (or their pending pause/logout applies); wrap-ups that
   * ended meanwhile end. Callers are not in the snapshot: the adapter re-adds them.
   */
  restore(snapshot: AcdSnapshot, now: Date): void {
    const restored = readSnapshot(snapshot);
    const t = now.getTime();
    this.callers.clear();
    this.queue.length = 0;
    this.lastRung.clear();
    for (const [hotline, key] of Object.entries(restored.lastRung)) {
      const index = this.positions.get(key);
      if (index !== undefined) this.lastRung.set(hotline, index);
    }
    for (const settings of this.config.operators) {
      const op = restored.operators.get(settings.key) ?? loggedOut(settings.key, t);
      this.operators.set(settings.key, op);
      if (op.state === "ringing") this.record(afterCall(op, t, undefined, 0));
    }
    this.tick(now);
  }

  /** A reloaded configuration: new operators start logged out, removed ones are forgotten. */
  reconfigure(config: AcdConfig, now: Date): void {
    this.config = config;
    this.qualification = new QualificationIndex(config);
    this.positions = positionsOf(config);
    const keys = new Set(config.operators.map((o) => o.key));
    for (const key of this.operators.keys()) if (!keys.has(key)) this.operators.delete(key);
    for (const key of keys) if (!this.operators.has(key)) this.operators.set(key, loggedOut(key, now.getTime()));
    this.lastRung.clear(); // configuration indexes may have moved
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────

  private op(key: string): OperatorRecord {
    const op = this.operators.get(key);
    if (!op) throw new AcdError(`unknown operator "${key}"`);
    return op;
  }

  private indexOf(key: string): number {
    return this.positions.get(key) ?? -1;
  }

  private callsToday(op: OperatorRecord, t: number): number {
    return op.callsDay === localDate(t, this.config.timezone) ? op.callsToday : 0;
  }

  private countAnswered(op: OperatorRecord, t: number): void {
    const day = localDate(t, this.config.timezone);
    op.callsToday = op.callsDay === day ? op.callsToday + 1 : 1;
    op.callsDay = day;
  }

  private record(change: StateChange): void {
    this.changes.push(change);
  }
}

/** The operator missed this caller less than `retryAfter` seconds before `t`. */
function missedLately(waiting: WaitingCaller, operator: string, t: number, retryAfter: number): boolean {
  const missed = waiting.missedBy.get(operator);
  return missed !== undefined && t - missed < retryAfter * 1000;
}

/** Negative when `a` is served before `b`: higher priority, then earlier arrival, then added earlier. */
function servedBefore(a: WaitingCaller, b: WaitingCaller): number {
  return (
    (b.caller.priority ?? 0) - (a.caller.priority ?? 0) ||
    a.caller.arrivedAt.getTime() - b.caller.arrivedAt.getTime() ||
    a.seq - b.seq
  );
}

/** The first place in the sorted queue whose caller is not served before `waiting`. */
function placeIn(queue: readonly WaitingCaller[], waiting: WaitingCaller): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (servedBefore(queue[mid] as WaitingCaller, waiting) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function positionsOf(config: AcdConfig): Map<string, number> {
  const positions = new Map<string, number>();
  config.operators.forEach((o, index) => {
    if (!positions.has(o.key)) positions.set(o.key, index);
  });
  return positions;
}
