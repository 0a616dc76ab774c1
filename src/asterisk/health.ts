import type { AmiClient } from "./ami/client.ts";

export interface TrunkHealth {
  name: string;
  /** Asterisk's device state ("Not in use", "In use", "Unavailable"…), or "not configured" if Asterisk has no such endpoint. */
  state: string;
}

export interface AsteriskHealth {
  version: string;
  /** Seconds since Asterisk started; undefined if CoreStatus didn't say (or said something unparsable). */
  uptimeSeconds?: number;
  currentCalls: number;
  trunks: TrunkHealth[];
}

export const TRUNK_NOT_CONFIGURED = "not configured";

/**
 * What `hotline asterisk status` shows: version, uptime, calls in progress and each trunk's state, from
 * three AMI round trips (CoreSettings, CoreStatus, PJSIPShowEndpoints) issued together.
 */
export async function asteriskHealth(
  ami: Pick<AmiClient, "coreVersion" | "coreStatus" | "listEndpoints">,
  trunkNames: string[],
  now: () => Date = () => new Date(),
): Promise<AsteriskHealth> {
  const [version, status, endpoints] = await Promise.all([ami.coreVersion(), ami.coreStatus(), ami.listEndpoints()]);
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  const health: AsteriskHealth = {
    version,
    currentCalls: status.currentCalls,
    trunks: trunkNames.map((name) => ({ name, state: byName.get(name)?.deviceState ?? TRUNK_NOT_CONFIGURED })),
  };
  if (status.startup)
    health.uptimeSeconds = Math.max(0, Math.round((now().getTime() - status.startup.getTime()) / 1000));
  return health;
}
