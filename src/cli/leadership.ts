import type { HotlineConfig } from "../config/index.ts";
import { acquireLeaderLock, type LeaderLock } from "../deploy/leader-lock.ts";
import type { Logger } from "../logger.ts";
import { UsageError } from "./errors.ts";

/**
 * Before `hotline start` touches Asterisk: on PostgreSQL, become the one app that drives it (a
 * standby waits for the leader to go; without --standby a second app refuses to start). SQLite
 * lives on one machine, so there is no one to stand by for: no lock.
 */
export async function takeLead(
  config: HotlineConfig,
  options: { standby: boolean; logger: Logger },
): Promise<LeaderLock | undefined> {
  const { database } = config;
  if (database.client !== "pg" || !database.connection) {
    if (options.standby)
      throw new UsageError("--standby needs database.client: pg (the leader lock is kept in PostgreSQL)");
    return undefined;
  }
  const lock = await acquireLeaderLock({
    connection: database.connection,
    app: config.asterisk.app,
    wait: options.standby,
    onWaiting: (holder) => options.logger.info({ holder }, "standby: another app leads; waiting to take over"),
  });
  options.logger.info({ leader: lock.name }, "leading: this app drives Asterisk");
  return lock;
}
