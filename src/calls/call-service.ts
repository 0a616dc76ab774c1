import type { Application, Channel } from "../asterisk/ari/generated.ts";
import type { AriChannel } from "../asterisk/channels/channel.ts";
import type { ChannelHub } from "../asterisk/channels/hub.ts";
import type { HotlineConfig } from "../config/index.ts";
import { routeCall } from "../config/routing.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import type { CallContext } from "./context.ts";
import { inboundJourney, resumedJourney, runJourney } from "./journey.ts";
import { OpeningHours } from "./opening-hours.ts";
import type { CallQueues } from "./queue/queues.ts";
import { QUEUE_VARIABLE, readQueueMark, readTalkMark, TALK_VARIABLE } from "./queue/waiting-mark.ts";
import { CallSession } from "./session.ts";
import type { Step } from "./step.ts";
import { refuseBusy } from "./steps/busy.ts";

export interface CallServiceDeps {
  hub: ChannelHub;
  records: CallRecords;
  logger: Logger;
  /** The ARI application name (to subscribe to our callers' channels). */
  app: string;
  queues: CallQueues;
  /** The configuration in force now; a session keeps the one it started with (hot reload never touches live calls). */
  config: () => HotlineConfig;
  now?: () => Date;
  /** Our outbound calls on a trunk now (callbacks): they take channels of its limit too. */
  outboundOnTrunk?: (trunk: string) => number;
}

/** Turns inbound Stasis channels into call sessions, and adopts our callers after a reconnect. */
export class CallService {
  private readonly sessions = new Map<string, CallSession>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly log: Logger;
  private handingOver = false;

  constructor(private readonly deps: CallServiceDeps) {
    this.log = deps.logger.child({ component: "calls" });
  }

  attach(): void {
    this.deps.hub.onStart("inbound", (channel, start) => {
      const [, did = "", trunk = ""] = start.args;
      this.begin(channel, start.channel, did, trunk, false);
    });
    this.deps.hub.onReconnect((application) => this.adopt(application));
  }

  get activeCalls(): number {
    return this.sessions.size;
  }

  /** Calls in progress on a trunk (for its channel limit). */
  callsOnTrunk(trunk: string): number {
    let n = this.deps.outboundOnTrunk?.(trunk) ?? 0;
    for (const s of this.sessions.values()) if (s.info.trunk === trunk) n++;
    return n;
  }

  /** Resolves when no call is in progress (for a graceful stop), or after timeoutMs. */
  idle(timeoutMs = 30_000): Promise<boolean> {
    if (this.sessions.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters.delete(done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.add(done);
    });
  }

  /**
   * The app stops with calls still up: they stay in Asterisk (waiting callers in their holding
   * bridge, conversations bridged, their marks on the channels), this run writes nothing more of
   * them and takes no new call; the next start adopts them and completes their records.
   */
  handOver(): number {
    this.handingOver = true;
    for (const session of this.sessions.values()) session.handOver();
    return this.sessions.size;
  }

  private begin(
    channel: AriChannel,
    data: Channel,
    did: string,
    trunk: string,
    adopted: boolean,
    resume?: Step[],
  ): void {
    if (this.sessions.has(channel.id) || this.handingOver) return;
    const config = this.deps.config();
    const route = routeCall(config, did);
    const log = this.log.child({ call: channel.id, did, hotline: route.hotline });
    if (!route.known) log.warn("number not configured; using the first hotline");
    const limit = config.trunks.find((t) => t.name === trunk)?.channels;
    const overLimit = !adopted && limit !== undefined && this.callsOnTrunk(trunk) >= limit;
    // Records that a crash would lose (journal disk full) or a backlog at its bound: busy, before it gets worse.
    const records = adopted ? { ok: true as const } : this.deps.records.health();
    if (!records.ok) log.warn({ reason: records.reason }, "records at risk: new call refused");
    const ctx: CallContext = {
      config,
      ari: this.deps.hub.ari,
      hub: this.deps.hub,
      records: this.deps.records,
      log,
      app: this.deps.app,
      openingHours: OpeningHours.of(config),
      queues: this.deps.queues,
      now: this.deps.now ?? (() => new Date()),
    };
    const info = {
      channel: data,
      did,
      trunk,
      hotline: route.hotline,
      campaign: route.campaign,
      language: route.language,
    };
    const session = new CallSession(info, channel, ctx);
    this.sessions.set(channel.id, session);
    this.deps.records.started({
      id: channel.id,
      did,
      trunk,
      hotline: route.hotline,
      campaign: route.campaign,
      language: route.language,
      callerNumber: data.caller?.number || undefined,
      callerName: data.caller?.name || undefined,
      startedAt: new Date(data.creationtime ?? Date.now()),
      node: this.deps.hub.nodeOf(channel.id),
    });
    log.info({ caller: data.caller?.number, trunk, adopted }, "call started");
    // Keep the channel's events after it leaves Stasis: its ChannelDestroyed carries the hang-up cause.
    this.deps.hub.ari.applications.subscribe(this.deps.app, `channel:${channel.id}`).catch((err) => {
      if (!channel.isGone) log.warn({ err: (err as Error).message }, "could not subscribe to the channel");
    });
    const steps = overLimit
      ? [refuseBusy(trunk, limit)]
      : !records.ok
        ? [recordsAtRisk(refuseBusy(trunk, 0))]
        : (resume ?? inboundJourney());
    void session
      .close(runJourney(session, steps))
      .catch((err) => log.error({ err }, "could not close the call's record"))
      .finally(() => this.end(session));
  }

  private end(session: CallSession): void {
    this.sessions.delete(session.id);
    if (this.sessions.size === 0) {
      for (const done of this.idleWaiters) done();
      this.idleWaiters.clear();
    }
  }

  /**
   * After a reconnect, calls we don't know (the app restarted while they waited or talked) are
   * adopted: a caller waiting or talking with an operator goes on where they were.
   */
  private async adopt(application: Application): Promise<void> {
    const { hub } = this.deps;
    for (const channelId of application.channel_ids) {
      if (this.sessions.has(channelId) || hub.has(channelId)) continue;
      try {
        const data = await hub.ari.channels.get(channelId);
        if (data.dialplan?.context !== "hotline-inbound") continue;
        const channel = hub.channel(channelId);
        const did = await channel.getVar("HOTLINE_DID");
        const trunk = (await channel.getVar("HOTLINE_TRUNK")) || (await channel.getVar("CHANNEL(endpoint)"));
        // Waiting in a queue or talking with an operator when the app stopped: that goes on.
        const talking = readTalkMark(await channel.getVar(TALK_VARIABLE));
        const waiting = readQueueMark(await channel.getVar(QUEUE_VARIABLE));
        const mark = talking ? { talking } : waiting ? { waiting } : undefined;
        this.begin(channel, data, did, trunk, true, mark ? resumedJourney(mark) : undefined);
      } catch (err) {
        this.log.warn({ err, channelId }, "could not adopt a channel after reconnect");
      }
    }
  }
}

/** Busy as at a trunk's limit, its record saying the records were the reason. */
function recordsAtRisk(busy: Step): Step {
  return {
    name: busy.name,
    async run(session, soFar) {
      const result = await busy.run(session, soFar);
      const outcome = result?.outcome;
      return outcome?.kind === "busy" ? { ...result, outcome: { ...outcome, records: true } } : result;
    },
  };
}
