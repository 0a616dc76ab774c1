import { randomUUID } from "node:crypto";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { HotlineConfig } from "../../config/index.ts";
import { compileConfigSchedules } from "../../config/schedules.ts";
import { type Reachability, reachability, reachableNow, targetOf } from "../../directory/reachable.ts";
import { byCode } from "../../directory/search.ts";
import type { Logger } from "../../logger.ts";
import type { TransferRecords } from "../../records/transfer-records.ts";
import type { CompiledSchedule } from "../../schedule/index.ts";
import type { LiveCall, LiveCalls } from "../queue/live-calls.ts";
import { Consult } from "./attended.ts";
import { blindTransfer } from "./blind.ts";
import { type ResolvedTarget, TransferError, type TransferParts, type TransferStarted } from "./parts.ts";

export interface TransfersDeps {
  hub: ChannelHub;
  app: string;
  records: TransferRecords;
  /** Conversations in progress (acd.live). */
  live: LiveCalls;
  config: () => HotlineConfig;
  logger: Logger;
  now?: () => Date;
  /** Callers on a trunk now (the call service's count), for an outside number's free channel. */
  callsOnTrunk: (trunk: string) => number;
}

/**
 * Transfers of calls in progress, blind or attended, to directory entries or hotlines' queues: the
 * typed API the operator's keys, the control API and the CLI all use. A call is found through
 * `acd.live`; each attempt is a `transfers` row.
 */
export class Transfers {
  private readonly parts: TransferParts;
  private readonly consults = new Map<string, Consult>();
  private compiled: { config: HotlineConfig; schedules: Record<string, CompiledSchedule> } | undefined;

  constructor(private readonly deps: TransfersDeps) {
    const outsideLegs = new Map<string, string>();
    this.parts = {
      hub: deps.hub,
      ari: deps.hub.ari,
      app: deps.app,
      log: deps.logger.child({ component: "transfers" }),
      now: deps.now ?? (() => new Date()),
      records: deps.records,
      config: deps.config,
      outsideLegs,
      channelsInUse: (trunk) => deps.callsOnTrunk(trunk) + [...outsideLegs.values()].filter((t) => t === trunk).length,
    };
  }

  /** Pass the call on: `to` is a directory key, a directory code or a hotline. */
  async transfer(callId: string, request: { to: string; kind: "blind" | "attended" }): Promise<TransferStarted> {
    const live = this.callOf(callId);
    if (this.consults.has(callId)) throw new TransferError(409, `call ${callId} has a consult in progress`);
    const to = this.resolve(request.to);
    const reach = this.reachabilityOf(to);
    if (reach && !reach.reachable) throw new TransferError(409, `${to.name} is not reachable now (${reach.why})`);
    if (request.kind === "attended" && to.target.kind === "queue")
      throw new TransferError(400, `${to.name} is a queue: transfer to it blind`);
    const id = randomUUID();
    const { records, now } = this.parts;
    records.started({
      id,
      callId,
      operator: live.operator,
      target: to.key,
      targetKind: to.target.kind,
      kind: request.kind,
      hotline: live.hotline,
      topic: live.topic,
      at: now(),
    });
    live.session.log.info({ transfer: id, to: to.key, kind: request.kind }, "transfer started");
    const started: TransferStarted = { id, callId, operator: live.operator, to: to.key, kind: request.kind };
    if (request.kind === "blind") {
      await blindTransfer(this.parts, live, to, id);
      return started;
    }
    const target = to.target;
    if (target.kind === "queue") throw new TransferError(400, "unreachable"); // narrowed above
    const consult = new Consult(this.parts, live, { ...to, target }, id, () => this.consults.delete(callId));
    this.consults.set(callId, consult);
    try {
      await consult.start();
    } catch (err) {
      this.consults.delete(callId);
      records.ended(id, { at: now(), result: "failed", cause: "could not start the consult" });
      throw err;
    }
    return started;
  }

  complete(callId: string): Promise<void> {
    return this.consultOf(callId).complete();
  }

  swap(callId: string): Promise<"caller" | "target"> {
    return this.consultOf(callId).swap();
  }

  cancel(callId: string): Promise<void> {
    return this.consultOf(callId).cancel();
  }

  /** Whether the call has a consult in progress. */
  consulting(callId: string): boolean {
    return this.consults.has(callId);
  }

  /** Every directory entry with whether it can be reached now. */
  directory(): (Reachability & { name: string; department?: string; code: string; kind: string })[] {
    const config = this.deps.config();
    const reach = reachableNow(config.directory, this.world(config));
    return reach.map((r) => {
      const entry = config.directory[r.key];
      const kind = entry ? (targetOf(entry, config.trunks[0]?.name)?.kind ?? "number") : "number";
      return {
        ...r,
        name: entry?.name ?? r.key,
        ...(entry?.department ? { department: entry.department } : {}),
        code: entry?.code ?? "",
        kind,
      };
    });
  }

  /** A directory key, a code, or a hotline. */
  resolve(to: string): ResolvedTarget {
    const config = this.deps.config();
    const byKey = config.directory[to];
    const found = byKey ? ([to, byKey] as const) : byCode(config.directory, to);
    if (found) {
      const [key, entry] = found;
      const target = targetOf(entry, config.trunks[0]?.name);
      if (!target) throw new TransferError(409, `${entry.name} has a number but no trunk is defined`);
      return { key, name: entry.name, target, entry };
    }
    if (config.hotlines[to]) return { key: to, name: to, target: { kind: "queue", hotline: to } };
    const known = [...Object.keys(config.directory), ...Object.keys(config.hotlines)];
    throw new TransferError(404, `unknown transfer target "${to}" — known: ${known.join(", ") || "none"}`);
  }

  private reachabilityOf(to: ResolvedTarget): Reachability | undefined {
    if (!to.entry) return undefined;
    const config = this.deps.config();
    return reachability(to.key, to.entry, this.world(config));
  }

  private world(config: HotlineConfig) {
    if (this.compiled?.config !== config) this.compiled = { config, schedules: compileConfigSchedules(config) };
    return {
      at: this.parts.now(),
      timezone: config.organization.timezone,
      schedules: this.compiled.schedules,
      trunks: config.trunks,
      channelsInUse: this.parts.channelsInUse,
    };
  }

  private callOf(callId: string): LiveCall {
    const live = this.deps.live.ofCall(callId);
    if (!live) throw new TransferError(404, `no conversation in progress for call ${callId}`);
    return live;
  }

  private consultOf(callId: string): Consult {
    this.callOf(callId);
    const consult = this.consults.get(callId);
    if (!consult)
      throw new TransferError(409, `call ${callId} has no consult in progress (start one with kind attended)`);
    return consult;
  }
}
