import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { OperatorSettings } from "../../config/index.ts";

export interface DeskPhone {
  /** Asterisk can call it: registered (endpoint online) or a static contact configured. */
  reachable: boolean;
  /** Channels on the phone that are not the ACD's own legs: a call outside the ACD (device state busy). */
  busyOutside: boolean;
}

/**
 * Every operator's desk phone in one request (GET /endpoints/PJSIP): reachable, and in use outside
 * the ACD. `ours` are the channel ids of legs the ACD originated, which don't make a phone busy.
 */
export async function deskPhones(
  ari: AriResources,
  operators: Readonly<Record<string, Pick<OperatorSettings, "endpoint" | "contact">>>,
  ours: ReadonlySet<string>,
): Promise<Map<string, DeskPhone>> {
  const endpoints = await ari.endpoints.list("PJSIP");
  const byName = new Map(endpoints.map((e) => [e.resource, e]));
  const out = new Map<string, DeskPhone>();
  for (const [key, operator] of Object.entries(operators)) {
    const endpoint = byName.get(operator.endpoint);
    const reachable = endpoint !== undefined && (endpoint.state === "online" || operator.contact !== undefined);
    out.set(key, { reachable, busyOutside: (endpoint?.channel_ids ?? []).some((id) => !ours.has(id)) });
  }
  return out;
}
