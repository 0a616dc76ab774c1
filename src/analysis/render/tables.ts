/**
 * The report's tables, once, in display order: the HTML, the Markdown and the workbook (one sheet
 * per table) all show the same rows. Cells are numbers where the workbook should calculate with
 * them, text where the value is a label.
 */

import { hoursLabel, plannedRange } from "../../planning/text.ts";
import { showText } from "../../records/neutralise.ts";
import { weekdayIn } from "../findings.ts";
import { duration, localInstant, pct } from "../format.ts";
import { messages, valueIn } from "../messages.ts";
import { WEEKDAY_NAMES } from "../metrics/volume.ts";
import { planningMessages } from "../planning-messages.ts";
import type { WeeklyReport } from "../report.ts";
import { dispositionsTable } from "./dispositions-table.ts";

export type Cell = string | number | null;

export interface Table {
  /** Short name: the sheet name (≤ 31 characters). */
  name: string;
  title: string;
  /** Definition key shown under the table. */
  definition?: string;
  columns: string[];
  rows: Cell[][];
  /** How each column reads in text: rates as %, seconds as durations; raw in the workbook. */
  formats?: ("pct" | "duration" | "money" | "num" | undefined)[];
}

const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);

export function reportTables(report: WeeklyReport): Table[] {
  const a = report.analysis;
  const s = a.summary;
  const p = a.previous;
  const cur = a.currency;
  const m = messages(report.language);
  const T = m.tables;
  const R = T.summaryRows;
  const queueColumns = T.queueColumns;
  const queueRow = (q: (typeof a.byTopic)[number]): Cell[] => [
    q.key,
    q.received,
    q.offered,
    q.answered,
    q.abandoned,
    r4(q.serviceLevel),
    r2(q.asa),
  ];
  const queueFormats = [undefined, undefined, undefined, undefined, undefined, "pct", "duration"] as Table["formats"];
  return [
    {
      name: "Summary",
      title: T.summary,
      columns: report.firstWeek ? planningMessages(report.language).firstWeek.summaryColumns : T.summaryColumns,
      formats: [undefined, "num", "num", "num"],
      rows: (
        [
          [R.received, "received", "n"],
          [R.offered, "offered", "n"],
          [R.answered, "answered", "n"],
          [R.abandoned, "abandoned", "n"],
          [R.shortAbandons, "shortAbandons", "n"],
          [R.abandonRate, "abandonRate", "pct"],
          [R.serviceLevel, "serviceLevel", "pct"],
          [R.serviceLevelWithAbandons, "serviceLevelWithAbandons", "pct"],
          [R.asa, "asa", "s"],
          [R.longestWait, "longestWait", "s"],
          [R.aht, "aht", "s"],
          [R.afterHours, "afterHours", "n"],
          [R.overflowed, "overflowed", "n"],
          [R.waitingAtClosing, "waitingAtClosing", "n"],
          [R.repeatCallShare, "repeatCallShare", "pct"],
          [R.surveyMean, "surveyMean", "n"],
        ] as const
      ).map(([label, key, kind]) => {
        const now = s[key];
        // The first week is measured against the targets, not a week before it.
        const before = report.firstWeek ? targetOf(key, a.targets) : p ? p[key] : null;
        const fmt = (v: number | null) =>
          v === null
            ? null
            : kind === "pct"
              ? `${(v * 100).toFixed(1)} %`
              : kind === "s"
                ? duration(v)
                : Math.round(v * 100) / 100;
        const delta = now !== null && before !== null ? now - before : null;
        return [
          label,
          fmt(now),
          fmt(before),
          delta === null
            ? null
            : kind === "pct"
              ? `${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(1)} ${T.points}`
              : kind === "s"
                ? `${delta >= 0 ? "+" : "−"}${duration(Math.abs(delta))}`
                : r2(delta),
        ];
      }),
    },
    {
      name: "Findings",
      title: T.findings,
      columns: T.findingsColumns,
      rows: report.findings.map((f) => [m.kinds[f.kind], f.text, f.evidence]),
    },
    {
      name: "Days",
      title: T.days,
      columns: T.daysColumns,
      formats: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, "pct"],
      rows: a.callsPerDay.map((d) => [
        d.date,
        weekdayIn(m, d.weekday),
        d.received,
        d.offered,
        d.answered,
        d.abandoned,
        d.afterHours,
        r4(d.serviceLevel),
      ]),
    },
    {
      name: "Hours",
      title: T.hours,
      definition: "serviceLevel",
      columns: T.hoursColumns,
      formats: [undefined, undefined, undefined, undefined, "pct"],
      rows: a.serviceLevelByHour
        .filter((h) => h.offered > 0)
        .map((h) => [`${h.hour}:00`, h.offered, h.answered, h.answeredWithinTarget, r4(h.serviceLevel)]),
    },
    {
      name: "Heatmap",
      title: T.heatmap,
      definition: "heatmap",
      columns: [T.day, ...Array.from({ length: 24 }, (_, h) => String(h))],
      rows: WEEKDAY_NAMES.map((_, d) => [
        m.weekdays[d] as string,
        ...Array.from({ length: 24 }, (_, h) => {
          const calls = a.heatmap.calls[d]?.[h] ?? 0;
          const on = a.heatmap.operatorsOnShift[d]?.[h] ?? 0;
          return on > 0 ? `${calls} (${on})` : calls;
        }),
      ]),
    },
    {
      name: "Outcomes",
      title: T.outcomes,
      columns: T.outcomesColumns,
      formats: [undefined, undefined, "pct"],
      rows: a.outcomes.map((o) => [valueIn(m, o.outcome), o.calls, r4(o.share)]),
    },
    {
      name: "Operators",
      title: T.operators,
      definition: "occupancy",
      columns: T.operatorsColumns,
      formats: [undefined, undefined, undefined, undefined, undefined, undefined, "pct", "pct"],
      rows: a.operators.map((o) => [
        o.name,
        o.callsAnswered,
        r2(o.handleSeconds / 3600),
        r2(o.loggedInSeconds / 3600),
        r2(o.pausedSeconds / 3600),
        r2(o.plannedSeconds / 3600),
        r4(o.occupancy),
        r4(o.adherence),
      ]),
    },
    {
      name: "Pauses",
      title: T.pauses,
      definition: "pauses",
      columns: T.pausesColumns,
      rows: a.pauses.map((x) => [valueIn(m, x.reason), x.pauses, x.planned, x.unplanned, Math.round(x.seconds / 60)]),
    },
    {
      name: "After hours",
      title: T.afterHours,
      definition: "afterHours",
      columns: T.afterHoursColumns,
      rows: a.afterHours.byHour.map((n, h) => [`${h}:00`, n] as Cell[]).filter((row) => (row[1] as number) > 0),
    },
    {
      name: "Journey",
      title: T.journey,
      definition: "menuDropoff",
      columns: T.journeyColumns,
      formats: [undefined, undefined, undefined, "pct"],
      rows: a.menuDropoff.map((d) => [valueIn(m, d.step), d.reached, d.hungUp, r4(d.rate)]),
    },
    {
      name: "Overflow",
      title: T.overflow,
      definition: "overflow",
      columns: T.overflowColumns,
      rows: a.overflow.byTarget.map((o) => [o.target, o.calls]),
    },
    {
      name: "Transfers",
      title: T.transfers,
      definition: "transfers",
      columns: T.transfersColumns,
      formats: [undefined, undefined, undefined, "pct"],
      rows: a.transfers.byTopic.map((t) => [
        t.topic,
        t.answered,
        t.transferred,
        r4(t.share),
        t.mostlyTo,
        t.mostlyToCalls,
      ]),
    },
    {
      name: "Callbacks",
      title: T.callbacks,
      columns: T.callbacksColumns,
      formats: [undefined, "num"],
      rows: [
        [a.callbacks.requested],
        [a.callbacks.made],
        [a.callbacks.reached],
        [a.callbacks.failed],
        [a.callbacks.pending],
        [r2(a.callbacks.timeToCallback.mean)],
        [r2(a.callbacks.timeToCallback.median)],
        [r2(a.callbacks.timeToServed.mean)],
        [r2(a.callbacks.answeredWait)],
        [a.callbacks.beatWaiting === null ? T.notApplicable : a.callbacks.beatWaiting ? T.yes : T.no],
      ].map((row, i) => [T.callbacksRows[i] as string, ...row]),
    },
    {
      name: "Topics",
      title: T.topics,
      columns: [T.topic, ...queueColumns],
      formats: queueFormats,
      rows: a.byTopic.map(queueRow),
    },
    {
      name: "Languages",
      title: T.languages,
      columns: [T.language, ...queueColumns],
      formats: queueFormats,
      rows: a.byLanguage.map(queueRow),
    },
    {
      name: "Hotlines",
      title: T.hotlines,
      columns: [T.hotline, ...queueColumns],
      formats: queueFormats,
      rows: a.byHotline.map(queueRow),
    },
    {
      name: "Campaigns",
      title: T.campaigns,
      definition: "byCampaign",
      columns: T.campaignsColumns.map((c) => (typeof c === "string" ? c : c(cur))),
      formats: [undefined, undefined, undefined, undefined, undefined, undefined, "pct", "money", "money"],
      rows: a.byCampaign.map((c) => [
        c.campaign,
        c.dids.join(" "),
        c.received,
        c.afterHours,
        c.answered,
        c.abandoned,
        r4(c.serviceLevel),
        r2(c.cost),
        r2(c.costPerAnsweredCall),
      ]),
    },
    {
      name: "Trunks",
      title: T.trunks,
      definition: "byTrunk",
      columns: T.trunksColumns,
      formats: [undefined, undefined, undefined, undefined, undefined, undefined, "money", "money", "money"],
      rows: a.byTrunk.map((t) => {
        const peak = a.concurrency.find((c) => c.trunk === t.trunk);
        return [
          t.trunk,
          t.channels,
          t.calls,
          t.refusedBusy,
          r2(t.minutes),
          r2(t.billedMinutes),
          r2(t.callCost),
          r2(t.feeCost),
          r2(t.cost),
          peak?.peak ?? 0,
          // The hotline's wall-clock time, as every other time in the report.
          peak?.at ? localInstant(peak.at, a.week.timezone, m) : null,
        ];
      }),
    },
    {
      name: "Survey",
      title: T.survey,
      definition: "survey",
      columns: T.surveyColumns,
      rows: a.survey.distribution.map((n, i) => [i + 1, n]),
    },
    dispositionsTable(a, m),
    ...planningTables(report),
  ];
}

