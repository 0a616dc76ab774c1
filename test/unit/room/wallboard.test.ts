import { describe, expect, it } from "vitest";
import { classifyCalls } from "../../../src/analysis/classify.ts";
import { queueStats } from "../../../src/analysis/metrics/queue-stats.ts";
import { settingsFromConfig } from "../../../src/analysis/settings.ts";
import {
  DEFAULT_PAUSE_MINUTES,
  plannedPauseMinutes,
  type WallboardInput,
  wallboardView,
} from "../../../src/room/wallboard.ts";
import { ago, caller, local, NOW, roomConfig, status, todayCall } from "./room-config.ts";

const config = roomConfig();

function view(input: Partial<WallboardInput> = {}) {
  return wallboardView({ config, now: NOW, statuses: [], waiting: [], today: [], trunks: [], ...input });
}

const alertsOf = (v: ReturnType<typeof view>, kind: string) => v.alerts.filter((a) => a.kind === kind);

describe("wallboard: waiting now", () => {
  it("counts the callers waiting per hotline and per topic, with the longest wait from their arrival", () => {
    const v = view({
      waiting: [
        caller("admissions", "fees", "en", 3),
        caller("admissions", "fees", "en", 1.5),
        caller("info", undefined, "en", 1),
      ],
    });
    const admissions = v.hotlines.find((h) => h.hotline === "admissions");
    expect(admissions).toMatchObject({ waitingNow: 2, longestWaitSeconds: 180 });
    expect(admissions?.topics.find((t) => t.topic === "fees")).toMatchObject({
      waitingNow: 2,
      longestWaitSeconds: 180,
    });
    expect(admissions?.topics.find((t) => t.topic === "grants")).toMatchObject({
      waitingNow: 0,
      longestWaitSeconds: null,
    });
    expect(v.hotlines.find((h) => h.hotline === "info")).toMatchObject({ waitingNow: 1, longestWaitSeconds: 60 });
  });

  it("lists hotlines in configuration order; topics in menu order, then others seen today; no-topic only where it occurs", () => {
    const v = view({
      today: [todayCall("answered", 5, { topic: "other-topic" })],
      waiting: [caller("info", undefined, "en", 1)],
    });
    expect(v.hotlines.map((h) => h.hotline)).toEqual(["admissions", "info"]);
    expect(v.hotlines[0]?.topics.map((t) => t.topic)).toEqual(["fees", "grants", "other-topic"]);
    expect(v.hotlines[1]?.topics.map((t) => t.topic)).toEqual([null]);
  });
});

describe("wallboard: today's figures use the weekly report's definitions", () => {
  const today = [
    todayCall("answered", 10),
    todayCall("answered", 15),
    todayCall("answered", 45),
    todayCall("abandoned", 60),
    todayCall("abandoned", 2), // a short abandon: not counted as abandoned
    todayCall("answered", 5, { topic: "grants" }),
  ];

  it("service level = answered within serviceLevelSeconds (20 s) / answered; abandon rate leaves short abandons out", () => {
    const admissions = view({ today }).hotlines[0];
    expect(admissions).toMatchObject({ answeredToday: 4, offeredToday: 6, abandonedToday: 1, serviceLevel: 0.75 });
    expect(admissions?.abandonRate).toBeCloseTo(1 / 5);
    expect(admissions?.topics.find((t) => t.topic === "fees")).toMatchObject({ answeredToday: 3, serviceLevel: 2 / 3 });
    expect(admissions?.topics.find((t) => t.topic === "grants")).toMatchObject({ answeredToday: 1, serviceLevel: 1 });
  });

  it("gives the same numbers as classifyCalls + queueStats over the same calls", () => {
    const settings = settingsFromConfig(config);
    const stats = queueStats(classifyCalls(today, settings), settings);
    expect(view({ today }).hotlines[0]).toMatchObject({
      answeredToday: stats.answered,
      offeredToday: stats.offered,
      serviceLevel: stats.serviceLevel,
      abandonRate: stats.abandonRate,
    });
  });

  it("a caller still waiting counts in waitingNow, not yet among today's offered calls", () => {
    const admissions = view({
      today: [todayCall("waiting", 0, { queuedAt: "10:58" })],
      waiting: [caller("admissions", "fees", "en", 2)],
    }).hotlines[0];
    expect(admissions).toMatchObject({ waitingNow: 1, offeredToday: 0, abandonRate: null, serviceLevel: null });
  });
});

