import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { Logger } from "../../logger.ts";
import type { MonitorMode, MonitorStart } from "../../records/room-records.ts";
import type { LiveCall } from "../queue/live-calls.ts";

export type { MonitorMode } from "../../records/room-records.ts";
export const MONITOR_MODES: readonly MonitorMode[] = ["listen", "whisper", "barge"];

/** The supervisor's end: a desk phone we rang, or the phone that dialled the monitoring code. */
export interface SupervisorSide {
  readonly id: string;
  /** Settles when the supervisor's channel is gone. */
  readonly gone: Promise<unknown>;
  hangup(): Promise<void>;
}

export interface MonitorContext {
  hub: ChannelHub;
  ari: AriResources;
  app: string;
  log: Logger;
}

/** Undoes what a mode set up (snoop channel, monitoring bridge, a place in the conversation). */
export type Detach = () => Promise<void>;

/** One verb: connect the supervisor's answered channel to the conversation, in its own way. */
export type Attach = (ctx: MonitorContext, call: LiveCall, side: SupervisorSide, id: string) => Promise<Detach>;

/** A monitoring session in progress, as the API and the CLI show it. */
export type MonitorInfo = Omit<MonitorStart, "at"> & { startedAt: string };
