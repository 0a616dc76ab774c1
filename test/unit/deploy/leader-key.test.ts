import { describe, expect, it } from "vitest";
import { leaderKey } from "../../../src/deploy/leader-lock.ts";

describe("the leader lock's key", () => {
  it("is the same for every process of one application in one schema", () => {
    expect(leaderKey("hotline", "public")).toBe(leaderKey("hotline", "public"));
  });
  it("differs between applications and between schemas, so separate hotlines never wait on each other", () => {
    const keys = new Set([leaderKey("hotline", "public"), leaderKey("hotline2", "public"), leaderKey("hotline", "b")]);
    expect(keys.size).toBe(3);
  });
  it("is a signed 64-bit integer, as pg_try_advisory_lock(bigint) takes", () => {
    const key = BigInt(leaderKey("hotline", "public"));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });
});
