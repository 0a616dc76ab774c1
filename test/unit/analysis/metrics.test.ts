import { describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { classifyCalls } from "../../../src/analysis/classify.ts";
import type { CallOutcome } from "../../../src/records/outcome.ts";
import { call, plus, SETTINGS } from "./fixtures.ts";
import { c1, c2, c3, c4, c5, c8, c9, c10, weekData } from "./week-w47.ts";

const a = analyzeWeek(weekData(), SETTINGS);
const s = a.summary;

describe("queue metrics of a hand-computed week", () => {
  it("counts calls received, offered, answered and abandoned (short abandons apart)", () => {
    expect(s.received).toBe(15); // c1…c15; c16 started the week before
    expect(s.offered).toBe(8); // queued: c1 c2 c3 c4 c5 c8 c9 c10
    expect(s.answered).toBe(3); // c1 c2, and c9 after a transfer
    expect(s.abandoned).toBe(2); // c4 (60 s), c5 (15 s, outcome caller-hangup while queued)
    expect(s.shortAbandons).toBe(1); // c3 (3 s)
    expect(s.abandonRate).toBeCloseTo(2 / 7); // 2 / (8 − 1)
    expect(s.overflowed).toBe(1); // c8
    expect(s.waitingAtClosing).toBe(1); // c10
  });

  it("computes both service levels, ASA and the longest wait", () => {
    expect(s.answeredWithinTarget).toBe(1); // c1 (10 s); c2 30 s, c9 330 s
    expect(s.serviceLevel).toBeCloseTo(1 / 3);
    expect(s.abandonedAfterTarget).toBe(1); // c4 (60 s); c5's 15 s is within T
    expect(s.serviceLevelWithAbandons).toBeCloseTo(1 / 4);
    expect(s.asa).toBeCloseTo((10 + 30 + 330) / 3);
    expect(s.longestWait).toBe(600); // c8
  });

  it("measures the wait of a transferred call from its first queue to the operator", () => {
    const [f] = classifyCalls([c9], SETTINGS);
    expect(f?.answered).toBe(true);
    expect(f?.overflowed).toBe(false);
    expect(f?.wait).toBe(330);
    expect(a.overflow.answeredAfterTransfer).toBe(1);
  });

  it("computes AHT as talk plus each hotline's wrap-up", () => {
    expect(a.handling.talk).toBeCloseTo((300 + 120 + 300) / 3);
    expect(a.handling.aht).toBeCloseTo((310 + 130 + 320) / 3); // admissions 10 s, exams 20 s
    expect(a.handling.wrapUp).toBeCloseTo(40 / 3);
  });

  it("uses the wrap-up the ACD measured after a call over the configured one", () => {
    const [configured] = classifyCalls([c9], SETTINGS);
    const [measured] = classifyCalls([{ ...c9, wrapUpSeconds: 47 }], SETTINGS);
    expect(measured?.handle).toBe((configured?.talk ?? 0) + 47);
    expect(configured?.handle).not.toBe(measured?.handle);
  });

  it("classifies the outcomes of single calls", () => {
    const f = classifyCalls([c1, c2, c3, c4, c5, c8, c10], SETTINGS);
    expect(f.map((x) => [x.answered, x.abandoned, x.shortAbandon, x.overflowed, x.waitingAtClosing])).toEqual([
      [true, false, false, false, false],
      [true, false, false, false, false],
      [false, false, true, false, false],
      [false, true, false, false, false],
      [false, true, false, false, false],
      [false, false, false, true, false],
      [false, false, false, false, true],
    ]);
  });

  it("treats a queue event 'closing' like an outcome that says the hotline closed", () => {
    const quiet = { ...c5, id: "q1", outcome: { kind: "voicemail", context: "closed" } as const };
    const [f] = classifyCalls([quiet], SETTINGS, [
      { callId: "q1", hotline: "admissions", at: c5.startedAt, event: "closing", operator: null, detail: null },
    ]);
    expect(f?.waitingAtClosing).toBe(true);
  });
});

describe("volume by day and hour", () => {
  it("puts each call on the local day it started (across midnight and the week's end)", () => {
    expect(a.callsPerDay.map((d) => d.received)).toEqual([6, 1, 3, 4, 0, 0, 1]);
    expect(a.callsPerDay.map((d) => d.date)).toEqual([
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ]);
    expect(a.callsPerDay[0]).toMatchObject({ offered: 5, answered: 2, abandoned: 2, afterHours: 1, serviceLevel: 0.5 });
  });

  it("fills the 7×24 heatmap by local hour", () => {
    const cells: [number, number, number][] = [];
    a.heatmap.calls.forEach((row, d) => {
      row.forEach((n, h) => {
        if (n > 0) cells.push([d, h, n]);
      });
    });
    expect(cells).toEqual([
      [0, 9, 5],
      [0, 20, 1],
      [1, 23, 1],
      [2, 10, 1],
      [2, 11, 1],
      [2, 13, 1],
      [3, 9, 4],
      [6, 23, 1],
    ]);
  });

  it("counts operators on shift per hour from the rosters, minus lunch and breaks", () => {
    const mon = a.heatmap.operatorsOnShift[0] as number[];
    // María 08:30–15:30 (breaks 10:30–10:45, 12:00–12:10, lunch 13:00–13:30); John 11:00–19:00 (lunch 14–15).
    expect(mon.slice(8, 20)).toEqual([0.5, 1, 0.75, 2, 1.83, 1.5, 1, 1.5, 1, 1, 1, 0]);
    const sat = a.heatmap.operatorsOnShift[5] as number[];
    expect(sat.slice(8, 15)).toEqual([0, 1, 1, 1, 1, 1, 0]);
    expect(a.heatmap.operatorsRostered[0]?.[10]).toBe(1); // the break still counts as rostered
  });

  it("computes service level by hour of day", () => {
    expect(a.serviceLevelByHour[9]).toEqual({
      hour: 9,
      offered: 5,
      answered: 2,
      answeredWithinTarget: 1,
      serviceLevel: 0.5,
    });
    expect(a.serviceLevelByHour[11]?.serviceLevel).toBe(0);
    expect(a.serviceLevelByHour[3]?.serviceLevel).toBeNull();
  });

  it("lists outcomes, most frequent first", () => {
    expect(a.outcomes.slice(0, 2)).toEqual([
      { outcome: "caller-hangup", calls: 4, share: 4 / 15 },
      { outcome: "answered", calls: 3, share: 3 / 15 }, // c1 c2 c9
    ]);
    expect(a.outcomes.reduce((n, o) => n + o.calls, 0)).toBe(15);
  });
});

describe("operators", () => {
  const maria = a.operators.find((o) => o.operator === "maria");
  const john = a.operators.find((o) => o.operator === "john");

  it("computes occupancy from handle time over logged-in time minus pauses", () => {
    expect(maria?.callsAnswered).toBe(2); // c1 and c9
    expect(maria?.handleSeconds).toBe(310 + 320);
    expect(maria?.loggedInSeconds).toBe(7 * 3600);
    expect(maria?.pausedSeconds).toBe(45 * 60);
    expect(maria?.occupancy).toBeCloseTo(630 / (25200 - 2700));
    expect(john?.occupancy).toBeNull(); // no session data
  });

  it("computes adherence against the roster's planned time", () => {
    // Planned 365 min × 5 days; on Monday María was available for all of it but the unplanned 11:00–11:30.
    expect(maria?.plannedSeconds).toBe(5 * 365 * 60);
    expect(maria?.adheringSeconds).toBe(335 * 60);
    expect(maria?.adherence).toBeCloseTo(335 / (5 * 365));
    // John: 5 × (8 h − 1 h lunch) + Saturday 5 h, never logged in.
    expect(john?.plannedSeconds).toBe((5 * 7 + 5) * 3600);
    expect(john?.adherence).toBe(0);
  });

  it("sums pauses by reason", () => {
    expect(a.pauses).toEqual([
      { reason: "missed-calls", pauses: 1, planned: 0, unplanned: 1, seconds: 1800 },
      { reason: "break", pauses: 1, planned: 1, unplanned: 0, seconds: 900 },
    ]);
  });
});

describe("demand outside the queue", () => {
  it("counts after-hours calls by hour and day", () => {
    expect(a.afterHours.calls).toBe(3); // c6, c7, c15
    expect(a.afterHours.share).toBeCloseTo(3 / 15);
    expect(a.afterHours.byHour[20]).toBe(1);
    expect(a.afterHours.byHour[23]).toBe(2);
    expect(a.afterHours.byDay).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(a.afterHours.voicemails).toBe(1);
  });

  it("counts callers waiting at closing time", () => {
    expect(a.waitingAtClosing).toEqual({ calls: 1, byHotline: [{ hotline: "admissions", calls: 1 }], longestWait: 60 });
  });

  it("counts overflow to the outside centre", () => {
    expect(a.overflow).toMatchObject({ calls: 1, share: 1 / 8, toOutside: 1 });
    expect(a.overflow.byTarget).toEqual([{ target: "+34911000000", calls: 1 }]);
  });

  it("finds repeat callers within 24 h, last week's calls included, anonymous excluded", () => {
    expect(a.repeatCallers).toEqual({ repeatCalls: 2, repeatCallers: 2, identifiedCalls: 14, share: 2 / 14 });
  });

  it("shows the journey as a funnel of hang-ups", () => {
    // 15 calls − 3 after hours − 1 busy = 11 journeys.
    expect(a.menuDropoff).toEqual([
      { step: "greeting-language", reached: 11, hungUp: 1, rate: 1 / 11 }, // c12
      { step: "menu", reached: 10, hungUp: 1, rate: 1 / 10 }, // c11
      { step: "prepared-answer", reached: 9, hungUp: 1, rate: 1 / 9 }, // c13
      { step: "queue", reached: 8, hungUp: 3, rate: 3 / 8 }, // c3 c4 c5
    ]);
  });
});

describe("breakdowns and money", () => {
  it("breaks the queue down by topic and language", () => {
    expect(a.byTopic.find((t) => t.key === "admissions")).toMatchObject({ received: 3, offered: 2, answered: 2 });
    expect(a.byTopic.find((t) => t.key === "fees")).toMatchObject({ received: 1, answered: 1, serviceLevel: 0 });
    expect(a.byLanguage.find((l) => l.key === "es")).toMatchObject({ received: 1, answered: 1 });
    expect(a.byHotline.find((h) => h.key === "exams")).toMatchObject({ offered: 1, answered: 1 });
  });

  it("costs each campaign and its answered calls", () => {
    const radio = a.byCampaign.find((c) => c.campaign === "radio");
    expect(radio).toMatchObject({ received: 4, afterHours: 2, afterHoursShare: 0.5, answered: 1, abandoned: 1 });
    expect(radio?.dids).toEqual(["+34910000002"]);
    expect(radio?.afterHoursByDay).toEqual([1, 1, 0, 0, 0, 0, 0]);
    // c2 179 s per second at 0.02 + c4 2 min + c6 1 min + c7 4 min at 0.012
    expect(radio?.cost).toBeCloseTo((179 / 60) * 0.02 + 7 * 0.012, 6);
    expect(radio?.costPerAnsweredCall).toBeCloseTo(radio?.cost ?? 0, 6);
    expect(a.byCampaign.find((c) => c.campaign === "main")?.received).toBe(11);
  });

  it("sums minutes and cost per trunk, with the week's share of the monthly fee", () => {
    const backup = a.byTrunk.find((t) => t.trunk === "backup-trunk");
    expect(backup?.calls).toBe(1);
    expect(backup?.minutes).toBeCloseTo(179 / 60);
    expect(backup?.billedMinutes).toBeCloseTo(179 / 60);
    expect(backup?.feeCost).toBeCloseTo((10 * 12) / 52);
    expect(backup?.cost).toBeCloseTo((179 / 60) * 0.02 + (10 * 12) / 52);
    const main = a.byTrunk.find((t) => t.trunk === "main-trunk");
    expect(main?.refusedBusy).toBe(1);
    expect(main?.calls).toBe(14);
  });

  it("finds peak concurrent calls per trunk, across the week's start", () => {
    const main = a.concurrency.find((p) => p.trunk === "main-trunk");
    expect(main).toEqual({
      trunk: "main-trunk",
      channels: 30,
      peak: 2,
      at: "2026-11-19T08:05:00.000Z", // Thursday 09:05 local: c11 and c12 (c14 was refused)
      usage: 2 / 30,
    });
    const monday = analyzeWeek({ ...weekData(), calls: [] }, SETTINGS).concurrency.find(
      (p) => p.trunk === "main-trunk",
    );
    expect(monday?.peak).toBe(1); // c16, still up at Monday 00:00
    expect(monday?.at).toBe("2026-11-15T23:00:00.000Z");
  });

  it("summarises the survey", () => {
    expect(a.survey).toEqual({ responses: 2, mean: 4, distribution: [0, 0, 1, 0, 1], responseRate: 2 / 3 });
  });
});

describe("week over week", () => {
  it("compares the headline numbers with the week before", () => {
    expect(a.previous?.received).toBe(1);
    expect(a.change.received).toEqual({ current: 15, previous: 1, delta: 14, relative: 14 });
    expect(a.change.serviceLevel.previous).toBeNull();
    expect(a.previousWeek).toBe("2026-W46");
  });

  it("has no previous summary when the week before is empty", () => {
    const b = analyzeWeek({ ...weekData(), previousCalls: [] }, SETTINGS);
    expect(b.previous).toBeNull();
    expect(b.change.received.delta).toBeNull();
  });

  it("keeps every metric's definition with the numbers", () => {
    for (const key of ["serviceLevel", "serviceLevelWithAbandons", "asa", "aht", "abandonRate", "occupancy"])
      expect(a.definitions[key]).toMatch(/\w/);
    expect(a.definitions.serviceLevel).toContain("20 s");
  });
});

describe("the queue step's own outcomes", () => {
  const queued = (outcome: CallOutcome, fields = {}) =>
    call("2026-11-18 10:00:00", {
      queueEnteredAt: plus("2026-11-18 10:00:00", 20),
      endedAt: plus("2026-11-18 10:00:00", 400),
      outcome,
      ...fields,
    });

  it("reads overflow destinations from the structured outcome, whatever its reason", () => {
    const facts = classifyCalls(
      [
        queued({ kind: "overflowed", reason: "timeout", to: "+34911000000" }),
        queued({ kind: "overflowed", reason: "full", to: "callback" }),
        queued({ kind: "overflowed", reason: "no-operators", to: "voicemail" }),
        queued({ kind: "voicemail", context: "timeout" }),
        queued({ kind: "no-answer", reason: "timeout", why: "not-answered", to: "+34911000000", cause: 19 }),
      ],
      SETTINGS,
    );
    expect(facts.map((f) => f.overflowTarget)).toEqual([
      "+34911000000",
      "callback",
      "voicemail",
      "voicemail",
      "no answer",
    ]);
    expect(facts.every((f) => f.overflowed && !f.abandoned)).toBe(true);
  });

  it("keys a message left or a callback requested after an overflow as voicemail and callback", () => {
    const b = analyzeWeek(
      {
        ...weekData(),
        calls: [
          queued({ kind: "voicemail", context: "timeout" }),
          queued({ kind: "overflowed", reason: "timeout", to: "voicemail", declined: true }),
          queued({ kind: "callback", context: "full" }),
        ],
      },
      SETTINGS,
    );
    expect(b.overflow.byTarget).toEqual([
      { target: "voicemail", calls: 2 },
      { target: "callback", calls: 1 },
    ]);
  });

  it("counts a caller the hotline closed on as waiting at closing, not as after hours", () => {
    const [closed, message] = classifyCalls(
      [queued({ kind: "closed", context: "closing" }), queued({ kind: "voicemail", context: "closing" })],
      SETTINGS,
    );
    expect([closed?.waitingAtClosing, closed?.afterHours, message?.waitingAtClosing]).toEqual([true, false, true]);
  });

  it("counts a call answered in another hotline's queue as answered after a transfer", () => {
    const moved = queued(
      { kind: "answered", operator: "maria", queue: "admissions" },
      {
        hotline: "exams",
        operatorAnsweredAt: plus("2026-11-18 10:00:00", 80),
        answeredBy: "maria",
      },
    );
    const b = analyzeWeek({ ...weekData(), calls: [moved] }, SETTINGS);
    expect(b.summary).toMatchObject({ offered: 1, answered: 1, overflowed: 0 });
    expect(b.overflow.answeredAfterTransfer).toBe(1);
    expect(b.summary.asa).toBe(60);
  });
});
