import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busyCallerScenario, callerScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";

describe("trunk channel limit (real Asterisk + SIPp)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    // The test trunk allows 2 simultaneous calls.
    h = await startTestHotline({ yaml: (ports) => testConfigYaml(ports).replace("channels: 60", "channels: 2") });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("refuses the call beyond the trunk's channels as busy, and the record says why", async () => {
    const talking = runSipp({
      scenario: callerScenario([{ expectHangup: 20_000 }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller: "612000001" },
      calls: 2,
      rate: 20,
      limit: 2,
    });
    await eventually(() => h.app.calls.callsOnTrunk("test-trunk") === 2);
    const third = await runSipp({
      scenario: busyCallerScenario(),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(1),
      mediaPort: h.ports.media(1),
      service: "+34910000001",
      keys: { caller: "612000003" },
    });
    expect(third.errors, third.stdout.slice(-1500)).toBe("");
    expect(third.successful).toBe(1);
    const first = await talking;
    expect(first.successful).toBe(2);

    const refused = await eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: "612000003" }).first();
      return row?.ended_at ? row : undefined;
    });
    expect(refused.outcome).toBe("busy");
    expect(refused.outcome_detail).toBe("trunk test-trunk at its 2-channel limit");
    expect(refused.answered_at).toBeNull();
    expect(refused.hangup_cause).toBe(17); // user busy
    // Their records close as their journeys end, a moment after SIPp saw the BYE.
    const served = await eventually(async () => {
      const rows = await h.app.db<CallRow>("calls").where({ caller_number: "612000001" });
      return rows.length === 2 && rows.every((r) => r.ended_at) ? rows : undefined;
    });
    expect(served.map((r) => r.outcome)).toEqual(["completed", "completed"]);
  });
});
