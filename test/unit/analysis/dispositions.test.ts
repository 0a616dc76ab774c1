import { describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { dispositionReport } from "../../../src/analysis/metrics/dispositions.ts";
import { dispositionsTable } from "../../../src/analysis/render/dispositions-table.ts";
import { DEFAULT_DISPOSITIONS } from "../../../src/config/schema-room.ts";
import { call, SETTINGS } from "./fixtures.ts";
import { weekData } from "./week-w47.ts";

const KINDS = Object.values(DEFAULT_DISPOSITIONS).map(({ name, resolved }) => ({ name, resolved }));
const answered = (topic: string, disposition: string | null, callerNumber: string, startLocal: string) =>
  call(startLocal, { topic, disposition, callerNumber, answeredBy: "maria" });

/**
 * Fees: a resolved call whose caller called back 3 h later (not first-contact resolved), a resolved
 * call not repeated, a complaint. Grants: a wrong number (resolved), one without an outcome; the
 * caller of the second fees call calls again 30 h later (outside the 24 h window).
 */
const CALLS = [
  answered("fees", "resolved", "600000001", "2026-11-16 09:00"),
  answered("fees", "complaint", "600000001", "2026-11-16 12:00"),
  answered("fees", "resolved", "600000002", "2026-11-16 10:00"),
  answered("grants", "wrong-number", "600000003", "2026-11-17 10:00"),
  answered("grants", null, "600000004", "2026-11-17 11:00"),
  call("2026-11-17 16:00", { callerNumber: "600000002", topic: "fees" }), // not answered: no outcome
];

describe("dispositions in the weekly report: outcomes by topic and first-contact resolution", () => {
  it("counts a resolved call as first-contact resolved only when its caller did not call again within the window", () => {
    const report = dispositionReport(CALLS, KINDS, 24);
    expect(report).toMatchObject({
      answered: 5,
      disposed: 4,
      disposedShare: 4 / 5,
      firstContactResolved: 2,
      fcr: 2 / 4,
    });
    expect(report.byTopic).toEqual([
      {
        topic: "fees",
        answered: 3,
        disposed: 3,
        counts: { resolved: 2, complaint: 1 },
        firstContactResolved: 1,
        fcr: 1 / 3,
      },
      { topic: "grants", answered: 2, disposed: 1, counts: { "wrong-number": 1 }, firstContactResolved: 1, fcr: 1 },
    ]);
    // A window too short for the 3 h call-back makes the first fees call resolved at first contact.
    expect(dispositionReport(CALLS, KINDS, 2).firstContactResolved).toBe(3);
  });

  it("renders a table: a row per topic, the default dispositions as columns, a total", () => {
    const a = analyzeWeek({ ...weekData(), calls: CALLS, previousCalls: [] }, { ...SETTINGS, dispositions: KINDS });
    const table = dispositionsTable(a);
    expect(table.columns).toEqual([
      "topic",
      "answered",
      "with outcome",
      "resolved",
      "escalated",
      "complaint",
      "wrong-number",
      "other",
      "FCR",
    ]);
    expect(table.rows).toEqual([
      ["fees", 3, 3, 2, 0, 1, 0, 0, 0.3333],
      ["grants", 2, 1, 0, 0, 0, 1, 0, 1],
      ["all topics", 5, 4, 2, 0, 1, 1, 0, 0.5],
    ]);
  });

  it("has nothing to divide without dispositions configured or given", () => {
    expect(dispositionReport([], [], 24)).toEqual({
      names: [],
      answered: 0,
      disposed: 0,
      disposedShare: null,
      firstContactResolved: 0,
      fcr: null,
      byTopic: [],
    });
  });
});
