import { AcdEngine } from "../../acd/engine.ts";
import { acdConfigFrom } from "../../acd/settings.ts";
import type { Caller, OperatorStatus, Outcome, PauseReason } from "../../acd/types.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { HotlineConfig } from "../../config/index.ts";
import { bestEffort, type Logger } from "../../logger.ts";
import type { CommandSource, OperatorCommands } from "../../operators/commands.ts";
import type { CallRecords } from "../../records/call-records.ts";
import type { CallbackRequest } from "../../records/callback-records.ts";
import type { OpenCallbackRow } from "../../records/read-callbacks.ts";
import type { OperatorStateRow } from "../../records/rows.ts";
import { Callbacks } from "../callbacks/callbacks.ts";
import { Admission } from "./admission.ts";
import { Connect, type Connected } from "./connect.ts";
import { Dispatch } from "./dispatch.ts";
import { HoldingBridges } from "./holding.ts";
import type { LiveCalls } from "./live-calls.ts";
import { OperatorsDesk } from "./operators-desk.ts";
import { type AcdParts, QueueState } from "./queue-state.ts";
import { QueueStory, type RingObserver } from "./queue-story.ts";
import type { CallQueues, QueueCaller, QueueOutcome, QueueRequest } from "./queues.ts";
import { Restore } from "./restore.ts";
import type { TalkMark } from "./waiting-mark.ts";

export interface AcdQueuesDeps {
  hub: ChannelHub;
  records: CallRecords;
  logger: Logger;
  app: string;
  config: () => HotlineConfig;
  /** The ACD adapter's one clock. */
  now?: () => Date;
  /** Told of every ring's result (metrics). */
  onRing?: RingObserver;
  /** Calls up on a trunk now, inbound and callbacks: callbacks respect its channel limit too. */
  callsOnTrunk?: (trunk: string) => number;
}

/**
 * The ACD behind the queue step: the pure AcdEngine decides who rings for whom; this adapter
 * rings desk phones on legs with our own ids, whispers the topic to the operator and the operator's
 * name to the caller, bridges them, and records every ring, state change, session and pause.
 * Callers wait in one Asterisk holding bridge per hotline, marked with a channel variable, so a
 * restarted app finds them (and their arrival time) in Asterisk and serves them in order.
 *
 * This class only wires the verbs together: admission (waiting), dispatch (ringing), connect
 * (talking, wrap-up), restore (after a restart) and the operators' desk (commands, phones, records).
 */
export class AcdQueues implements CallQueues, OperatorCommands {
  private readonly parts: AcdParts;
  private readonly desk: OperatorsDesk;
  private readonly dispatch: Dispatch;
  private readonly admission: Admission;
  private readonly restore: Restore;
  /** Callbacks that keep the caller's place, made by the same engine (docs/callbacks.md). */
  readonly callbacks: Callbacks;

  constructor(deps: AcdQueuesDeps) {
    const now = deps.now ?? (() => new Date());
    const log = deps.logger.child({ component: "acd" });
    const config = deps.config();
    const state = new QueueState(
      new AcdEngine(acdConfigFrom(config), now()),
      new HoldingBridges(deps.hub.ari, log, deps.hub),
      config,
    );
    const parts = {
      hub: deps.hub,
      ari: deps.hub.ari,
      app: deps.app,
      log,
      now,
      state,
      story: new QueueStory(deps.records, now, deps.onRing),
    };
    const match = () => void this.dispatch.match();
    const recordStates = () => this.desk.flush("acd");
    this.parts = parts;
    this.desk = new OperatorsDesk(parts, deps.records.operators, match);
    const connect = new Connect(parts, {
      recordStates,
      match,
      offeredEnough: (waiter) => this.dispatch.offeredEnough(waiter),
    });
    this.callbacks = new Callbacks(parts, {
      records: deps.records.callbacks,
      match,
      recordStates,
      callsOnTrunk: (trunk) => deps.callsOnTrunk?.(trunk) ?? this.callbacks.onTrunk(trunk),
    });
    this.dispatch = new Dispatch(parts, {
      recordStates,
      onAnswer: (w, op, leg, attempt) => connect.connect(w, op, leg, attempt),
      onOther: (assignment, at) => this.callbacks.assigned(assignment, at),
    });
    this.admission = new Admission(parts, match);
    this.restore = new Restore(parts, this.desk, connect);
    // Desk phones are followed by Asterisk's device-state events; after each (re)connect, looked at once.
    deps.hub.onDeviceState((device) => this.desk.deviceChanged(device));
    deps.hub.onReconnect(async () => {
      await this.followPhones();
      await this.desk.lookAtPhones();
    });
  }

