import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, generalQueueHotline, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** One hotline with a one-key menu and a queue; Ana's desk phone; metrics on a free port. */
function yaml(ports: TestPorts): string {
  const hotline = generalQueueHotline("{ maxWait: 30, ringTimeout: 10, wrapUp: 0 }", "");
  const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
metrics: { listen: "127.0.0.1:0" }
`;
  return testConfigYaml(ports, extra, hotline);
}

describe("GET /metrics of the running hotline (real Asterisk + SIPp caller and desk phone)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function scrape(): Promise<{ contentType: string | null; text: string; lines: string[] }> {
    const res = await fetch(`http://${h.app.metrics?.address}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    return { contentType: res.headers.get("content-type"), text, lines: text.split("\n") };
  }

  /** Scrapes until a sample line is there (the gauges follow the call as it goes). */
  const sees = (line: string) => eventually(async () => (await scrape()).lines.includes(line), 15_000);

  it("a call through the queue to an operator shows in the gauges while it lasts and in the counters after", async () => {
    expect(h.app.metrics?.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const before = await scrape();
    expect(before.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const [name, type] of [
      ["hotline_calls_in_progress", "gauge"],
      ["hotline_waiting_callers", "gauge"],
      ["hotline_operators", "gauge"],
      ["hotline_rings_total", "counter"],
      ["hotline_ari_request_duration_seconds", "histogram"],
      ["hotline_record_writes_pending", "gauge"],
      ["nodejs_eventloop_lag_seconds", "gauge"],
    ]) {
      expect(before.text).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
      expect(before.lines).toContain(`# TYPE ${name} ${type}`);
    }
    expect(before.lines).toContain("hotline_calls_in_progress 0");
    expect(before.lines).toContain('hotline_rings_total{result="answered"} 0');
    await sees('hotline_operators{state="available"} 1');

    // Ana's phone rings 3 s (the caller is waiting meanwhile), she answers and talks 4 s, then hangs up.
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 3000, action: "answer", talkMs: 4000 }),
      port: h.ports.sipp(10),
      mediaPort: h.ports.media(1),
      timeoutSeconds: 40,
    });
    const caller = runSipp({
      scenario: callerScenario([{ wait: 1000 }, { press: "1" }, { expectHangup: 30_000 }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller: "613000001" },
    });
    await sees("hotline_calls_in_progress 1");
    await sees('hotline_waiting_callers{hotline="main",topic="general"} 1');
    await sees('hotline_operators{state="ringing"} 1');
    await sees('hotline_operators{state="on-call"} 1');
    for (const sipp of [await caller, await ana]) {
      expect(sipp.errors || "", sipp.stdout.slice(-1500)).toBe("");
      expect(sipp.successful).toBe(1);
    }
    const row = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ caller_number: "613000001" }).first();
      return r?.ended_at ? r : undefined;
    });
    expect(row).toMatchObject({ outcome: "answered", answered_by: "ana" });

    await sees("hotline_calls_in_progress 0");
    const after = await scrape();
    expect(after.lines).toContain('hotline_rings_total{result="answered"} 1');
    expect(after.lines).toContain('hotline_rings_total{result="no-answer"} 0');
    expect(after.lines.some((l) => l.startsWith("hotline_waiting_callers{"))).toBe(false);
    // The answer of the caller's channel was timed, under its path with the id left out.
    const answers = after.lines.find((l) =>
      l.startsWith('hotline_ari_request_duration_seconds_count{method="POST",path="/channels/:id/answer"}'),
    );
    expect(Number(answers?.split(" ")[1])).toBeGreaterThanOrEqual(1);
    expect(after.lines.some((l) => /^hotline_ari_request_duration_seconds_count\{[^}]*path="[^"]*\d{5}/.test(l))).toBe(
      false,
    );
    await h.app.records.flush();
    await sees("hotline_record_writes_pending 0");
  });
});
