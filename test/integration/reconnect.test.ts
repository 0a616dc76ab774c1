import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline } from "../support/app.ts";

describe("Asterisk goes away and comes back (real Asterisk killed mid-run)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    h = await startTestHotline();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("logs the loss, retries, reconnects by itself, closes the lost call's record and takes calls again", async () => {
    const call = (caller: string, timeoutSeconds = 30) =>
      runSipp({
        scenario: "caller-greeting.xml",
        target: `127.0.0.1:${h.ports.sip}`,
        port: h.ports.sipp(0),
        mediaPort: h.ports.media(0),
        service: "+34910000001",
        keys: { caller },
        timeoutSeconds,
      });

    // A call is in progress when Asterisk dies.
    const inFlight = call("600000001", 8);
    const live = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ caller_number: "600000001" }).first();
      return r?.answered_at ? r : undefined;
    });
    const disconnected = new Promise<string>((resolve) => h.app.ari.once("disconnected", resolve));
    await h.instance.kill();
    expect(await disconnected).toMatch(/closed/);
    expect(h.app.ari.isConnected).toBe(false);
    await eventually(() => h.logs.some((l) => l.level === 40 && l.msg === "ARI connection lost; reconnecting"));
    await inFlight; // SIPp gives up on its call: nobody is there to hang up.

    // Down for a while: the client keeps retrying without crashing anything.
    await new Promise((r) => setTimeout(r, 1500));
    const reconnected = new Promise<void>((resolve) => h.app.ari.once("connected", () => resolve()));
    const t0 = Date.now();
    await h.instance.start();
    await reconnected;
    // Backoff is capped at 10 s; in practice it is back well within that.
    expect(Date.now() - t0).toBeLessThan(12_000);
    expect(h.app.ari.isConnected).toBe(true);
    expect(h.logs.filter((l) => l.msg === "ARI connected").length).toBe(2);

    // The call that died with Asterisk is closed as lost, not left open forever.
    const lost = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ id: live.id }).first();
      return r?.ended_at ? r : undefined;
    });
    expect(lost.outcome).toBe("lost");

    // And the hotline answers again.
    const after = await call("600000002");
    expect(after.successful).toBe(1);
    const row = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ caller_number: "600000002" }).first();
      return r?.ended_at ? r : undefined;
    });
    expect(row.outcome).toBe("completed");
  }, 90_000);
});
