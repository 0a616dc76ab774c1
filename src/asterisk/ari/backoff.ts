/** Full-jitter exponential backoff: spreads reconnects of many apps so they don't stampede a restarted Asterisk. */
export function backoffDelay(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.round(minMs / 2 + random() * Math.max(0, ceiling - minMs / 2));
}
