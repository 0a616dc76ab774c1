/**
 * The planning answers as plain text for the terminal: tables (header + rows) and sentences. The
 * numbers are the pure results' own; only their wording is here. Pure.
 */
import { duration, money, num, pct } from "../analysis/format.ts";
import { WEEKDAY_NAMES } from "../analysis/metrics/volume.ts";
import type { RosterMove } from "./rosters.ts";
import type { StaffingTargets } from "./staffing.ts";
import { answeredServiceLevel, type StaffingGap, type StaffingRow, type Traffic } from "./staffing.ts";
import type { TariffComparison } from "./tariffs.ts";

export interface TextTable {
  header: string[];
  rows: string[][];
}

const hh = (h: number) => String(h).padStart(2, "0");

/** "Mon 09–11" (weekday names in the language wanted; English by default). */
export function hoursLabel(d: number, from: number, to: number, weekdays: readonly string[] = WEEKDAY_NAMES): string {
  return `${(weekdays[d] ?? "").slice(0, 3)} ${hh(from)}–${hh(to)}`;
}

/** One row per hour with calls or operators planned. */
export function staffingTableText(rows: readonly StaffingRow[]): TextTable {
  return {
    header: ["hour", "calls/week", "handling", "erlangs", "needed", "planned", "service level", "abandoned"],
    rows: rows
      .filter((r) => r.offered > 0 || r.planned > 0)
      .map((r) => [
        hoursLabel(r.day, r.hour, r.hour + 1),
        num(r.offered, 1),
        duration(r.handleSeconds),
        num(r.erlangs, 2),
        String(r.needed),
        operators(r.planned),
        r.withPlanned ? pct(answeredServiceLevel(r.withPlanned)) : "–",
        r.withPlanned ? pct(r.withPlanned.abandonRate, 1) : "–",
      ]),
  };
}

/** An operator count as planned: whole, or to two decimals (1.75: a second operator for 45 minutes). */
export function operators(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, "");
}

/** "3" or "1.75–2.75": operators planned over a run of hours. */
export function plannedRange(g: Pick<StaffingGap, "plannedLeast" | "plannedMost">): string {
  return g.plannedLeast === g.plannedMost
    ? operators(g.plannedLeast)
    : `${operators(g.plannedLeast)}–${operators(g.plannedMost)}`;
}

/** "Mon 09–14: 4 needed, 1.75–2.75 planned", in English or Spanish. */
export function gapText(g: StaffingGap, weekdays: readonly string[], language: "en" | "es"): string {
  const hours = hoursLabel(g.day, g.fromHour, g.toHour, weekdays);
  return language === "es"
    ? `${hours}: ${g.needed} necesarios, ${plannedRange(g)} previstos`
    : `${hours}: ${g.needed} needed, ${plannedRange(g)} planned`;
}

/** "Mon 09–11: 5 needed, 3 planned" for each run; spare runs say so too. */
export function staffingGapLines(gaps: readonly StaffingGap[]): string[] {
  return gaps.map((g) => `${gapText(g, WEEKDAY_NAMES, "en")}${g.kind === "spare" ? " (more than needed)" : ""}`);
}

/** What the numbers were measured on and which model stands behind them. */
export function trafficLine(traffic: Traffic, targets: StaffingTargets, offeredTotal: number): string {
  const model =
    traffic.patienceSeconds === null
      ? "nobody gave up waiting (Erlang C)"
      : `callers' mean patience ${duration(traffic.patienceSeconds)} (Erlang A)`;
  return (
    `${offeredTotal} calls offered to operators over ${traffic.weeks} week${traffic.weeks === 1 ? "" : "s"}, ` +
    `mean handling ${duration(traffic.handleSeconds)}, ${model}; targets: ${pct(targets.serviceLevelTarget)} ` +
    `answered within ${targets.serviceLevelSeconds} s, at most ${pct(targets.abandonRateTarget)} abandoned, ` +
    `occupancy at most ${pct(targets.occupancyTarget)}`
  );
}

/** The contract in force and the candidates, side by side. */
export function tariffTableText(c: TariffComparison): TextTable {
  return {
    header: ["offer", "per week", "per month", "over the term", "per answered call", "calls refused", "billed minutes"],
    rows: [...c.current, ...(c.currentTotal ? [c.currentTotal] : []), ...c.offers].map((b) => [
      b.offer,
      money(b.perWeek, b.currency),
      money(b.perMonth, b.currency),
      b.perTerm === null ? "–" : money(b.perTerm, b.currency),
      money(b.perAnsweredCall, b.currency),
      String(b.blocked),
      num(
        Object.values(b.billedMinutes).reduce((s, m) => s + m, 0),
        0,
      ),
    ]),
  };
}

/** The channel sizing in one sentence, and the early-termination price of each candidate with a term. */
export function tariffLines(c: TariffComparison, zoneLabel: (iso: string) => string): string[] {
  const s = c.sizing;
  const lines: string[] = [];
  if (s.busyHour === null) lines.push("No calls: nothing to size the channels on.");
  else
    lines.push(
      `Busiest hour ${zoneLabel(s.busyHour)}: ${num(s.erlangs, 2)} erlangs offered. ${s.needed} channels keep ` +
        `blocking under ${pct(s.target, 1)}; the trunks have ${s.current} (${pct(s.currentBlocking, 1)} blocked at that traffic).`,
    );
  for (const b of c.offers) {
    if (b.leavingHalfWay !== null)
      lines.push(`${b.offer}: leaving half way through the term costs ${money(b.leavingHalfWay, b.currency)} in all.`);
  }
  return lines;
}

/** The proposed shift moves, each with the missing operator-hours it leaves. */
export function proposalLines(p: { moves: readonly RosterMove[]; shortBefore: number; shortAfter: number }): string[] {
  if (p.moves.length === 0)
    return [
      p.shortBefore > 0
        ? `No shift move covers more of the short hours without taking a lunch or a break: add operators (${num(p.shortBefore, 1)} operator-hours missing a week).`
        : "Nothing to change: no hour is short of operators.",
    ];
  return [
    `Proposed roster changes (every lunch and break kept), missing operator-hours a week ${num(p.shortBefore, 1)} → ${num(p.shortAfter, 1)}:`,
    ...p.moves.map(
      (m) =>
        `  ${m.name} (${m.operator}), ${m.days}: ${m.from} → ${m.to} (${num(m.shortBefore, 1)} → ${num(m.shortAfter, 1)})`,
    ),
    ...(p.shortAfter > 0 ? [`The remaining ${num(p.shortAfter, 1)} operator-hours need more operators.`] : []),
  ];
}
