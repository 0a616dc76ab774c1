import type { TrunkTariff } from "../settings.ts";
import type { CallRecord } from "../types.ts";

/** Seconds the carrier connected: from the hotline's pick-up to the end (unanswered calls cost nothing). */
export function connectedSeconds(call: CallRecord): number {
  if (call.answeredAt === null || call.endedAt === null) return 0;
  return Math.max(0, (call.endedAt - call.answeredAt) / 1000);
}

/** Billed seconds: as recorded, else connected time rounded up to the trunk's billing increment. */
export function billedSeconds(call: CallRecord, tariff: TrunkTariff | undefined): number {
  if (call.billedSeconds !== null) return call.billedSeconds;
  const s = connectedSeconds(call);
  const inc = tariff?.billingIncrement ?? 1;
  return Math.ceil(s / inc) * inc;
}

/** A call's cost: as recorded (calls.cost), else billed minutes × the trunk's price per minute. */
export function callCost(call: CallRecord, tariff: TrunkTariff | undefined): number {
  if (call.cost !== null) return call.cost;
  return (billedSeconds(call, tariff) / 60) * (tariff?.costPerMinute ?? 0);
}

/** A week's share of a monthly fee: twelve months over 52 weeks. */
export function weeklyFee(tariff: TrunkTariff): number {
  return (tariff.monthlyFee * 12) / 52;
}
