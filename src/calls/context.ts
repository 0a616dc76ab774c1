import type { AriResources } from "../asterisk/ari/resources.ts";
import type { ChannelHub } from "../asterisk/channels/hub.ts";
import type { HotlineConfig, HotlineSettings } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { CallRecords } from "../records/call-records.ts";
import type { OpeningHours } from "./opening-hours.ts";
import type { CallQueues } from "./queue/queues.ts";

/**
 * What a call's steps may use. `config` is the configuration in force when the call arrived: a hot
 * reload applies to the next call, never to one in progress.
 */
export interface CallContext {
  config: HotlineConfig;
  /** Bridges, stored recordings: what is not one channel's. */
  ari: AriResources;
  /** Channels we place (an overflow to an outside number). */
  hub: ChannelHub;
  records: CallRecords;
  log: Logger;
  /** The ARI application name (originated channels come back to it). */
  app: string;
  /** Is the hotline open, and when does it open next (schedules + manual overrides). */
  openingHours: OpeningHours;
  /** Waiting callers and the operators who take them. */
  queues: CallQueues;
  now(): Date;
}

export function hotlineSettings(config: HotlineConfig, hotline: string): HotlineSettings {
  const settings = config.hotlines[hotline];
  if (!settings) throw new Error(`unknown hotline ${hotline}`);
  return settings;
}
