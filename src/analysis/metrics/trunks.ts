import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import { billedSeconds, callCost, connectedSeconds, weeklyFee } from "./cost.ts";

export interface TrunkRow {
  trunk: string;
  channels: number | null;
  calls: number;
  /** Refused at the channel limit (busy, cause 17). */
  refusedBusy: number;
  minutes: number;
  billedMinutes: number;
  callCost: number;
  /** The week's share of the monthly fee. */
  feeCost: number;
  cost: number;
  currency: string;
}

export function byTrunk(facts: readonly CallFacts[], settings: AnalysisSettings): TrunkRow[] {
  const names = new Set<string>(settings.trunks.map((t) => t.name));
  for (const f of facts) if (f.call.trunk) names.add(f.call.trunk);
  return [...names].map((trunk) => {
    const tariff = settings.trunks.find((t) => t.name === trunk);
    const list = facts.filter((f) => f.call.trunk === trunk);
    const calls = list.reduce((s, f) => s + callCost(f.call, tariff), 0);
    const fee = tariff ? weeklyFee(tariff) : 0;
    return {
      trunk,
      channels: tariff?.channels ?? null,
      calls: list.length,
      refusedBusy: list.filter((f) => f.busy).length,
      minutes: list.reduce((s, f) => s + connectedSeconds(f.call), 0) / 60,
      billedMinutes: list.reduce((s, f) => s + billedSeconds(f.call, tariff), 0) / 60,
      callCost: calls,
      feeCost: fee,
      cost: calls + fee,
      currency: tariff?.currency ?? settings.currency,
    };
  });
}
