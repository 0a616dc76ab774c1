import type { Caller, OperatorStatus } from "../acd/types.ts";
import type { LiveCalls } from "../calls/queue/live-calls.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { StoredOverride } from "../config/override-store.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import type { Knex } from "../records/db.ts";
import { showText } from "../records/neutralise.ts";
import { readOpenCallbacks } from "../records/read-callbacks.ts";
import {
  callerHistory,
  type HistoryEntry,
  type OpenCallback,
  openCallbacksFor,
  todayCallRows,
  type Voicemail,
  voicemailsFor,
} from "../records/read-room.ts";
import { deskView } from "./desk.ts";
import { TodayCalls } from "./today.ts";
import { wallboardView } from "./wallboard.ts";

/** The card's history covers this many days. */
const HISTORY_DAYS = 30;

export interface RoomFeedDeps {
  acd: {
    statuses(): OperatorStatus[];
    waitingCallers(): readonly Caller[];
    readonly live: LiveCalls;
  };
  /** Calls up on a trunk now, both directions. */
  callsOnTrunk(trunk: string): number;
  /** Whether the call has a consult (attended transfer) in progress. */
  consulting(callId: string): boolean;
  overrides(): Promise<Record<string, StoredOverride>>;
  records: CallRecords;
  db: Knex;
  config: () => HotlineConfig;
  now: () => Date;
  logger: Logger;
}

interface CardHistory {
  calls: HistoryEntry[];
  callbacks: OpenCallback[];
  voicemails: Voicemail[];
}

/**
 * The room as the console shows it, kept live from the app's own events: every record write
 * (ACD states, rings, queue events, calls) and every conversation that starts or ends is a change.
 * Today's calls are mirrored in memory from those writes; the database is read once at start and
 * once per caller for the card's history, never polled.
 */
