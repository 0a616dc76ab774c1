import type { AriClient } from "../asterisk/ari/client.ts";
import { isGone } from "../asterisk/ari/errors.ts";
import type { Application, AriEvent, Channel, StasisStart } from "../asterisk/ari/generated.ts";
import type { AriResources } from "../asterisk/ari/resources.ts";
import type { HotlineConfig } from "../config/index.ts";
import { routeCall } from "../config/routing.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import { promptSound } from "../sounds/prompts.ts";
import type { CallContext } from "./context.ts";
import { inboundJourney, resumedJourney } from "./journey.ts";
import { OpeningHours } from "./opening-hours.ts";
import type { CallQueues } from "./queue/queues.ts";
import {
  QUEUE_VARIABLE,
  type QueueMark,
  readQueueMark,
  readTalkMark,
  TALK_VARIABLE,
  type TalkMark,
} from "./queue/waiting-mark.ts";
import { CallSession } from "./session.ts";

export interface CallServiceDeps {
  ari: AriResources;
  records: CallRecords;
  logger: Logger;
  /** The ARI application name (to subscribe to our callers' channels). */
  app: string;
  queues: CallQueues;
  /** The configuration in force now; a session keeps the one it started with (hot reload never touches live calls). */
  config: () => HotlineConfig;
  now?: () => Date;
}

/** Turns inbound Stasis channels into call sessions and routes every ARI event to its session. */
export class CallService {
  private readonly sessions = new Map<string, CallSession>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly log: Logger;
  private openingHours: { config: HotlineConfig; hours: OpeningHours } | undefined;

  constructor(private readonly deps: CallServiceDeps) {
    this.log = deps.logger.child({ component: "calls" });
  }

  attach(client: AriClient): void {
    client.on("event", (event) => this.onEvent(event));
    client.on("connected", (application) => {
      this.resync(application).catch((err) => this.log.error({ err }, "resync failed"));
    });
  }

  get activeCalls(): number {
    return this.sessions.size;
  }

