/** a / b, or null when there is nothing to divide by (a rate of nothing is not 0 %). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export function mean(values: readonly number[]): number | null {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** Rounded for reports: money to cents, rates to 4 decimals; a null stays null. */
export function round(value: number | null, decimals = 2): number | null {
  if (value === null) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