/** The configuration's target for a headline number, where it sets one. */
function targetOf(key: string, t: WeeklyReport["analysis"]["targets"]): number | null {
  if (key === "serviceLevel" || key === "serviceLevelWithAbandons") return t.serviceLevelTarget;
  if (key === "abandonRate") return t.abandonRateTarget;
  return null;
}

/** Operators needed against planned, and the contracts when candidates are configured. */
function planningTables(report: WeeklyReport): Table[] {
  const a = report.analysis;
  const P = planningMessages(report.language);
  const m = messages(report.language);
  const { staffing, tariffs } = a.planning;
  const gaps = [...staffing.short, ...staffing.spare].sort((x, y) => x.day - y.day || x.fromHour - y.fromHour);
  const out: Table[] = [
    {
      name: "Staffing",
      title: P.staffing,
      columns: P.staffingColumns,
      rows: gaps.map((g) => [
        hoursLabel(g.day, g.fromHour, g.toHour, m.weekdays),
        g.needed,
        plannedRange(g),
        g.kind === "short" ? P.short : P.spare,
      ]),
    },
  ];
  if (tariffs)
    out.push({
      name: "Contracts",
      title: P.contracts,
      columns: P.contractsColumns,
      formats: [undefined, "money", "money", "money", "money", undefined, "num"],
      rows: [
        ...tariffs.current.map((b) => ({ ...b, offer: P.inForce(b.trunk ?? b.offer) })),
        ...(tariffs.currentTotal ? [{ ...tariffs.currentTotal, offer: P.inForceTotal }] : []),
        ...tariffs.offers,
      ].map((b) => [
        `${b.offer} (${b.currency})`,
        r2(b.perWeek),
        r2(b.perMonth),
        r2(b.perTerm),
        r2(b.perAnsweredCall),
        b.blocked,
        Math.round(Object.values(b.billedMinutes).reduce((x, y) => x + y, 0)),
      ]),
    });
  return out;
}

/** A cell as text, by the column's format; control characters (from caller ID) shown as escapes. */
export function cellText(value: Cell, format?: string): string {
  if (value === null) return "–";
  if (typeof value === "string") return showText(value);
  if (format === "pct") return pct(value, 1);
  if (format === "duration") return duration(value);
  if (format === "money") return value.toFixed(2);
  return Number.isInteger(value) ? value.toLocaleString("en-GB") : String(value);
}
