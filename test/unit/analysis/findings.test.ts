import { describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { findings } from "../../../src/analysis/findings.ts";
import type { AnalysisSettings } from "../../../src/analysis/settings.ts";
import type { CallRecord } from "../../../src/analysis/types.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { at, call, plus, SETTINGS, ZONE } from "./fixtures.ts";

const roster = (breaks: string[]) => ({ shifts: { "mon-fri": "08:00-16:00" }, breaks });
const settings: AnalysisSettings = {
  ...SETTINGS,
  operators: [
    { id: "ana", name: "Ana", roster: roster(["09:30-10:00"]) },
    { id: "ben", name: "Ben", roster: roster(["09:30-10:00"]) },
    { id: "cai", name: "Cai", roster: roster(["12:00-12:30"]) },
    { id: "dee", name: "Dee", roster: roster(["12:30-13:00"]) },
  ],
};

/** Ten queued calls an hour on a Monday from 08 to 15, answered after `wait(hour)` seconds. */
function monday(date: string, wait: (hour: number) => number): CallRecord[] {
  const out: CallRecord[] = [];
  for (let hour = 8; hour < 16; hour++) {
    for (let i = 0; i < 10; i++) {
      const start = `${date} ${String(hour).padStart(2, "0")}:${String(i * 5).padStart(2, "0")}:00`;
      const w = wait(hour);
      out.push(
        call(start, {
          queueEnteredAt: plus(start, 20),
          operatorAnsweredAt: plus(start, 20 + w),
          endedAt: plus(start, 20 + w + 120),
          answeredBy: "ana",
        }),
      );
    }
  }
  return out;
}

function radio(): CallRecord[] {
  const out: CallRecord[] = [];
  for (let i = 0; i < 20; i++) {
    const closed = i < 8;
    const start = closed
      ? `2026-11-21 ${13 + (i % 3)}:${String(i * 3).padStart(2, "0")}:00`
      : `2026-11-17 10:${String(i).padStart(2, "0")}:00`;
    out.push(
      call(start, {
        campaign: "radio",
        endedAt: plus(start, 30),
        outcome: closed ? { kind: "closed", context: "closed" } : { kind: "completed" },
        scheduleRule: closed ? "weekly sat 10:00-13:00" : null,
        topic: closed ? null : "admissions",
      }),
    );
  }
  return out;
}

const data = {
  week: isoWeek("2026-W47", ZONE),
  calls: [...monday("2026-11-16", (h) => (h === 9 || h === 10 ? 60 : 5)), ...radio()],
  previousCalls: monday("2026-11-09", () => 5),
  sessions: [],
  pauses: [],
  queueEvents: [],
  synthetic: false,
};

describe("findings", () => {
  const a = analyzeWeek(data, settings);
  const list = findings(a);
  const texts = list.map((f) => f.text);

  it("explains a service level below target with where and when it fell short", () => {
    expect(a.summary.serviceLevel).toBe(0.75);
    const sl = list.find((f) => f.metric === "serviceLevel");
    expect(sl).toEqual({
      kind: "weakness",
      metric: "serviceLevel",
      text: "Service level fell to 75 % (target 80 %); the gap is Monday 9–11 (0 %), when 2 of 4 operators were on break",
      evidence: "60 of 80 answered calls within 20 s; last week 100 %; counting abandons after 20 s: 75 %",
    });
  });

  it("suggests extending the hours a campaign's callers find closed", () => {
    expect(texts).toContain(
      "40 % of calls from the radio campaign arrived after hours: consider extending Saturday hours",
    );
    expect(list.find((f) => f.metric === "afterHours")?.evidence).toBe("8 of 20 calls, most at 13–14 h; by day: Sat 8");
  });

  it("notes week-over-week volume and praises what works", () => {
    expect(texts).toContain("Calls rose 25 % on last week");
    expect(texts).toContain("Only 0.0 % of callers abandoned the queue (target at most 5 %)");
    expect(texts).toContain("main-trunk has room to spare: at most 1 of 30 channels in use");
  });

  it("flags operators who did not keep to their roster", () => {
    expect(texts).toContain("Ana kept to the roster 0 % of planned time (target 90 %)");
  });

  it("lists weaknesses first, then notes, then strengths, the same way every time", () => {
    const order = list.map((f) => f.kind);
    expect([...order].sort((x, y) => rank(x) - rank(y))).toEqual(order);
    expect(findings(analyzeWeek(data, settings))).toEqual(list);
    for (const f of list) expect(f.evidence.length).toBeGreaterThan(0);
  });

  it("reports staff missing in the gap hours from recorded pauses too", () => {
    const paused = analyzeWeek(
      {
        ...data,
        pauses: [
          {
            operator: "cai",
            startedAt: at("2026-11-16 09:10"),
            endedAt: at("2026-11-16 09:20"),
            reason: "other",
            planned: false,
          },
        ],
      },
      settings,
    );
    expect(paused.serviceGap?.onBreak).toEqual(["Ana", "Ben", "Cai"]);
  });

  it("warns when a trunk nears its channels and when callers waited at closing", () => {
    const busy = findings({
      ...a,
      concurrency: [{ trunk: "main-trunk", channels: 30, peak: 27, at: "2026-11-16T09:00:00.000Z", usage: 0.9 }],
      waitingAtClosing: { calls: 3, byHotline: [{ hotline: "admissions", calls: 3 }], longestWait: 400 },
    });
    expect(busy.map((f) => f.text)).toEqual(
      expect.arrayContaining([
        "main-trunk peaked at 27 of 30 channels",
        "3 callers were still waiting when the hotline closed",
      ]),
    );
  });
});

function rank(kind: string): number {
  return ["weakness", "note", "strength"].indexOf(kind);
}
