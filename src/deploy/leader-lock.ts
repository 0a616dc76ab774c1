import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/**
 * Which of several `hotline start` processes drives Asterisk: the one holding a PostgreSQL advisory
 * lock. The lock lives as long as its database session, so a leader that dies (killed, its machine
 * gone) lets it go by itself, and a standby polling for it takes over.
 */
export interface LeaderLockOptions {
  /** PostgreSQL connection string (the records database). */
  connection: string;
  /** The ARI application name: one leader per application and schema of the database. */
  app: string;
  /** Wait for the lock (a standby), or give up at once when another process holds it. */
  wait: boolean;
  /** How often a standby asks for the lock; how often the leader checks its session is alive. */
  pollMs?: number;
  /** Called once when the lock is held by another process and this one waits. */
  onWaiting?: (holder: string | undefined) => void;
}

export class LeaderHeld extends Error {
  constructor(readonly holder: string | undefined) {
    super(
      `another hotline app leads${holder ? ` (${holder})` : ""}; start this one with --standby to take over when it goes`,
    );
    this.name = "LeaderHeld";
  }
}

export interface LeaderLock {
  /** Settles when the lock can no longer be trusted (the session failed or ended): stop driving at once. */
  readonly lost: Promise<Error>;
  /** Who this process says it is to the others (its session's application_name). */
  readonly name: string;
  release(): Promise<void>;
}

/** The advisory lock's 64-bit key for an application within a schema. */
export function leaderKey(app: string, schema: string): string {
  return createHash("sha256").update(`hotline-leader\0${schema}\0${app}`).digest().readBigInt64BE(0).toString();
}

export async function acquireLeaderLock(options: LeaderLockOptions): Promise<LeaderLock> {
  const pollMs = options.pollMs ?? 500;
  const name = `hotline ${options.app} ${hostname()} pid ${process.pid}`.slice(0, 63);
  const client = new pg.Client({
    connectionString: options.connection,
    application_name: name,
    keepAlive: true,
    keepAliveInitialDelayMillis: 1000,
  });
  let failure: Error | undefined;
  let settleLost: (err: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => {
    settleLost = (err) => {
      failure ??= err;
      resolve(failure);
    };
  });
  client.on("error", (err) => settleLost(err));
  client.on("end", () => settleLost(new Error("the leader lock's database session ended")));
  await client.connect();
  try {
    // The server notices a leader's machine gone silent within seconds, not the two hours of TCP's default.
    await client.query("SET tcp_keepalives_idle = 2; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 2");
    const schema = (await client.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s ?? "public";
    const key = leaderKey(options.app, schema);
    let waiting = false;
    for (;;) {
      if (failure) throw failure;
      const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
      if (got.rows[0]?.ok) break;
      if (!options.wait) throw new LeaderHeld(await holderOf(client, key));
      if (!waiting) {
        waiting = true;
        options.onWaiting?.(await holderOf(client, key));
      }
      await sleep(pollMs);
    }
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  // A session that stops answering (the server or the network gone) is as good as lost.
  const heartbeat = setInterval(() => {
    const check = client.query("SELECT 1");
    const late = sleep(pollMs * 4, "late" as const, { ref: false });
    Promise.race([check.then(() => "ok" as const), late]).then(
      (r) => {
        if (r === "late") settleLost(new Error("the leader lock's database session stopped answering"));
      },
      (err: Error) => settleLost(err),
    );
  }, pollMs);
  heartbeat.unref();
  return {
    lost,
    name,
    async release() {
      clearInterval(heartbeat);
      failure ??= new Error("released");
      await client.end().catch(() => undefined);
    },
  };
}

/** The application_name of the session holding the key, when PostgreSQL lets us see it. */
async function holderOf(client: pg.Client, key: string): Promise<string | undefined> {
  const k = BigInt(key);
  const classid = Number((k >> 32n) & 0xffffffffn);
  const objid = Number(k & 0xffffffffn);
  const r = await client.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2 LIMIT 1`,
    [classid, objid],
  );
  return r.rows[0]?.name || undefined;
}
