/** A trunk's tariff: what one call over it costs (config `trunks[]`). */
export interface Tariff {
  /** Price of 60 billed seconds. */
  costPerMinute: number;
  currency: string;
  /** Seconds per billed unit: 60 = per started minute, 1 = per second, 6 = six-second blocks. */
  billingIncrement: number;
}

export interface CallCost {
  /** Rounded to `decimals` (cents by default). */
  cost: number;
  currency: string;
  /** Whole billed units × increment: what the carrier charges for, not what was talked. */
  billedSeconds: number;
}

/**
 * What a call costs on a trunk. Carriers bill from answer to hang-up, per started increment: the talk
 * time is rounded UP to the increment (61 s at 60 → 120 s), an unanswered call costs nothing.
 * Integer milliseconds avoid float drift in the rounding-up; the price is rounded half-up to cents.
 */
export function callCost(
  call: { answeredAt?: Date | null; endedAt?: Date | null },
  tariff: Tariff,
  options: { decimals?: number } = {},
): CallCost {
  const increment = Math.max(1, Math.round(tariff.billingIncrement));
  const talkedMs =
    call.answeredAt && call.endedAt ? Math.max(0, call.endedAt.getTime() - call.answeredAt.getTime()) : 0;
  const units = Math.ceil(talkedMs / (increment * 1000));
  const billedSeconds = units * increment;
  return {
    cost: roundHalfUp((billedSeconds * tariff.costPerMinute) / 60, options.decimals ?? 2),
    currency: tariff.currency,
    billedSeconds,
  };
}

/** Half-up rounding that is right for values like 1.005 (binary 1.00499…): shift in decimal notation. */
export function roundHalfUp(value: number, decimals: number): number {
  const text = String(value);
  // Tiny or huge values print in exponent notation already; plain arithmetic is exact enough there.
  const shifted = text.includes("e") ? Math.round(value * 10 ** decimals) : Math.round(Number(`${text}e${decimals}`));
  const result = Number(`${shifted}e-${decimals}`);
  return Object.is(result, -0) ? 0 : result;
}
