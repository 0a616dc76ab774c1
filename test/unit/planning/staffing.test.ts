import { describe, expect, it } from "vitest";
import type { CallFacts } from "../../../src/analysis/classify.ts";
import { erlangCFigures } from "../../../src/planning/erlang.ts";
import {
  answeredServiceLevel,
  figuresWith,
  measureTraffic,
  operatorsNeeded,
  plannedByHour,
  type StaffingRow,
  staffingGaps,
  staffingTable,
} from "../../../src/planning/staffing.ts";
import { staffingGapLines } from "../../../src/planning/text.ts";

/** The facts staffing reads; the rest of a classified call does not matter to it. */
function queued(day: number, hour: number, f: { wait?: number; handle?: number; gaveUp?: boolean } = {}): CallFacts {
  const answered = !f.gaveUp;
  return {
    day,
    hour,
    queued: true,
    answered,
    wait: f.wait ?? 0,
    abandoned: f.gaveUp ?? false,
    shortAbandon: false,
    handle: answered ? (f.handle ?? 180) : null,
  } as CallFacts;
}
const times = (n: number, make: (i: number) => CallFacts) => Array.from({ length: n }, (_, i) => make(i));

const TARGETS = { serviceLevelTarget: 0.8, serviceLevelSeconds: 20, abandonRateTarget: 0.05, occupancyTarget: 0.85 };

describe("the traffic, measured", () => {
  it("counts the calls offered to operators per hour of week, per week, with their handling time", () => {
    const t = measureTraffic([...times(200, () => queued(0, 10, { handle: 240 })), queued(0, 11)], 2);
    expect(t.slots).toHaveLength(168);
    expect(t.slots[10]).toEqual({ day: 0, hour: 10, offered: 100, handleSeconds: 240 });
    // One call is too few for its own handling time: the week's mean stands in.
    expect(t.slots[11]?.handleSeconds).toBeCloseTo((200 * 240 + 180) / 201, 9);
    expect(t.slots[12]?.offered).toBe(0);
  });
  it("estimates the callers' patience as time waited over callers who gave up; none gave up: none", () => {
    const facts = [
      ...times(8, () => queued(2, 9, { wait: 25 })),
      queued(2, 9, { wait: 60, gaveUp: true }),
      queued(2, 9, { wait: 40, gaveUp: true }),
    ];
    expect(measureTraffic(facts).patienceSeconds).toBe((8 * 25 + 60 + 40) / 2);
    expect(measureTraffic(times(3, () => queued(2, 9, { wait: 25 }))).patienceSeconds).toBeNull();
  });
  it("ignores calls that never reached the queue", () => {
    expect(measureTraffic([{ ...queued(0, 9), queued: false }]).slots[9]?.offered).toBe(0);
  });
});

describe("operators needed", () => {
  it("the textbook hour: 10 erlangs, 180 s calls, 80 % in 20 s, patient callers → 14", () => {
    const s = operatorsNeeded(10, 180, null, TARGETS);
    expect(s.agents).toBe(14);
    expect(s.figures.serviceLevel).toBeCloseTo(0.8884, 4);
  });
  it("the occupancy target alone asks for erlangs / target", () => {
    expect(operatorsNeeded(17, 180, null, { ...TARGETS, serviceLevelTarget: 0.01, occupancyTarget: 0.85 }).agents).toBe(
      20,
    );
  });
  it("callers who give up: the targets are met on answered calls and abandons, with Erlang A", () => {
    const s = operatorsNeeded(10, 180, 90, TARGETS);
    expect(answeredServiceLevel(s.figures)).toBeGreaterThanOrEqual(0.8);
    expect(s.figures.abandonRate).toBeLessThanOrEqual(0.05);
    expect(s.agents).toBeLessThanOrEqual(14);
    // One fewer misses a target: the fewest, not merely enough.
    const fewer = figuresWith(s.agents - 1, 10, 180, 20, 90);
    expect(answeredServiceLevel(fewer) < 0.8 || fewer.abandonRate > 0.05 || fewer.occupancy > 0.85).toBe(true);
  });
  it("no traffic needs nobody; a trickle needs one", () => {
    expect(operatorsNeeded(0, 180, null, TARGETS).agents).toBe(0);
    expect(operatorsNeeded(0.05, 180, null, TARGETS).agents).toBe(1);
  });
});

