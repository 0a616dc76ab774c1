import type { AriClient } from "../asterisk/ari/client.ts";
import { isGone } from "../asterisk/ari/errors.ts";
import type { Application, AriEvent, Channel, StasisStart } from "../asterisk/ari/generated.ts";
import type { AriResources } from "../asterisk/ari/resources.ts";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import { inboundJourney } from "./journey.ts";
import { routeCall } from "./routing.ts";
import { CallSession } from "./session.ts";

export interface CallServiceDeps {
  ari: AriResources;
  records: CallRecords;
  logger: Logger;
  /** The ARI application name (to subscribe to our callers' channels). */
  app: string;
  /** The configuration in force now; a session keeps the one it started with (hot reload never touches live calls). */
  config: () => HotlineConfig;
}

/** Turns inbound Stasis channels into call sessions and routes every ARI event to its session. */
export class CallService {
  private readonly sessions = new Map<string, CallSession>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly log: Logger;

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

  private begin(channel: Channel, did: string, trunk: string, adopted: boolean): void {
    if (this.sessions.has(channel.id)) return;
    const config = this.deps.config();
    const route = routeCall(config, did);
    const log = this.log.child({ call: channel.id, did, hotline: route.hotline });
    if (!route.known) log.warn("number not configured; using the first hotline");
    const session = new CallSession(
      {
        channel,
        did,
        trunk,
        hotline: route.hotline,
        campaign: route.campaign,
        language: route.language,
      },
      this.deps.ari,
      this.deps.records,
      log,
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
    void session.run(inboundJourney());
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
        const did = await this.deps.ari.channels.getVar(channelId, "HOTLINE_DID").catch(() => "");
        const trunk = await this.deps.ari.channels.getVar(channelId, "CHANNEL(endpoint)").catch(() => "");
        if (channel.dialplan?.context !== "hotline-inbound") continue;
        this.begin(channel, did, trunk, true);
      } catch (err) {
        if (!isGone(err)) this.log.warn({ err, channelId }, "could not adopt a channel after reconnect");
      }
    }
  }
}

/** The channel an event is about: most events carry it, playback events name it in target_uri. */
function eventChannelId(event: AriEvent): string | undefined {
  if ("channel" in event && event.channel && typeof event.channel === "object" && "id" in event.channel) {
    return event.channel.id as string;
  }
  if ("playback" in event && event.playback) {
    const target = (event.playback as { target_uri?: string }).target_uri ?? "";
    if (target.startsWith("channel:")) return target.slice("channel:".length);
  }
  return undefined;
}