  /** Calls in progress on a trunk (for its channel limit). */
  callsOnTrunk(trunk: string): number {
    let n = 0;
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

  private onEvent(event: AriEvent): void {
    if (event.type === "StasisStart") {
      this.onStasisStart(event);
      return;
    }
    const channelId = eventChannelId(event);
    if (channelId) this.sessions.get(channelId)?.handleEvent(event);
  }

  private onStasisStart(event: StasisStart): void {
    const [kind, did = "", trunk = ""] = event.args;
    if (kind !== "inbound") return;
    this.begin(event.channel, did, trunk, false);
  }

  /** Compiled schedules are cached per configuration object: a reload compiles them once, anew. */
  private hoursFor(config: HotlineConfig): OpeningHours {
    if (this.openingHours?.config !== config) this.openingHours = { config, hours: new OpeningHours(config) };
    return this.openingHours.hours;
  }

  private begin(
    channel: Channel,
    did: string,
    trunk: string,
    adopted: boolean,
    resume?: { waiting: QueueMark } | { talking: TalkMark },
  ): void {
    if (this.sessions.has(channel.id)) return;
    const config = this.deps.config();
    const route = routeCall(config, did);
    const log = this.log.child({ call: channel.id, did, hotline: route.hotline });
    if (!route.known) log.warn("number not configured; using the first hotline");
    const limit = config.trunks.find((t) => t.name === trunk)?.channels;
    const overLimit = !adopted && limit !== undefined && this.callsOnTrunk(trunk) >= limit;
    const ctx: CallContext = {
      config,
      ari: this.deps.ari,
      records: this.deps.records,
      log,
      app: this.deps.app,
      openingHours: this.hoursFor(config),
      queues: this.deps.queues,
      now: this.deps.now ?? (() => new Date()),
    };
    const session = new CallSession(
      { channel, did, trunk, hotline: route.hotline, campaign: route.campaign, language: route.language },
      ctx,
      (s) => this.end(s),
    );
    this.sessions.set(channel.id, session);
    this.deps.records.started({
      id: channel.id,
      did,
      trunk,
      hotline: route.hotline,
      campaign: route.campaign,
      language: route.language,
      callerNumber: channel.caller?.number || undefined,
      callerName: channel.caller?.name || undefined,
      startedAt: new Date(channel.creationtime ?? Date.now()),
    });
    log.info({ caller: channel.caller?.number, trunk, adopted }, "call started");
    this.deps.ari.applications.subscribe(this.deps.app, `channel:${channel.id}`).catch((err) => {
      if (!isGone(err)) log.warn({ err: (err as Error).message }, "could not subscribe to the channel");
    });
    if (overLimit) {
      void this.refuseBusy(session, `trunk ${trunk} at its ${limit}-channel limit`);
      return;
    }
    void session.run(resume ? resumedJourney(resume) : inboundJourney());
  }

  /**
   * Beyond the trunk's contracted channels: busy, without answering (the carrier plays its own
   * busy tone and bills nothing); an early-media message first when the carrier passes it.
   */
  private async refuseBusy(session: CallSession, why: string): Promise<void> {
    session.outcome = "busy";
    session.outcomeDetail = why;
    session.log.warn({ why }, "call refused: busy");
    try {
      await session.ari.channels.ring(session.id).catch(() => undefined);
      await session.ari.channels
        .play(session.id, `busy-${session.id}`, [promptSound("trunk-busy", session.info.hotline)], {
          lang: session.language,
        })
        .catch(() => undefined);
      await session.hangup("busy");
    } catch (err) {
      if (!isGone(err)) session.log.error({ err }, "could not refuse the call");
    }
  }

  private end(session: CallSession): void {
    this.sessions.delete(session.id);
    if (this.sessions.size === 0) {
      for (const done of this.idleWaiters) done();
      this.idleWaiters.clear();
    }
  }

  /**
   * After every (re)connect, Asterisk's list of our channels is the truth: calls that are gone are
   * closed as lost, calls we don't know (the app restarted while they waited) are adopted.
   */
  private async resync(application: Application): Promise<void> {
    const live = new Set(application.channel_ids);
    for (const session of [...this.sessions.values()]) {
      if (live.has(session.id)) await session.resync();
      else session.lost();
    }
    for (const channelId of live) {
      if (this.sessions.has(channelId)) continue;
      try {
        const channel = await this.deps.ari.channels.get(channelId);
        if (channel.dialplan?.context !== "hotline-inbound") continue;
        const did = await this.deps.ari.channels.getVar(channelId, "HOTLINE_DID").catch(() => "");
        const trunk = await this.deps.ari.channels.getVar(channelId, "CHANNEL(endpoint)").catch(() => "");
        // Waiting in a queue or talking with an operator when the app stopped: that goes on.
        const variable = (name: string) => this.deps.ari.channels.getVar(channelId, name).catch(() => "");
        const talking = readTalkMark(await variable(TALK_VARIABLE));
        const waiting = readQueueMark(await variable(QUEUE_VARIABLE));
        this.begin(channel, did, trunk, true, talking ? { talking } : waiting ? { waiting } : undefined);
      } catch (err) {
        if (!isGone(err)) this.log.warn({ err, channelId }, "could not adopt a channel after reconnect");
      }
    }
  }
}

/** The channel an event is about: most events carry it; playback and recording events name it in target_uri. */
function eventChannelId(event: AriEvent): string | undefined {
  if ("channel" in event && event.channel && typeof event.channel === "object" && "id" in event.channel) {
    return event.channel.id as string;
  }
  const target =
    ("playback" in event && event.playback?.target_uri) || ("recording" in event && event.recording?.target_uri) || "";
  return target.startsWith("channel:") ? target.slice("channel:".length) : undefined;
}
