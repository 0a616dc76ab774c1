import type { Command } from "commander";
import { DateTime } from "luxon";
import { DB_OPTION } from "../database.ts";
import { UsageError } from "../errors.ts";
import { print, printTable } from "../table.ts";

interface RecordingRow {
  id: string;
  call_id: string;
  operator: string | null;
  topic: string | null;
  path: string | null;
  started_at: string;
  ended_at: string | null;
  bytes: number | string | null;
  purge_after: string | null;
  purged_at: string | null;
}

/**
 * `hotline recordings list|play|purge`: conversation recordings kept in recordings.dir, from the
 * records database. The app deletes them past retention itself; `purge` does it now (or with
 * `--older-than <days>`, whatever their retention).
 */
export function registerRecordingCommands(program: Command): void {
  const recordings = program.command("recordings").description("recorded conversations (topics with record:)");

  recordings
    .command("list")
    .description("recordings kept, newest first")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .option("--all", "include purged ones")
    .option("--json", "machine-readable output")
    .action(async (opts: { config?: string; db?: string; all?: boolean; json?: boolean }) => {
      const rows = await withDb(opts, async (db) => {
        const query = db("recordings").orderBy("started_at", "desc");
        if (!opts.all) query.whereNull("purged_at");
        return (await query) as RecordingRow[];
      });
      if (opts.json) return print(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return print("no recordings");
      printTable(
        ["id", "call", "operator", "topic", "started", "KB", "delete after", "file"],
        rows.map((r) => [
          r.id,
          r.call_id,
          r.operator ?? "",
          r.topic ?? "",
          day(r.started_at),
          r.bytes === null ? "" : String(Math.ceil(Number(r.bytes) / 1024)),
          r.purged_at ? "purged" : r.purge_after ? day(r.purge_after) : "",
          r.path ?? "",
        ]),
      );
    });

  recordings
    .command("play <id>")
    .description("play a recording with sox's `play` when it is installed; otherwise print its path")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .option("--path", "only print the file's path")
    .action(async (id: string, opts: { config?: string; db?: string; path?: boolean }) => {
      const row = await withDb(opts, (db) => db("recordings").where({ id }).first() as Promise<RecordingRow>);
      if (!row) throw new UsageError(`no recording ${id} (see \`hotline recordings list\`)`);
      if (!row.path || row.purged_at)
        throw new Error(`recording ${id} has no file (${row.purged_at ? "purged" : "not kept"})`);
      if (opts.path || !(await hasPlay())) return print(row.path);
      const { spawn } = await import("node:child_process");
      await new Promise<void>((resolve, reject) => {
        spawn("play", ["-q", row.path as string], { stdio: "inherit" })
          .on("error", reject)
          .on("close", () => resolve());
      });
    });

  recordings
    .command("purge")
    .description("delete recordings past their retention now (rows stay, marked purged)")
    .option("-c, --config <file>", "hotline configuration")
    .option(...DB_OPTION)
    .option("--older-than <days>", "instead: every recording older than this many days", Number)
    .action(async (opts: { config?: string; db?: string; olderThan?: number }) => {
      if (opts.olderThan !== undefined && !(opts.olderThan >= 0)) {
        throw new UsageError("--older-than takes a number of days, e.g. 30");
      }
      const { purgeRecordings } = await import("../../calls/recordings/retention.ts");
      const now = new Date();
      const result = await withDb(opts, (db) =>
        purgeRecordings(db, {
          now,
          ...(opts.olderThan !== undefined ? { olderThan: new Date(now.getTime() - opts.olderThan * 86_400_000) } : {}),
          markPurged: async (id, at) => {
            await db("recordings").where({ id }).whereNull("purged_at").update({ purged_at: at.toISOString() });
          },
        }),
      );
      print(`${result.files} recording${result.files === 1 ? "" : "s"} deleted (${Math.ceil(result.bytes / 1024)} KB)`);
    });
}

async function withDb<T>(
  opts: { config?: string | undefined; db?: string | undefined },
  work: (db: import("knex").Knex) => Promise<T>,
): Promise<T> {
  const { loadConfigForCli } = await import("../load-config.ts");
  const { openExistingDatabase } = await import("../database.ts");
  const config = await loadConfigForCli(opts.config);
  const db = await openExistingDatabase(config, opts.db);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function hasPlay(): Promise<boolean> {
  const { spawnSync } = await import("node:child_process");
  return spawnSync("play", ["--version"], { stdio: "ignore" }).status === 0;
}

function day(iso: string): string {
  return DateTime.fromISO(new Date(iso).toISOString()).toFormat("yyyy-LL-dd HH:mm");
}
