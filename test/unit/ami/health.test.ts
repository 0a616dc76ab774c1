import { describe, expect, it } from "vitest";
import { asteriskHealth } from "../../../src/asterisk/health.ts";

describe("asteriskHealth", () => {
  const fake = (startup?: Date) => ({
    coreVersion: async () => "22.10.1",
    coreStatus: async () => ({ startup, currentCalls: 2 }),
    listEndpoints: async () => [
      { name: "trunk-a", deviceState: "Not in use", activeChannels: 0 },
      { name: "trunk-b", deviceState: "Unavailable", activeChannels: 0 },
      { name: "op1", deviceState: "In use", activeChannels: 1 },
    ],
  });

  it("composes version, uptime, calls and the listed trunks' states", async () => {
    const now = new Date(2026, 0, 1, 12, 0, 0);
    const health = await asteriskHealth(
      fake(new Date(2026, 0, 1, 11, 0, 0)),
      ["trunk-b", "trunk-a", "gone"],
      () => now,
    );
    expect(health).toEqual({
      version: "22.10.1",
      uptimeSeconds: 3600,
      currentCalls: 2,
      trunks: [
        { name: "trunk-b", state: "Unavailable" },
        { name: "trunk-a", state: "Not in use" },
        { name: "gone", state: "not configured" },
      ],
    });
  });

  it("omits the uptime when Asterisk didn't give a startup time, and never reports it negative", async () => {
    expect((await asteriskHealth(fake(), [])).uptimeSeconds).toBeUndefined();
    const future = new Date(Date.now() + 60_000);
    expect((await asteriskHealth(fake(future), [])).uptimeSeconds).toBe(0);
  });
});
