import { join } from "node:path";
import type { HotlineConfig } from "../config/index.ts";
import type { CallRecordsOptions } from "./call-records.ts";

/**
 * CallRecords' options from the configuration: the journal in `state.dir`, costs from `trunks`
 * (read through `current` so a reloaded tariff applies to calls that end after the reload).
 */
export function recordsOptionsFor(
  config: HotlineConfig,
  current: () => HotlineConfig = () => config,
): CallRecordsOptions {
  return {
    journal: join(config.state.dir, "records.journal"),
    trunks: () => current().trunks,
    // Hand-built configurations (tools, tests) may lack the section: the writer's defaults apply.
    onJournalFull: config.records?.onJournalFull,
    maxPending: config.records?.maxPending,
  };
}
