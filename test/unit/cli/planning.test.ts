import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captured, hotlineProgram } from "./program.ts";

const EXAMPLE = resolve(import.meta.dirname, "../../../config/hotline.example.yaml");
let dir: string;
let db: string;

async function hotline(...args: string[]): Promise<string> {
  const r = await captured(() =>
    hotlineProgram().then((p) => p.parseAsync(["node", "hotline", ...args, "-c", EXAMPLE, "--db", db])),
  );
  return r.stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-planning-"));
  db = join(dir, "calls.sqlite");
  await hotline("seed", "--week", "2026-W47", "--weeks", "2");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("hotline staffing", () => {
  it("answers every hour of the week from the recorded traffic, and names the short hours", async () => {
    const out = JSON.parse(await hotline("staffing", "--week", "2026-W47", "--weeks", "2", "--format", "json")) as {
      weeks: string[];
      traffic: { weeks: number; patienceSeconds: number | null };
      rows: { day: number; hour: number; offered: number; needed: number; planned: number }[];
      gaps: { kind: string; needed: number; plannedLeast: number }[];
    };
    expect(out.weeks).toEqual(["2026-W46", "2026-W47"]);
    expect(out.traffic.weeks).toBe(2);
    expect(out.rows).toHaveLength(168);
    // The seeded hotline takes calls on weekdays from 9: Monday 10–11 has traffic and needs someone.
    const mon10 = out.rows[10];
    expect(mon10?.offered).toBeGreaterThan(0);
    expect(mon10?.needed).toBeGreaterThan(0);
    expect(out.rows.filter((r) => r.offered === 0).every((r) => r.needed === 0)).toBe(true);
    for (const g of out.gaps.filter((x) => x.kind === "short")) expect(g.needed).toBeGreaterThan(g.plannedLeast);
  });
  it("prints the table and the findings in words", async () => {
    const out = await hotline("staffing", "--week", "2026-W47");
    expect(out).toMatch(/^2026-W47: \d+ calls offered to operators over 1 week, mean handling /);
    expect(out).toMatch(/\nhour +calls\/week +handling +erlangs +needed +planned +service level +abandoned\n/);
    expect(out).toMatch(/\nMon 10–11 +\d/);
    expect(out).toMatch(/\n(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d–\d\d: \d+ needed, [\d.–]+ planned/);
  });
});

describe("hotline staffing --propose", () => {
  it("proposes shift moves that cover short hours, each keeping the operator's lunch and breaks", async () => {
    const out = JSON.parse(
      await hotline("staffing", "--week", "2026-W47", "--weeks", "2", "--propose", "--format", "json"),
    ) as {
      proposal: { moves: { operator: string; from: string; to: string; shortBefore: number; shortAfter: number }[] };
    };
    const moves = out.proposal.moves;
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) {
      expect(m.shortAfter).toBeLessThan(m.shortBefore);
      // Same length: a move, not a longer day.
      const length = (r: string) => {
        const [a = "", b = ""] = r.split("-");
        const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
        return min(b) - min(a);
      };
      expect(length(m.to)).toBe(length(m.from));
    }
    const text = await hotline("staffing", "--week", "2026-W47", "--weeks", "2", "--propose");
    expect(text).toMatch(
      /\nProposed roster changes \(every lunch and break kept\), missing operator-hours a week [\d.]+ → [\d.]+:\n {2}\S/,
    );
  });
});

describe("hotline tariffs compare", () => {
  it("replays the weeks on the contract in force and on each offer of the example", async () => {
    const out = JSON.parse(
      await hotline("tariffs", "compare", "--week", "2026-W47", "--weeks", "2", "--format", "json"),
    ) as {
      current: { offer: string; total: number }[];
      currentTotal: { total: number } | null;
      offers: { offer: string; total: number; perTerm: number | null; perMonth: number }[];
      sizing: { needed: number; current: number; busyHour: string | null };
    };
    expect(out.current.map((b) => b.offer)).toEqual(["main-trunk (current)", "backup-trunk (current)"]);
    expect(out.currentTotal?.total).toBeCloseTo((out.current[0]?.total ?? 0) + (out.current[1]?.total ?? 0), 6);
    expect(out.offers.map((b) => b.offer)).toEqual(["carrier-b-flat", "carrier-c-24-months"]);
    const c = out.offers[1];
    expect(c?.perTerm).toBeCloseTo((c?.perMonth ?? 0) * 24, 6);
    expect(out.sizing.current).toBe(40);
    expect(out.sizing.busyHour).not.toBeNull();
    expect(out.sizing.needed).toBeGreaterThan(0);
  });
  it("prints the offers side by side and the channel sizing", async () => {
    const out = await hotline("tariffs", "compare", "--week", "2026-W47", "--weeks", "1");
    expect(out).toMatch(/\ncurrent, all trunks +\d+\.\d\d EUR/);
    expect(out).toMatch(/\ncarrier-c-24-months +\d+\.\d\d EUR +\d+\.\d\d EUR +\d+\.\d\d EUR/);
    expect(out).toMatch(
      /Busiest hour \w{3} 2026-11-\d\d \d\d:00: [\d.]+ erlangs offered\. \d+ channels keep blocking under 1\.0 %; the trunks have 40/,
    );
  });
});

describe("hotline report --first-week", () => {
  it("takes the week of the first recorded call, compares it with the targets and ends with what to change", async () => {
    const out = join(dir, "first");
    const printed = await hotline("report", "--first-week", "-o", out);
    expect(printed).toMatch(/\n2026-W46 \(synthetic data\): \d+ calls/);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as {
      analysis: { week: { label: string }; previous: unknown };
      firstWeek: { whatToChange: string[] };
    };
    expect(report.analysis.week.label).toBe("2026-W46");
    expect(report.analysis.previous).toBeNull();
    expect(report.firstWeek.whatToChange).toHaveLength(3);
    expect(await readFile(join(out, "report.md"), "utf8")).toContain("## What to change\n\n1. Operators: ");
  });
});