describe("wallboard: operators", () => {
  it("lists every configured operator in configuration order, with the time in state; one the ACD does not know is logged out", () => {
    const v = view({
      statuses: [
        status("ben", "on-call", 2, { call: { callId: "t-call", hotline: "admissions" }, callsToday: 4 }),
        status("ana", "available", 10),
      ],
      today: [todayCall("answered", 3, { id: "t-call", topic: "grants" })],
    });
    expect(v.operators.map((o) => [o.operator, o.state, o.secondsInState])).toEqual([
      ["ana", "available", 600],
      ["ben", "on-call", 120],
      ["carla", "logged-out", null],
      ["dan", "logged-out", null],
    ]);
    expect(v.operators[1]).toMatchObject({
      name: "Ben",
      since: ago(2).toISOString(),
      callsToday: 4,
      call: { callId: "t-call", hotline: "admissions", topic: "grants" },
    });
  });

  describe("paused longer than planned is highlighted", () => {
    const paused = (
      operator: string,
      reason: "lunch" | "break" | "training" | "other" | "missed-calls",
      minutes: number,
    ) =>
      view({ statuses: [status(operator, "paused", minutes, { reason })] }).operators.find(
        (o) => o.operator === operator,
      );

    it("lunch: as long as the operator's roster lunch (ana: 30 min)", () => {
      expect(paused("ana", "lunch", 29)).toMatchObject({ plannedPauseMinutes: 30, pausedTooLong: false });
      expect(paused("ana", "lunch", 31)).toMatchObject({ plannedPauseMinutes: 30, pausedTooLong: true });
    });

    it("break: as long as the roster break nearest the pause start", () => {
      const cfg = config;
      expect(plannedPauseMinutes(cfg, "ana", "break", local("10:25"))).toBe(15); // 10:30-10:45
      expect(plannedPauseMinutes(cfg, "ana", "break", local("14:58"))).toBe(10); // 15:00-15:10
      expect(plannedPauseMinutes(cfg, "ana", "break", local("20:00"))).toBe(10); // 15:00 is nearer than 10:30
      // Paused at 10:49 (11 minutes before NOW): the 10:30 break, 15 minutes planned.
      expect(paused("ana", "break", 11)).toMatchObject({ plannedPauseMinutes: 15, pausedTooLong: false });
    });

    it("without a roster: lunch 45 min, break 15, training 60, other 15", () => {
      expect(DEFAULT_PAUSE_MINUTES).toMatchObject({ lunch: 45, break: 15, training: 60, other: 15 });
      expect(paused("dan", "lunch", 44)).toMatchObject({ plannedPauseMinutes: 45, pausedTooLong: false });
      expect(paused("dan", "lunch", 46)?.pausedTooLong).toBe(true);
      expect(paused("dan", "break", 16)?.pausedTooLong).toBe(true);
      expect(paused("dan", "training", 59)?.pausedTooLong).toBe(false);
      expect(paused("dan", "training", 61)?.pausedTooLong).toBe(true);
      expect(paused("dan", "other", 16)?.pausedTooLong).toBe(true);
    });

    it("missed-calls: always highlighted after 5 minutes, whatever the roster", () => {
      expect(paused("ana", "missed-calls", 4)?.pausedTooLong).toBe(false);
      expect(paused("ana", "missed-calls", 6)).toMatchObject({ plannedPauseMinutes: 5, pausedTooLong: true });
    });

    it("an operator not paused is never highlighted", () => {
      expect(view({ statuses: [status("dan", "on-call", 120)] }).operators[3]).toMatchObject({
        pausedTooLong: false,
        plannedPauseMinutes: null,
      });
    });
  });
});