describe("operators planned", () => {
  const roster = { shifts: { "mon-fri": "09:00-17:00" }, lunch: "13:00-14:00", breaks: ["10:30-10:45"] };
  it("counts who is on shift taking calls, lunch and breaks left out, by the minute", () => {
    const planned = plannedByHour([roster, { shifts: { mon: "09:30-12:00" }, breaks: [] }]);
    expect(planned[8]).toBe(0);
    expect(planned[9]).toBe(1.5);
    expect(planned[10]).toBe(1.75);
    expect(planned[13]).toBe(0);
    expect(planned[24 + 9]).toBe(1);
    expect(planned[5 * 24 + 10]).toBe(0);
  });
});

describe("needed against planned", () => {
  const row = (hour: number, needed: number, planned: number, offered = 20): StaffingRow => ({
    day: 0,
    hour,
    offered,
    handleSeconds: 180,
    erlangs: 1,
    needed,
    planned,
    withPlanned: null,
  });
  it("joins the short hours of a day into one finding: Mon 09–11, 5 needed, 3–3.5 planned", () => {
    expect(staffingGaps([row(8, 2, 2), row(9, 4, 3), row(10, 5, 3.5), row(11, 3, 3)])).toEqual([
      { day: 0, fromHour: 9, toHour: 11, needed: 5, plannedLeast: 3, plannedMost: 3.5, kind: "short" },
    ]);
    expect(staffingGapLines(staffingGaps([row(9, 4, 3), row(10, 5, 3.5)]))).toEqual([
      "Mon 09–11: 5 needed, 3–3.5 planned",
    ]);
  });
  it("a quarter of an hour short is short", () => {
    expect(staffingGaps([row(9, 3, 2.75)])).toMatchObject([{ kind: "short", plannedLeast: 2.75 }]);
  });
  it("says where two or more operators are planned beyond the need, while calls come", () => {
    expect(staffingGaps([row(15, 1, 3), row(16, 1, 4), row(17, 0, 4, 0)])).toEqual([
      { day: 0, fromHour: 15, toHour: 17, needed: 1, plannedLeast: 3, plannedMost: 4, kind: "spare" },
    ]);
  });
  it("gives a part-time operator their share of the hour: 2.5 operators are between 2 and 3", () => {
    const traffic = measureTraffic(times(200, () => queued(0, 10, { handle: 180 })));
    const planned = new Array<number>(168).fill(0);
    planned[10] = 12.5;
    const sl = staffingTable(traffic, planned, TARGETS)[10]?.withPlanned?.serviceLevel;
    const at = (n: number) => erlangCFigures(n, 10, 180, 20).serviceLevel;
    expect(sl).toBeCloseTo((at(12) + at(13)) / 2, 12);
  });
  it("gives, for every hour, what the planned operators would achieve", () => {
    const traffic = measureTraffic(times(200, () => queued(0, 10, { handle: 180 })));
    const planned = new Array<number>(168).fill(0);
    planned[10] = 12;
    const rows = staffingTable(traffic, planned, TARGETS);
    expect(rows[10]).toMatchObject({ erlangs: 10, needed: 14, planned: 12 });
    expect(rows[10]?.withPlanned?.serviceLevel).toBeCloseTo(erlangCFigures(12, 10, 180, 20).serviceLevel, 12);
    expect(rows[11]).toMatchObject({ erlangs: 0, needed: 0, withPlanned: null });
  });
});