export class RoomFeed {
  private readonly today: TodayCalls;
  private readonly listeners = new Set<() => void>();
  private readonly histories = new Map<string, Promise<CardHistory | undefined>>();
  private readonly loaded = new Map<string, CardHistory>();
  /** Each operator's last conversation, for notes and disposition after it ended. */
  private readonly lastCall = new Map<string, { callId: string; endedAt?: string }>();
  private overrideCache: Record<string, StoredOverride> = {};
  /** Bumped when voicemails or callbacks change, so desks reload their worklist. */
  private worklistVersion = 0;
  private offs: (() => void)[] = [];
  /** Callbacks in line, for the wallboard's reassign list: read again when the callbacks change. */
  private callbacksInLine: {
    id: string;
    number: string;
    hotline: string;
    topic: string | null;
    placeAt: string;
    attempts: number;
  }[] = [];
  private callbacksTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RoomFeedDeps) {
    this.today = new TodayCalls({ timezone: deps.config().organization.timezone, now: deps.now });
  }

  async start(): Promise<void> {
    const { records, db, acd } = this.deps;
    // Writes queued from now on are mirrored; the seed's rows are older than them.
    this.offs.push(
      records.observe((op) => {
        this.today.apply(op);
        if ((op.op === "insert" || op.op === "set") && (op.table === "voicemails" || op.table === "callbacks")) {
          this.worklistVersion++;
          if (op.table === "callbacks") this.readCallbacksSoon();
        }
        this.changed();
      }),
    );
    this.offs.push(
      acd.live.on(({ kind, call }) => {
        this.lastCall.set(
          call.operator,
          kind === "started"
            ? { callId: call.callId }
            : { callId: call.callId, endedAt: this.deps.now().toISOString() },
        );
        this.changed();
      }),
    );
    await records.flush({ timeoutMs: 5000 }).catch(() => undefined);
    this.today.seed(await todayCallRows(db, new Date(this.today.dayStart)));
    await this.refreshOverrides();
    await this.readCallbacks();
  }

  private readCallbacksSoon(): void {
    // After the writer lands the change: the list is read from the table.
    this.callbacksTimer ??= setTimeout(() => {
      this.callbacksTimer = undefined;
      void this.deps.records
        .flush({ timeoutMs: 2000 })
        .then(() => this.readCallbacks())
        .catch(() => undefined);
    }, 250);
  }

  private async readCallbacks(): Promise<void> {
    try {
      const rows = await readOpenCallbacks(this.deps.db);
      this.callbacksInLine = rows
        .sort((a, b) => a.placeAt.getTime() - b.placeAt.getTime())
        .map((r) => ({
          id: r.id,
          number: showText(r.number),
          hotline: r.hotline,
          topic: r.topic ?? null,
          placeAt: r.placeAt.toISOString(),
          attempts: r.attempts,
        }));
      this.changed();
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, "console: callbacks not read");
    }
  }

  stop(): void {
    if (this.callbacksTimer) clearTimeout(this.callbacksTimer);
    for (const off of this.offs) off();
    this.offs = [];
    this.listeners.clear();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something outside the records changed (an override): push the views again. */
  changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, "console: a listener failed");
      }
    }
  }

  async refreshOverrides(): Promise<void> {
    this.overrideCache = await this.deps.overrides().catch(() => ({}));
    this.changed();
  }

  /** Mirrored row of a call today (the card's facts, an operator's call check). */
  callRow(callId: string) {
    return this.today.row(callId);
  }

  async wallboard(_language: string): Promise<unknown> {
    const config = this.deps.config();
    const now = this.deps.now();
    const view = wallboardView({
      config,
      now,
      statuses: this.deps.acd.statuses(),
      waiting: this.deps.acd.waitingCallers(),
      today: this.today.calls(),
      trunks: config.trunks.map((t) => ({ name: t.name, inUse: this.deps.callsOnTrunk(t.name), limit: t.channels })),
    });
    const overrides: Record<string, StoredOverride> = {};
    for (const [hotline, o] of Object.entries(this.overrideCache))
      if (!o.until || new Date(o.until) > now) overrides[hotline] = o;
    return { ...view, overrides, callbacks: this.callbacksInLine, now: now.getTime() };
  }

  async desk(operator: string, language: string): Promise<unknown> {
    const config = this.deps.config();
    const now = this.deps.now();
    const status = this.deps.acd.statuses().find((s) => s.operator === operator);
    const callId = status?.call?.callId;
    const callRow = callId ? this.today.row(callId) : undefined;
    const view = deskView({ config, now, operator, status, callRow, language });
    const number = typeof callRow?.caller_number === "string" ? callRow.caller_number : undefined;
    const history = callId && number ? this.historyOf(callId, number) : undefined;
    const last = this.lastCall.get(operator);
    const wrapUp = status?.call ? config.hotlines[status.call.hotline]?.queue.wrapUp : undefined;
    return {
      ...view,
      history: history ?? null,
      consulting: callId ? this.deps.consulting(callId) : false,
      lastCall: last ?? null,
      wrapUpEndsAt: status?.state === "wrap-up" && wrapUp !== undefined ? status.since.getTime() + wrapUp * 1000 : null,
      worklistVersion: this.worklistVersion,
      now: now.getTime(),
    };
  }

  /** The card's history: read once per call (the first push shows it loading, the next has it). */
  private historyOf(callId: string, number: string): CardHistory | undefined {
    const done = this.loaded.get(callId);
    if (done) return done;
    if (!this.histories.has(callId)) {
      const since = new Date(this.deps.now().getTime() - HISTORY_DAYS * 86_400_000);
      const { db } = this.deps;
      const read = Promise.all([
        callerHistory(db, number, { since, excludeCallId: callId }),
        openCallbacksFor(db, number),
        voicemailsFor(db, number),
      ])
        .then(([calls, callbacks, voicemails]) => {
          const history = { calls, callbacks, voicemails };
          this.loaded.set(callId, history);
          // Old cards are not needed once their calls are over; keep the map small.
          if (this.loaded.size > 200) this.loaded.delete(this.loaded.keys().next().value as string);
          this.changed();
          return history;
        })
        .catch((err) => {
          this.deps.logger.warn({ err: (err as Error).message, call: callId }, "console: caller history not read");
          return undefined;
        })
        .finally(() => this.histories.delete(callId));
      this.histories.set(callId, read);
    }
    return undefined;
  }
}
