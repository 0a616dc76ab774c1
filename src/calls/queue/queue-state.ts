import type { AcdEngine } from "../../acd/engine.ts";
import type { Caller } from "../../acd/types.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { HotlineConfig, HotlineSettings } from "../../config/index.ts";
import type { Logger } from "../../logger.ts";
import type { Announcer } from "./announcer.ts";
import type { Conversation } from "./conversation.ts";
import type { DeskPhone } from "./desk-phones.ts";
import type { HoldingBridges } from "./holding.ts";
import { LiveCalls } from "./live-calls.ts";
import type { OutboundLeg } from "./outbound-leg.ts";
import type { QueueStory } from "./queue-story.ts";
import type { QueueCaller, QueueOutcome } from "./queues.ts";
import { HandledTimes } from "./wait-estimate.ts";

/** Where a caller is: in line, being connected to an operator who answered, talking, or gone from the queue. */
export type WaiterState = "waiting" | "connecting" | "connected" | "left";

/** One caller in a queue. */
export interface Waiter {
  session: QueueCaller;
  hotline: string;
  settings: HotlineSettings["queue"];
  enteredAt: Date;
  state: WaiterState;
  /** The desk phones ringing for this caller (several for ring-all), by operator. */
  rings: Map<string, OutboundLeg>;
  /** Times the ACD offered this caller (one ring, or one ring-all round), against queue.maxOffers. */
  offers: number;
  announcer: Announcer;
  stop: AbortController;
  settle(outcome: QueueOutcome | Error): void;
}

/** What the ACD adapter knows right now, shared by its verbs (admission, dispatch, connect, the desk). */
export class QueueState {
  readonly waiters = new Map<string, Waiter>();
  /** Conversations in progress: ended from our side when the app stops. */
  readonly conversations = new Set<Conversation>();
  /** The same conversations by operator and call, for the room's services. */
  readonly live = new LiveCalls();
  /** Channel ids of the operator legs we originated: they don't make a desk phone "busy outside". */
  readonly ourLegs = new Set<string>();
  readonly handled = new HandledTimes();
  phones = new Map<string, DeskPhone>();
  closed = false;
  /** After a restart, nobody is served before this instant (ms): every waiting caller gets back in line first. */
  settleUntil = 0;

  constructor(
    readonly engine: AcdEngine,
    readonly holding: HoldingBridges,
    /** The configuration in force (a reload replaces it; calls in progress keep their own). */
    public config: HotlineConfig,
  ) {}

  /** Callers waiting now in a hotline's queue. */
  waiting(hotline: string): number {
    let n = 0;
    for (const w of this.waiters.values()) if (w.hotline === hotline && w.state === "waiting") n++;
    return n;
  }

  /** The caller's place in line (1 = next), 0 once out of it. */
  position(waiter: Waiter): number {
    return this.engine.waiting().findIndex((c) => c.callId === waiter.session.id) + 1;
  }
}

/** The caller as the engine sees them: who they wait for, since when. */
export function callerOf(waiter: Waiter, topic: string | undefined, language: string): Caller {
  return {
    callId: waiter.session.id,
    hotline: waiter.hotline,
    ...(topic ? { topic } : {}),
    language,
    arrivedAt: waiter.enteredAt,
  };
}

/** Seconds the caller has been in the queue at `now`. */
export function waitedSeconds(waiter: Pick<Waiter, "enteredAt">, now: Date): number {
  return (now.getTime() - waiter.enteredAt.getTime()) / 1000;
}

/** What every verb of the ACD adapter works with: Asterisk, the one clock, the shared state, the story. */
export interface AcdParts {
  /** Channels: the legs we ring, the callers' handles. */
  hub: ChannelHub;
  /** Bridges, channel look-ups, desk phones. */
  ari: AriResources;
  /** Our Stasis application (operator legs enter it on answer). */
  app: string;
  log: Logger;
  now: () => Date;
  state: QueueState;
  story: QueueStory;
}