  /**
   * Pick up where the last run stopped (operator states from the database, ring attempts it left
   * open), look at the phones once; from then on events drive everything. Callers still waiting in
   * Asterisk come back through the call service.
   */
  async start(
    rows: readonly OperatorStateRow[],
    openAttempts: readonly string[] = [],
    callbacks: { open: readonly OpenCallbackRow[]; openAttempts: readonly string[] } = { open: [], openAttempts: [] },
  ): Promise<void> {
    await this.restore.start(rows, openAttempts);
    await this.callbacks.start(callbacks.open, callbacks.openAttempts);
    this.desk.flush("acd");
    await this.desk.lookAtPhones();
    await this.dispatch.match();
  }

  /**
   * Asterisk tells us of the operators' desk phones' device state: one subscription naming every
   * desk phone.
   */
  private async followPhones(): Promise<void> {
    const { hub, app, log, state } = this.parts;
    const endpoints = [...new Set(Object.values(state.config.operators).map((o) => o.endpoint))];
    if (endpoints.length === 0) return;
    const sources = endpoints.map((e) => `deviceState:PJSIP/${e}`).join(",");
    await bestEffort(hub.ari.applications.subscribe(app, sources), log, "follow the desk phones");
  }

  /** A reloaded configuration: operators added or removed, new rules; callers and calls go on. */
  reconfigure(config: HotlineConfig): void {
    const before = this.parts.state.config;
    this.parts.state.config = config;
    if (config.operators !== before.operators) void this.followPhones();
    this.parts.state.engine.reconfigure(acdConfigFrom(config), this.parts.now());
    this.desk.flush("acd");
    void this.dispatch.match();
  }

  enter(session: QueueCaller, request: QueueRequest): Promise<QueueOutcome> {
    return this.admission.enter(session, request);
  }

  rejoin(session: QueueCaller, talk: TalkMark): Promise<Connected> {
    return this.restore.rejoin(session, talk);
  }

  waiting(hotline: string): number {
    return this.parts.state.waiting(hotline);
  }

  callbackRequested(request: CallbackRequest): void {
    this.callbacks.requested(request);
  }

  login(operator: string, source: CommandSource): Outcome {
    return this.desk.login(operator, source);
  }

  logout(operator: string, source: CommandSource): Outcome {
    return this.desk.logout(operator, source);
  }

  pause(operator: string, reason: PauseReason, source: CommandSource): Outcome {
    return this.desk.pause(operator, reason, source);
  }

  resume(operator: string, source: CommandSource): Outcome {
    return this.desk.resume(operator, source);
  }

  /** Conversations in progress, for transfers, monitoring and recordings. */
  get live(): LiveCalls {
    return this.parts.state.live;
  }

  /** Callers waiting now, in the engine's order (hotline, topic, arrival). */
  waitingCallers(): readonly Caller[] {
    return this.parts.state.engine.waiting();
  }

  statuses(): OperatorStatus[] {
    this.desk.advance();
    return this.parts.state.engine.statuses(this.parts.now());
  }

  /**
   * The app stops. Calls in progress are handed over, not ended: waiting callers stay in their
   * holding bridge and conversations stay bridged, for the next run to adopt; rings stop and are
   * recorded as interrupted; operators' states are written. After this, nothing more is recorded.
   */
  async close(): Promise<void> {
    const { state, story } = this.parts;
    state.closed = true;
    await this.callbacks.close();
    await this.dispatch.interrupt(state.waiters.values());
    for (const waiter of state.waiters.values()) waiter.stop.abort();
    await state.holding.close();
    this.desk.flush("acd");
    story.stop();
  }
}