describe("wallboard alerts", () => {
  describe("understaffed: callers waiting and fewer qualified operators in (logged in, not paused) than callers", () => {
    it("two English callers for fees and one qualified operator available: understaffed", () => {
      const v = view({
        waiting: [caller("admissions", "fees", "en", 2), caller("admissions", "fees", "en", 1)],
        statuses: [status("ben", "available")],
      });
      expect(alertsOf(v, "understaffed")).toEqual([
        { kind: "understaffed", hotline: "admissions", topic: "fees", language: "en", waiting: 2, qualified: 1 },
      ]);
    });

    it("as many qualified operators as callers (on a call, ringing or in wrap-up count too): no alert", () => {
      const v = view({
        waiting: [caller("admissions", "fees", "en", 2), caller("admissions", "fees", "en", 1)],
        statuses: [status("ben", "wrap-up"), status("ana", "on-call")],
      });
      expect(alertsOf(v, "understaffed")).toEqual([]);
    });

    it("a paused or logged-out operator does not count", () => {
      const v = view({
        waiting: [caller("admissions", "fees", "en", 1)],
        statuses: [status("ben", "paused", 1, { reason: "break" }), status("ana", "logged-out")],
      });
      expect(alertsOf(v, "understaffed")).toMatchObject([{ topic: "fees", waiting: 1, qualified: 0 }]);
    });

    it("an operator without the topic's competence does not count (dan has no finance)", () => {
      const v = view({ waiting: [caller("admissions", "fees", "en", 1)], statuses: [status("dan", "available")] });
      expect(alertsOf(v, "understaffed")).toMatchObject([{ qualified: 0 }]);
    });

    it("a Spanish caller with only English speakers in is understaffed, however many they are", () => {
      const v = view({
        waiting: [caller("admissions", "grants", "es", 1)],
        statuses: [status("ben", "available"), status("dan", "available")],
      });
      expect(alertsOf(v, "understaffed")).toMatchObject([{ topic: "grants", language: "es", qualified: 0 }]);
      const withCarla = view({
        waiting: [caller("admissions", "grants", "es", 1)],
        statuses: [status("carla", "available")],
      });
      expect(alertsOf(withCarla, "understaffed")).toEqual([]);
    });

    it("a caller without a topic needs only the language", () => {
      const v = view({ waiting: [caller("info", undefined, "en", 1)], statuses: [status("dan", "available")] });
      expect(alertsOf(v, "understaffed")).toEqual([]);
    });

    it("nobody waiting: no alert, even with nobody logged in", () => {
      expect(alertsOf(view(), "understaffed")).toEqual([]);
    });
  });

  describe("service level below analysis.serviceLevelTarget (80 %), once at least 5 calls were answered", () => {
    const slow = (n: number) => Array.from({ length: n }, () => todayCall("answered", 40));
    const fast = (n: number) => Array.from({ length: n }, () => todayCall("answered", 5));

    it("5 answered, 3 of them within 20 s (60 %): alert", () => {
      expect(alertsOf(view({ today: [...fast(3), ...slow(2)] }), "service-level")).toEqual([
        { kind: "service-level", hotline: "admissions", serviceLevel: 0.6, target: 0.8, answered: 5 },
      ]);
    });

    it("4 answered, none within target: too few to say, no alert", () => {
      expect(alertsOf(view({ today: slow(4) }), "service-level")).toEqual([]);
    });

    it("at the target (4 of 5 within 20 s): no alert", () => {
      expect(alertsOf(view({ today: [...fast(4), ...slow(1)] }), "service-level")).toEqual([]);
    });

    it("follows the configured target", () => {
      const strict = roomConfig({ analysis: { serviceLevelTarget: 0.9 } });
      const v = wallboardView({
        config: strict,
        now: NOW,
        statuses: [],
        waiting: [],
        trunks: [],
        today: [...fast(4), ...slow(1)],
      });
      expect(alertsOf(v, "service-level")).toMatchObject([{ serviceLevel: 0.8, target: 0.9 }]);
    });
  });

  it("trunk-limit: a trunk with as many channels in use as its limit (or more)", () => {
    const v = view({
      trunks: [
        { name: "main", inUse: 4, limit: 4 },
        { name: "backup", inUse: 1, limit: 2 },
      ],
    });
    expect(v.trunks).toEqual([
      { name: "main", inUse: 4, limit: 4, atLimit: true },
      { name: "backup", inUse: 1, limit: 2, atLimit: false },
    ]);
    expect(alertsOf(v, "trunk-limit")).toEqual([{ kind: "trunk-limit", trunk: "main", inUse: 4, limit: 4 }]);
  });
});

it("the view is plain JSON: instants as ISO strings, it survives a round trip unchanged", () => {
  const v = view({
    statuses: [status("ana", "paused", 3, { reason: "break", pending: { kind: "logout" } })],
    waiting: [caller("admissions", "fees", "en", 1)],
    today: [todayCall("answered", 3)],
    trunks: [{ name: "main", inUse: 1, limit: 4 }],
  });
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  expect(v.at).toBe(NOW.toISOString());
  expect(v.operators[0]?.pending).toEqual({ kind: "logout" });
});
