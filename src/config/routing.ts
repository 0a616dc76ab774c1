/** The part of the configuration that decides where a call on a given number goes. */
export interface RoutingConfig {
  organization: { defaultLanguage: string; languages: string[] };
  numbers: { did: string; hotline: string; campaign?: string | undefined; language?: string | undefined }[];
  hotlines: Record<string, unknown>;
}

export interface Route {
  hotline: string;
  campaign?: string;
  language: string;
  /** False when the number is not configured and the call fell back to the first hotline. */
  known: boolean;
}

/** Numbers are compared on their digits, so "+34 910 000 001" and "34910000001" are the same DID. */
export function normalizeNumber(number: string): string {
  return number.replace(/[^0-9]/g, "");
}

/**
 * DID → hotline, campaign and starting language. An unknown number still reaches the first hotline:
 * a caller is never dropped because a carrier sent an unexpected number format.
 */
export function routeCall(config: RoutingConfig, did: string): Route {
  const wanted = normalizeNumber(did);
  const number =
    config.numbers.find((n) => n.did === did) ?? config.numbers.find((n) => normalizeNumber(n.did) === wanted);
  const fallback = Object.keys(config.hotlines)[0];
  const hotline = number?.hotline ?? fallback;
  if (!hotline) throw new Error("the configuration has no hotline");
  return {
    hotline,
    campaign: number?.campaign ?? undefined,
    language: number?.language ?? config.organization.defaultLanguage,
    known: number !== undefined,
  };
}
