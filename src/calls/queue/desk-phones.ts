import type { Endpoint } from "../../asterisk/ari/generated.ts";
import type { OperatorSettings } from "../../config/index.ts";

export interface DeskPhone {
  /** Asterisk can call it: registered (endpoint online) or a static contact configured. */
  reachable: boolean;
  /** Channels on the phone that are not the ACD's own legs: a call outside the ACD (device state busy). */
  busyOutside: boolean;
}

type Operators = Readonly<Record<string, Pick<OperatorSettings, "endpoint" | "contact">>>;

/** One operator's desk phone as its endpoint says; `ours` are the channel ids of the ACD's own legs. */
export function deskPhone(
  operator: Pick<OperatorSettings, "contact">,
  endpoint: Pick<Endpoint, "state" | "channel_ids"> | undefined,
  ours: ReadonlySet<string>,
): DeskPhone {
  const reachable = endpoint !== undefined && (endpoint.state === "online" || operator.contact !== undefined);
  return { reachable, busyOutside: (endpoint?.channel_ids ?? []).some((id) => !ours.has(id)) };
}

/** Every operator's desk phone from one list of PJSIP endpoints (GET /endpoints/PJSIP). */
export function deskPhones(
  endpoints: readonly Endpoint[],
  operators: Operators,
  ours: ReadonlySet<string>,
): Map<string, DeskPhone> {
  const byName = new Map(endpoints.map((e) => [e.resource, e]));
  const out = new Map<string, DeskPhone>();
  for (const [key, operator] of Object.entries(operators)) {
    out.set(key, deskPhone(operator, byName.get(operator.endpoint), ours));
  }
  return out;
}

/** The operators whose desk phone is this endpoint (usually one). */
export function operatorsOn(endpoint: string, operators: Operators): string[] {
  return Object.entries(operators)
    .filter(([, o]) => o.endpoint === endpoint)
    .map(([key]) => key);
}
