/**
 * Competence tiers, like Asterisk's penalties with rising limits: a caller is first offered only the
 * best-skilled operators for the topic; each `widenAfter` seconds of waiting opens the next lower
 * level. Tiers are the distinct levels of the operators who are present (logged in, not paused),
 * so a caller never waits for a level nobody on duty has.
 */

/** Distinct levels, best first. */
export function tiers(levels: Iterable<number>): number[] {
  return [...new Set(levels)].sort((a, b) => b - a);
}

/** The lowest level open to a caller who has waited `waitedSeconds`; undefined when there are no tiers. */
export function levelFloor(
  tierLevels: readonly number[],
  waitedSeconds: number,
  widenAfter: number,
): number | undefined {
  if (tierLevels.length === 0) return undefined;
  const open = widenAfter <= 0 ? tierLevels.length : 1 + Math.floor(Math.max(0, waitedSeconds) / widenAfter);
  return tierLevels[Math.min(open, tierLevels.length) - 1];
}
