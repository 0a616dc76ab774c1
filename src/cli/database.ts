import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { HotlineConfig } from "../config/index.ts";
import type { DatabaseSettings, Knex } from "../records/db.ts";
import { UsageError } from "./errors.ts";

/** `--db <file>`, the same words on every command that reads the records. */
export const DB_OPTION = [
  "--db <file>",
  "SQLite file of call records (default: the configuration's database)",
] as const;

/** The records database a command uses: the SQLite file given with --db, else the configured one. */
export function databaseSettings(config: HotlineConfig, file?: string): DatabaseSettings {
  if (file) return { client: "sqlite", filename: resolve(file) };
  return config.database.client === "pg"
    ? { client: "pg", connection: config.database.connection }
    : { client: "sqlite", filename: config.database.filename };
}

/**
 * Open a records database that must already exist: a command that reads records refuses a SQLite
 * file that is not there (a typo would otherwise create an empty database and report on nothing).
 */
export async function openExistingDatabase(config: HotlineConfig, file?: string): Promise<Knex> {
  const settings = databaseSettings(config, file);
  const { filename } = settings;
  if (settings.client === "sqlite" && filename && filename !== ":memory:" && !existsSync(filename)) {
    throw new UsageError(
      file
        ? `--db ${file}: no such database file (nothing was created)`
        : `${filename}: no records database yet (the configuration's database.filename; \`hotline start\` creates it, --db <file> reads another)`,
    );
  }
  const { openDatabase } = await import("../records/db.ts");
  return openDatabase(settings);
}
