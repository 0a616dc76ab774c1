import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { DirectoryEntry, HotlineConfig } from "../../config/index.ts";
import type { DirectoryTarget } from "../../directory/reachable.ts";
import type { Logger } from "../../logger.ts";
import type { TransferRecords } from "../../records/transfer-records.ts";
import type { LiveCall } from "../queue/live-calls.ts";

/** What every verb of the transfers works with (one clock, Asterisk, the records). */
export interface TransferParts {
  hub: ChannelHub;
  ari: AriResources;
  /** Our Stasis application (the target's leg enters it on answer). */
  app: string;
  log: Logger;
  now: () => Date;
  records: TransferRecords;
  config: () => HotlineConfig;
  /** Channels in use on a trunk now: callers, plus the transfers' own outside legs. */
  channelsInUse(trunk: string): number;
  /** Our outside legs, by leg id → trunk (released when the leg is gone). */
  outsideLegs: Map<string, string>;
}

/** Where a transfer goes: a directory entry (by key) or a hotline's queue. */
export interface ResolvedTarget {
  key: string;
  name: string;
  target: DirectoryTarget;
  entry?: DirectoryEntry;
}

/** One transfer under way. */
export interface TransferStarted {
  id: string;
  callId: string;
  operator: string;
  to: string;
  kind: "blind" | "attended";
}

/** When the caller first entered the queue (our clock): a caller coming back keeps their place. */
export function arrivalOf(live: LiveCall): Date {
  return new Date(live.since.getTime() - live.talk.waitedSeconds * 1000);
}

/** A transfer the request cannot start or act on, with the HTTP status the API answers. */
export class TransferError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "TransferError";
  }
}
