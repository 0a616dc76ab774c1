/**
 * While the app runs it keeps every node ready to take calls without it: the fallback queue's members
 * (from the ACD), AstDB's numbers, opening windows and waits (from the configuration and schedules),
 * and it imports the calls a node took natively while the app was away. AMI only; the decisions are
 * in plan.ts and native-calls.ts.
 */
import type { OperatorStatus } from "../acd/types.ts";
import { AmiClient, AmiError, type AmiMessage } from "../asterisk/ami/index.ts";
import { header } from "../asterisk/ami/parse.ts";
import type { AmiAction } from "../asterisk/ami/sanitize.ts";
import type { AsteriskConnection } from "../asterisk/connection.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import { groupNotes, nativeCallRecord } from "./native-calls.ts";
import {
  DB_FAMILY,
  type DbEntries,
  dbDiff,
  dbKey,
  FALLBACK_QUEUE,
  type FallbackMember,
  fallbackDb,
  fallbackMembers,
  formatWindows,
  membersDiff,
  type OpenState,
  openWindows,
} from "./plan.ts";

export interface FallbackSyncDeps {
  nodes: readonly { name: string; ami: AsteriskConnection["ami"] }[];
  statuses(): readonly OperatorStatus[];
  config(): HotlineConfig;
  /** The opening hours at any instant, from one reading of the overrides. */
  openingStates(): Promise<(hotline: string, at: Date) => OpenState>;
  records: Pick<CallRecords, "started" | "update" | "answered" | "ended" | "flush">;
  logger: Logger;
  now?: () => Date;
  /** How often members and values are compared with what each node has (default 2 s). */
  intervalMs?: number;
}

/** Opening windows are walked again this often (a schedule override shows within it). */
const HOURS_EVERY_MS = 5_000;
/** Natively taken calls are looked for this often, and at every (re)connect. */
const IMPORT_EVERY_MS = 10_000;

interface NodeState {
  name: string;
  ami: AmiClient;
  /** What the node has, as last read or written; undefined: read it first (new connection). */
  members?: FallbackMember[];
  db?: DbEntries;
  lastImport: number;
  /** Problems already logged, so a missing queue is said once, not every round. */
  said: Set<string>;
}

