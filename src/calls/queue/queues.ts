import type { ChannelHandle } from "../../asterisk/channels/types.ts";
import type { HotlineConfig } from "../../config/index.ts";
import type { Logger } from "../../logger.ts";
import type { CallFields, CallRecords } from "../../records/call-records.ts";
import type { CallbackRequest } from "../../records/callback-records.ts";
import type { HotlinePrompt } from "../../sounds/catalog.ts";
import type { OpeningHours } from "../opening-hours.ts";
import type { EndedBy, HandoverEnd } from "./conversation.ts";
import type { TalkMark } from "./waiting-mark.ts";

/** Who waits for an operator: the hotline's queue, for a topic, in a language. */
export interface QueueRequest {
  hotline: string;
  topic?: string;
  language: string;
  /** A caller put back after an app restart: when they first entered the queue (keeps their place). */
  arrivedAt?: Date;
}

/** How a caller's wait in the queue ended. */
export type QueueOutcome =
  /** An operator answered; `ended` settles when their conversation ends, saying who hung up. */
  | {
      kind: "connected";
      operator: string;
      waitedSeconds: number;
      ended: Promise<EndedBy>;
      /** After `ended` says "transferred": what became of the caller. */
      handover?: () => Promise<HandoverEnd> | undefined;
    }
  /** queue.maxWait passed, or the caller was offered queue.maxOffers times (`offers`) without a conversation. */
  | { kind: "timeout"; waitedSeconds: number; offers?: number }
  /** queue.maxLength callers were already waiting. */
  | { kind: "full" }
  /** Nobody is logged in who could take the call. */
  | { kind: "no-operators" }
  /** The hotline closed while the caller waited. */
  | { kind: "closing"; waitedSeconds: number }
  /** The caller pressed callbacks.key: they leave to enter a number, keeping their place (`arrivedAt`). */
  | { kind: "callback"; waitedSeconds: number; arrivedAt: Date };

/** What the queues need of a caller's call (the journey's CallSession is one). */
export interface QueueCaller {
  readonly id: string;
  readonly channel: ChannelHandle;
  readonly isGone: boolean;
  readonly language: string;
  readonly topic: string | undefined;
  readonly info: { readonly campaign?: string; readonly channel: { readonly caller?: { number?: string } } };
  readonly log: Logger;
  readonly ctx: {
    readonly config: HotlineConfig;
    readonly records: CallRecords;
    readonly openingHours: OpeningHours;
    now(): Date;
  };
  whenGone(): Promise<never>;
  note(fields: CallFields): void;
  promptUri(name: HotlinePrompt): string;
}

/** The queues of all hotlines (the ACD: src/calls/queue/acd-queues.ts). */
export interface CallQueues {
  /** Wait (music, announcements) until an operator answers or the caller has to leave the queue. */
  enter(caller: QueueCaller, request: QueueRequest): Promise<QueueOutcome>;
  /** A caller who was talking with an operator when the app restarted: follow that conversation again. */
  rejoin(caller: QueueCaller, talk: TalkMark): Promise<Extract<QueueOutcome, { kind: "connected" }>>;
  /** Callers waiting now in a hotline's queue. */
  waiting(hotline: string): number;
  /** A callback request was stored: made when its turn comes (docs/callbacks.md). */
  callbackRequested?(request: CallbackRequest): void;
  /** Stop ringing and release held bridges (app shutdown). */
  close(): Promise<void>;
}
