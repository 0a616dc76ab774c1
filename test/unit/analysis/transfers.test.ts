import { describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { findings } from "../../../src/analysis/findings.ts";
import { reportTables } from "../../../src/analysis/render/tables.ts";
import type { CallRecord } from "../../../src/analysis/types.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import type { CallOutcome } from "../../../src/records/outcome.ts";
import { call, plus, SETTINGS, ZONE } from "./fixtures.ts";

/** `n` answered calls of a topic on Tuesday morning, the first `to.length` transferred to those targets. */
function answered(topic: string, n: number, to: [string, "blind" | "attended"][] = []): CallRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const start = `2026-11-17 ${String(9 + Math.floor(i / 12)).padStart(2, "0")}:${String((i % 12) * 5).padStart(2, "0")}:00`;
    const target = to[i];
    const outcome: CallOutcome = target
      ? { kind: "transferred", operator: "", to: target[0], transfer: target[1] }
      : { kind: "answered", operator: "", endedBy: "operator" };
    return call(start, {
      topic,
      queueEnteredAt: plus(start, 20),
      operatorAnsweredAt: plus(start, 30),
      endedAt: plus(start, 200),
      answeredBy: "ana",
      outcome,
    });
  });
}

const grants = answered("grants", 19, [
  ...Array.from({ length: 8 }, (): [string, "blind"] => ["grants-office", "blind"]),
  ["dr-ruiz", "attended"],
]);
const fees = answered("fees", 20, [["bursar", "blind"]]);
const data = {
  week: isoWeek("2026-W47", ZONE),
  calls: [...grants, ...fees, ...answered("exams", 4, [["exams-line", "blind"]])],
  previousCalls: [],
  sessions: [],
  pauses: [],
  queueEvents: [],
  synthetic: false,
};

describe("transfers in the weekly analysis", () => {
  const a = analyzeWeek(data, SETTINGS);

  it("counts transferred calls by target and by topic", () => {
    expect(a.transfers.calls).toBe(11);
    expect(a.transfers.byTarget).toEqual([
      { target: "grants-office", calls: 8 },
      { target: "bursar", calls: 1 },
      { target: "dr-ruiz", calls: 1 },
      { target: "exams-line", calls: 1 },
    ]);
    expect(a.transfers.byTopic).toEqual([
      { topic: "grants", answered: 19, transferred: 9, share: 9 / 19, mostlyTo: "grants-office", mostlyToCalls: 8 },
      { topic: "exams", answered: 4, transferred: 1, share: 0.25, mostlyTo: "exams-line", mostlyToCalls: 1 },
      { topic: "fees", answered: 20, transferred: 1, share: 0.05, mostlyTo: "bursar", mostlyToCalls: 1 },
    ]);
  });

  it("notes a topic that often needs a specialist, not one with few calls or few transfers", () => {
    const notes = findings(a).filter((f) => f.metric === "transfers");
    expect(notes).toEqual([
      {
        kind: "note",
        metric: "transfers",
        text: "42 % of grants calls went to grants-office: the topic often needs that specialist",
        evidence: "8 of 19 answered grants calls transferred there; 9 transferred in all",
      },
    ]);
  });

  it("has a table of its own in every report format", () => {
    const table = reportTables({ analysis: a, findings: [] } as never).find((t) => t.name === "Transfers");
    expect(table?.rows[0]).toEqual(["grants", 19, 9, 0.4737, "grants-office", 8]);
  });
});