export class FallbackSync {
  private readonly nodes: NodeState[];
  private readonly log: Logger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private hours: { at: number; config: HotlineConfig; values: Record<string, string> } | undefined;
  /** Imported calls whose AstDB notes are not deleted yet (their records must land first). */
  private readonly imported = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: FallbackSyncDeps) {
    this.log = deps.logger.child({ part: "fallback" });
    this.now = deps.now ?? (() => new Date());
    this.nodes = deps.nodes.map((n) => {
      const ami = new AmiClient({ ...n.ami, logger: this.log.child({ node: n.name }) });
      const state: NodeState = { name: n.name, ami, lastImport: 0, said: new Set() };
      ami.on("connected", () => {
        state.members = undefined;
        state.db = undefined;
        state.lastImport = 0;
      });
      return state;
    });
  }

  start(): void {
    for (const n of this.nodes) {
      n.ami.connect().catch((err) => this.log.warn({ node: n.name, err: (err as Error).message }, "AMI not reached"));
    }
    const every = this.deps.intervalMs ?? 2000;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.round().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, every);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** One full pass over every node now (tests and the end of a start-up wait on it). */
  async syncNow(): Promise<void> {
    await this.running;
    await this.round({ importNow: true });
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.nodes.map((n) => n.ami.close()));
  }

  private async round(options: { importNow?: boolean } = {}): Promise<void> {
    const values = await this.hourValues().catch((err) => {
      this.log.warn({ err }, "could not work out the opening windows for the fallback");
      return undefined;
    });
    for (const node of this.nodes) {
      if (!node.ami.isConnected || this.stopped) continue;
      try {
        await this.syncMembers(node);
        if (values) await this.syncDb(node, fallbackDb(this.deps.config(), values));
        if (options.importNow || Date.now() - node.lastImport >= IMPORT_EVERY_MS) {
          node.lastImport = Date.now();
          await this.importCalls(node);
        }
      } catch (err) {
        // Read it all again next round: what failed half-way is unknown.
        node.members = undefined;
        node.db = undefined;
        this.sayOnce(node, (err as Error).message, "fallback sync with a node failed");
      }
    }
  }

  private async hourValues(): Promise<Record<string, string>> {
    const config = this.deps.config();
    const cached = this.hours;
    if (cached && cached.config === config && Date.now() - cached.at < HOURS_EVERY_MS) return cached.values;
    const from = this.now();
    const values: Record<string, string> = {};
    const stateAt = await this.deps.openingStates();
    for (const hotline of Object.keys(config.hotlines)) {
      values[hotline] = formatWindows(openWindows((at) => stateAt(hotline, at), from));
    }
    this.hours = { at: Date.now(), config, values };
    return values;
  }

  private async syncMembers(node: NodeState): Promise<void> {
    node.members ??= await this.readMembers(node);
    const wanted = fallbackMembers(this.deps.config().operators, this.deps.statuses());
    const actions = membersDiff(node.members, wanted);
    if (actions.length === 0) return;
    await this.apply(node, actions);
    node.members = wanted;
    this.log.info(
      { node: node.name, members: wanted.map((m) => `${m.operator}${m.paused ? " (paused)" : ""}`) },
      "fallback queue members updated",
    );
  }

  private async readMembers(node: NodeState): Promise<FallbackMember[]> {
    const events = await node.ami.listAction({ Action: "QueueStatus", Queue: FALLBACK_QUEUE }, "QueueStatusComplete");
    if (!events.some((e) => header(e, "Event") === "QueueParams")) {
      throw new Error(
        `Asterisk has no queue ${FALLBACK_QUEUE} (queues_hotline.conf not included, or app_queue not loaded)`,
      );
    }
    return events
      .filter((e) => header(e, "Event") === "QueueMember")
      .map((e) => ({
        interface: header(e, "Location") ?? "",
        operator: header(e, "Name") ?? "",
        paused: header(e, "Paused") === "1",
      }));
  }

  private async syncDb(node: NodeState, wanted: DbEntries): Promise<void> {
    if (!node.db) {
      node.db = new Map();
      for (const family of [DB_FAMILY.number, DB_FAMILY.hours, DB_FAMILY.wait]) {
        for (const { key, value } of await this.readTree(node, family)) node.db.set(dbKey(family, key), value);
      }
    }
    const actions = dbDiff(node.db, wanted);
    if (actions.length === 0) return;
    await this.apply(node, actions);
    node.db = new Map(wanted);
  }

  /** AstDB's keys under `family`, as `key` relative to it. */
  private async readTree(node: NodeState, family: string): Promise<{ key: string; value: string }[]> {
    let events: AmiMessage[];
    try {
      events = await node.ami.listAction({ Action: "DBGetTree", Family: family }, "DBGetTreeComplete");
    } catch (err) {
      if (err instanceof AmiError && /not found/i.test(err.amiMessage)) return [];
      throw err;
    }
    const prefix = `/${family}/`;
    return events
      .filter((e) => header(e, "Event") === "DBGetTreeResponse")
      .map((e) => ({ key: header(e, "Key") ?? "", value: header(e, "Val") ?? "" }))
      .map(({ key, value }) => ({ key: key.startsWith(prefix) ? key.slice(prefix.length) : key, value }));
  }

  private async importCalls(node: NodeState): Promise<void> {
    const notes = groupNotes(await this.readTree(node, DB_FAMILY.calls), DB_FAMILY.calls);
    if (notes.size === 0) return;
    const config = this.deps.config();
    const byEndpoint = new Map(Object.entries(config.operators).map(([id, o]) => [o.endpoint, id]));
    const done: string[] = [];
    for (const [id, call] of notes) {
      const record = nativeCallRecord(id, call, {
        operatorOf: (endpoint) => byEndpoint.get(endpoint),
        now: this.now(),
        ...(this.nodes.length > 1 ? { node: node.name } : {}),
      });
      if (!record) continue;
      if (!this.imported.has(id)) {
        const { records } = this.deps;
        records.started(record.start);
        records.update(id, record.fields);
        if (record.answeredAt) records.answered(id, record.answeredAt);
        records.ended(id, {
          endedAt: record.endedAt,
          outcome: record.outcome,
          ...(record.hangupCause ? { hangupCause: record.hangupCause } : {}),
        });
        this.imported.add(id);
        this.log.info({ call: id, node: node.name, outcome: record.outcome.kind }, "call taken natively imported");
      }
      done.push(id);
    }
    if (done.length === 0) return;
    // The notes go only once their records are in the database: a crash before that imports them again.
    await this.deps.records.flush({ timeoutMs: 5000 });
    for (const id of done) {
      await node.ami.action({ Action: "DBDelTree", Family: DB_FAMILY.calls, Key: id });
      this.imported.delete(id);
    }
  }

  private async apply(node: NodeState, actions: readonly AmiAction[]): Promise<void> {
    for (const action of actions) await node.ami.action(action);
  }

  private sayOnce(node: NodeState, problem: string, msg: string): void {
    if (node.said.has(problem)) return;
    node.said.add(problem);
    this.log.warn({ node: node.name, problem }, msg);
  }
}
