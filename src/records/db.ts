import knex, { type Knex } from "knex";
import { migrationSource } from "./migrations/index.ts";
import { privateFile } from "./private-files.ts";

export type { Knex };

export interface DatabaseSettings {
  client: "sqlite" | "pg";
  /** SQLite file (absolute). */
  filename?: string;
  /** PostgreSQL connection string. */
  connection?: string;
  /**
   * How long a write waits for another connection's lock before failing (SQLite busy_timeout, PostgreSQL
   * lock_timeout). Default: 5 s for SQLite, PostgreSQL's own (wait forever). The record writer retries a
   * failed batch, so a short wait is safe; tests use it to make a locked database fail fast.
   */
  lockTimeoutMs?: number;
}

/** Open the records database and bring its schema up to date. */
export async function openDatabase(settings: DatabaseSettings): Promise<Knex> {
  const db = createKnex(settings);
  await db.migrate.latest({ migrationSource });
  return db;
}

export function createKnex(settings: DatabaseSettings): Knex {
  if (settings.client === "pg") {
    if (!settings.connection) throw new Error("database.connection is required for PostgreSQL");
    const options = settings.lockTimeoutMs === undefined ? undefined : `-c lock_timeout=${settings.lockTimeoutMs}`;
    return knex({
      client: "pg",
      connection: { connectionString: settings.connection, ...(options ? { options } : {}) },
      pool: { min: 0, max: 10 },
    });
  }
  if (!settings.filename) throw new Error("database.filename is required for SQLite");
  // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
  if (settings.filename !== ":memory:") privateFile(settings.filename);
  return knex({
    client: "sqlite3",
    connection: { filename: settings.filename },
    useNullAsDefault: true,
    pool: {
      // One connection: SQLite serialises writers anyway, and one connection keeps PRAGMAs in force.
      min: 1,
      max: 1,
      afterCreate: (
        conn: { run(sql: string, cb: (err: Error | null) => void): void },
        done: (err: Error | null) => void,
      ) => {
        // WAL lets the report and the CLI read while the app writes; busy_timeout rides out their locks.
        conn.run("PRAGMA journal_mode = WAL", (err) => {
          if (err) return done(err);
          conn.run(`PRAGMA busy_timeout = ${Math.max(0, Math.round(settings.lockTimeoutMs ?? 5000))}`, (err2) => {
            if (err2) return done(err2);
            conn.run("PRAGMA synchronous = NORMAL", done);
          });
        });
      },
    },
  });
}
