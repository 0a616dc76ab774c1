import { join } from "node:path";
import { PRIVATE_SPOOL } from "../asterisk/sandbox/instance.ts";
import type { HotlineConfig } from "../config/index.ts";
import { recordsOptionsFor } from "../records/options.ts";
import { findPaths, looseFileWarnings } from "../records/private-files.ts";

/**
 * The files and folders that hold callers' numbers: the SQLite database and its WAL, the records
 * journal, recordings, and the sandbox Asterisk's logs and spool. Files inside a 0700 folder are out
 * of other users' reach whatever their own mode, so folders are checked rather than every recording.
 */
export function privatePaths(config: HotlineConfig, sandboxDir?: string): string[] {
  const paths: string[] = [];
  const db = config.database;
  if (db.client === "sqlite" && db.filename && db.filename !== ":memory:")
    paths.push(db.filename, `${db.filename}-wal`, `${db.filename}-shm`);
  // The state folder also holds files of other parts, made before the journal: only the journal is checked.
  const journal = recordsOptionsFor(config).journal;
  if (journal) paths.push(journal);
  paths.push(config.recordings.dir);
  if (config.asterisk.mode === "sandbox" && sandboxDir) {
    const log = join(sandboxDir, "log");
    paths.push(sandboxDir, log, join(sandboxDir, "spool"), ...PRIVATE_SPOOL.map((s) => join(sandboxDir, "spool", s)));
    paths.push(...["messages.log", "full.log", "console.log", "queue_log"].map((f) => join(log, f)));
  }
  return paths;
}

/** Warning lines for those of them that other users may read. */
export async function looseFiles(config: HotlineConfig): Promise<string[]> {
  const { sandboxDir } = await import("../asterisk/sandbox/from-config.ts");
  return looseFileWarnings(findPaths(privatePaths(config, sandboxDir(config))));
}
