import { rm } from "node:fs/promises";
import type { Knex } from "../../records/db.ts";

/** At most this many files per batch, and this many batches per run: a run always ends. */
const BATCH = 500;
const MAX_BATCHES = 20;

export interface PurgeOptions {
  now: Date;
  /** Instead of each row's purge_after: every recording that started before this. */
  olderThan?: Date;
  /** Mark a row purged (the app's journaled writer, or the CLI's direct update). */
  markPurged(id: string, at: Date): Promise<void> | void;
}

export interface PurgeResult {
  files: number;
  bytes: number;
}

/**
 * Delete recordings past their retention (purge_after) — or, with `olderThan`, older than that —
 * and mark their rows purged; rows stay for the report. A file already gone counts as purged.
 */
export async function purgeRecordings(db: Knex, options: PurgeOptions): Promise<PurgeResult> {
  const result: PurgeResult = { files: 0, bytes: 0 };
  const done = new Set<string>();
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const query = db("recordings").whereNull("purged_at").whereNotNull("ended_at");
    if (options.olderThan) query.where("started_at", "<", options.olderThan.toISOString());
    else query.where("purge_after", "<=", options.now.toISOString());
    if (done.size > 0) query.whereNotIn("id", [...done]);
    const rows = (await query.orderBy("started_at").limit(BATCH).select("id", "path", "bytes")) as {
      id: string;
      path: string | null;
      bytes: number | string | null;
    }[];
    for (const row of rows) {
      if (row.path) await rm(row.path, { force: true });
      await options.markPurged(row.id, options.now);
      done.add(row.id);
      result.files++;
      result.bytes += Number(row.bytes ?? 0);
    }
    if (rows.length < BATCH) break;
  }
  return result;
}

const DAY_MS = 86_400_000;

/** The app's retention: a purge at start, then once a day; a failure waits for the next day. */
export function scheduleRetention(run: () => Promise<unknown>): { stop(): void } {
  const tick = () => void run().catch(() => undefined);
  const first = setTimeout(tick, 1000);
  const daily = setInterval(tick, DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
