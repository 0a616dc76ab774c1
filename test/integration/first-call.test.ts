import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline } from "../support/app.ts";

describe("the first call, end to end (real Asterisk + SIPp)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    h = await startTestHotline();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("answers a trunk call, plays the greeting naming the organization, hangs up and records it", async () => {
    const before = Date.now();
    const result = await runSipp({
      scenario: "caller-greeting.xml",
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller: "600123456" },
    });
    expect(result.errors, result.stdout.slice(-2000)).toBe("");
    expect(result.code).toBe(0);
    expect(result.successful).toBe(1);
    expect(result.failed).toBe(0);

    const row = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").first();
      return r?.ended_at ? r : undefined;
    });
    expect(row.did).toBe("+34910000001");
    expect(row.caller_number).toBe("600123456");
    expect(row.trunk).toBe("test-trunk");
    expect(row.hotline).toBe("main");
    expect(row.campaign).toBe("newspaper");
    expect(row.language).toBe("en");
    expect(row.outcome).toBe("completed");
    expect(row.hangup_cause).toBe(16); // normal clearing
    expect(row.hangup_cause_text).toBe("Normal Clearing");
    const started = Date.parse(row.started_at);
    const answered = Date.parse(row.answered_at ?? "");
    const ended = Date.parse(row.ended_at ?? "");
    expect(started).toBeGreaterThanOrEqual(before - 1000);
    expect(answered).toBeGreaterThanOrEqual(started);
    expect(ended).toBeGreaterThan(answered);
    expect(ended).toBeLessThanOrEqual(Date.now());
    // The greeting is a few seconds of speech: the call lasted that long, not zero.
    expect(row.duration_seconds).toBeGreaterThan(1.5);

    const channelId = row.id;
    const mine = h.events.filter((e) => JSON.stringify(e).includes(channelId));
    const types = mine.map((e) => e.type);
    expect(types).toContain("StasisStart");
    expect(types).toContain("PlaybackStarted");
    expect(types).toContain("PlaybackFinished");
    expect(types).toContain("StasisEnd");
    const start = mine.find((e) => e.type === "StasisStart");
    expect(start && "args" in start ? start.args : []).toEqual(["inbound", "+34910000001", "test-trunk"]);
    const playback = mine.find((e) => e.type === "PlaybackStarted");
    expect(playback && "playback" in playback ? playback.playback.media_uri : "").toBe("sound:hotline/greeting-main");
    expect(types.indexOf("PlaybackFinished")).toBeLessThan(types.indexOf("StasisEnd"));
  });

  it("records a caller who hangs up during the greeting, with no error from the dead channel", async () => {
    const result = await runSipp({
      scenario: "caller-hangup.xml",
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller: "600999999" },
      pauseMs: 800,
    });
    expect(result.code, result.errors || result.stdout.slice(-2000)).toBe(0);
    expect(result.successful).toBe(1);
    const row = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ caller_number: "600999999" }).first();
      return r?.ended_at ? r : undefined;
    });
    const seen = h.events
      .filter((e) => JSON.stringify(e).includes(row.id))
      .map((e) => ({
        type: e.type,
        cause: (e as { cause?: number }).cause,
        soft: (e as { soft?: boolean }).soft,
        txt: (e as { cause_txt?: string }).cause_txt,
      }));
    expect(row.outcome, JSON.stringify(seen)).toBe("caller-hangup");
    expect(row.hangup_cause, JSON.stringify(seen)).toBe(16);
    expect(row.duration_seconds).toBeGreaterThan(0.5);
    expect(row.duration_seconds).toBeLessThan(2.5); // well before the greeting would have ended
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("takes 50 calls at 10 calls/s: every one answered, 50 records", async () => {
    const result = await runSipp({
      scenario: "caller-greeting.xml",
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(1),
      service: "+34910000002",
      keys: { caller: "611000000" },
      calls: 50,
      rate: 10,
      limit: 50,
      timeoutSeconds: 90,
    });
    expect(result.code, result.errors || result.stdout.slice(-2000)).toBe(0);
    expect(result.successful).toBe(50);
    expect(result.failed).toBe(0);

    const rows = await eventually(async () => {
      const r = await h.app.db<CallRow>("calls").where({ did: "+34910000002" }).whereNotNull("ended_at");
      return r.length === 50 ? r : undefined;
    }, 15_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
    expect(rows.every((r) => r.answered_at !== null && r.outcome === "completed")).toBe(true);
    // This number's callers start in Spanish.
    expect(rows.every((r) => r.language === "es" && r.campaign === "radio")).toBe(true);
  }, 120_000);
});
