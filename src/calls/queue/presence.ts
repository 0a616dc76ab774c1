import { isGone } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { OperatorSettings } from "../../config/index.ts";

export interface DeskPhoneState {
  /** Asterisk can call it: registered (endpoint online) or a static contact configured. */
  reachable: boolean;
  /** Reachable and no call on it (ours or any other). */
  free: boolean;
}

/**
 * Whether an operator's desk phone can take a call now. Until issue #5 brings logins and states,
 * "present" means configured and reachable; every present operator takes every topic and language.
 */
export async function deskPhoneState(ari: AriResources, operator: OperatorSettings): Promise<DeskPhoneState> {
  try {
    const endpoint = await ari.client.call("GET /endpoints/{tech}/{resource}", {
      params: { tech: "PJSIP", resource: operator.endpoint },
    });
    const reachable = endpoint.state === "online" || operator.contact !== undefined;
    return { reachable, free: reachable && endpoint.channel_ids.length === 0 };
  } catch (err) {
    if (isGone(err)) return { reachable: false, free: false }; // no such endpoint in Asterisk
    throw err;
  }
}
