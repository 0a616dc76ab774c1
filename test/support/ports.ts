import { freePortBlock, PORT_RANGE } from "../../src/asterisk/sandbox/ports.ts";

/**
 * A free block of ports from this vitest worker's own share of the range: two test files running at
 * once pick from disjoint shares, so one cannot take a block the other has found free but not bound yet.
 */
export function testPortBlock(count: number): Promise<number> {
  const workers = 2;
  const pool = Number(process.env.VITEST_POOL_ID ?? "1");
  const share = Math.floor((PORT_RANGE[1] - PORT_RANGE[0]) / workers);
  const slot = (Number.isFinite(pool) && pool > 0 ? pool - 1 : 0) % workers;
  const from = PORT_RANGE[0] + slot * share;
  return freePortBlock(count, [from, from + share]);
}
