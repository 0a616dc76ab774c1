/**
 * The report's tables, once, in display order: the HTML, the Markdown and the workbook (one sheet
 * per table) all show the same rows. Cells are numbers where the workbook should calculate with
 * them, text where the value is a label.
 */

import { showText } from "../../records/neutralise.ts";
import { duration, pct } from "../format.ts";
import { WEEKDAY_NAMES } from "../metrics/volume.ts";
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
  const queueColumns = ["received", "offered", "answered", "abandoned", "service level", "ASA (s)"];
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
      title: "Headline numbers",
      columns: ["metric", "this week", "last week", "change"],
      formats: [undefined, "num", "num", "num"],
      rows: (
        [
          ["Calls received", "received", "n"],
          ["Offered to the queue", "offered", "n"],
          ["Answered by an operator", "answered", "n"],
          ["Abandoned", "abandoned", "n"],
          ["Short abandons", "shortAbandons", "n"],
          ["Abandon rate", "abandonRate", "pct"],
          ["Service level", "serviceLevel", "pct"],
          ["Service level counting abandons", "serviceLevelWithAbandons", "pct"],
          ["ASA (s)", "asa", "s"],
          ["Longest wait (s)", "longestWait", "s"],
          ["AHT (s)", "aht", "s"],
          ["After-hours calls", "afterHours", "n"],
          ["Overflowed", "overflowed", "n"],
          ["Waiting at closing", "waitingAtClosing", "n"],
          ["Repeat-call share", "repeatCallShare", "pct"],
          ["Survey mean (1–5)", "surveyMean", "n"],
        ] as const
      ).map(([label, key, kind]) => {
        const now = s[key];
        const before = p ? p[key] : null;
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
              ? `${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(1)} pts`
              : kind === "s"
                ? `${delta >= 0 ? "+" : "−"}${duration(Math.abs(delta))}`
                : r2(delta),
        ];
      }),
    },
    {
      name: "Findings",
      title: "Strengths and weaknesses",
      columns: ["kind", "finding", "evidence"],
      rows: report.findings.map((f) => [f.kind, f.text, f.evidence]),
    },
    {
      name: "Days",
      title: "Calls per day",
      columns: ["date", "day", "received", "offered", "answered", "abandoned", "after hours", "service level"],
      formats: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, "pct"],
      rows: a.callsPerDay.map((d) => [
        d.date,
        d.weekday,
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
      title: "Service level by hour of day",
      definition: "serviceLevel",
      columns: ["hour", "offered", "answered", "within target", "service level"],
      formats: [undefined, undefined, undefined, undefined, "pct"],
      rows: a.serviceLevelByHour
        .filter((h) => h.offered > 0)
        .map((h) => [`${h.hour}:00`, h.offered, h.answered, h.answeredWithinTarget, r4(h.serviceLevel)]),
    },
    {
      name: "Heatmap",
      title: "Calls by weekday and hour (operators on shift in brackets)",
      definition: "heatmap",
      columns: ["day", ...Array.from({ length: 24 }, (_, h) => String(h))],
      rows: WEEKDAY_NAMES.map((day, d) => [
        day,
        ...Array.from({ length: 24 }, (_, h) => {
          const calls = a.heatmap.calls[d]?.[h] ?? 0;
          const on = a.heatmap.operatorsOnShift[d]?.[h] ?? 0;
          return on > 0 ? `${calls} (${on})` : calls;
        }),
      ]),
    },
    {
      name: "Outcomes",
      title: "Outcomes",
      columns: ["outcome", "calls", "share"],
      formats: [undefined, undefined, "pct"],
      rows: a.outcomes.map((o) => [o.outcome, o.calls, r4(o.share)]),
    },
    {
      name: "Operators",
      title: "Operators",
      definition: "occupancy",
      columns: [
        "operator",
        "calls",
        "handle (h)",
        "logged in (h)",
        "paused (h)",
        "planned (h)",
        "occupancy",
        "adherence",
      ],
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
      title: "Pauses by reason",
      definition: "pauses",
      columns: ["reason", "pauses", "planned", "unplanned", "minutes"],
      rows: a.pauses.map((x) => [x.reason, x.pauses, x.planned, x.unplanned, Math.round(x.seconds / 60)]),
    },
    {
      name: "After hours",
      title: "After-hours calls by hour",
      definition: "afterHours",
      columns: ["hour", "calls"],
      rows: a.afterHours.byHour.map((n, h) => [`${h}:00`, n] as Cell[]).filter((row) => (row[1] as number) > 0),
    },
    {
      name: "Journey",
      title: "Where callers hung up",
      definition: "menuDropoff",
      columns: ["step", "reached", "hung up", "rate"],
      formats: [undefined, undefined, undefined, "pct"],
      rows: a.menuDropoff.map((d) => [d.step, d.reached, d.hungUp, r4(d.rate)]),
    },
    {
      name: "Overflow",
      title: "Overflow by destination",
      definition: "overflow",
      columns: ["destination", "calls"],
      rows: a.overflow.byTarget.map((o) => [o.target, o.calls]),
    },
    {
      name: "Transfers",
      title: "Transfers by topic",
      definition: "transfers",
      columns: ["topic", "answered", "transferred", "share", "mostly to", "calls"],
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
      title: "Callbacks that keep the caller's place",
      columns: ["metric", "value"],
      formats: [undefined, "num"],
      rows: [
        ["Requested", a.callbacks.requested],
        ["Made (dialled at least once)", a.callbacks.made],
        ["Reached", a.callbacks.reached],
        ["Given up", a.callbacks.failed],
        ["Still to make", a.callbacks.pending],
        ["Time to callback, mean (s)", r2(a.callbacks.timeToCallback.mean)],
        ["Time to callback, median (s)", r2(a.callbacks.timeToCallback.median)],
        ["Arrival to reached, mean (s)", r2(a.callbacks.timeToServed.mean)],
        ["Wait of callers answered live, mean (s)", r2(a.callbacks.answeredWait)],
        ["Beat the waiting time", a.callbacks.beatWaiting === null ? "n/a" : a.callbacks.beatWaiting ? "yes" : "no"],
      ],
    },
    {
      name: "Topics",
      title: "By topic",
      columns: ["topic", ...queueColumns],
      formats: queueFormats,
      rows: a.byTopic.map(queueRow),
    },
    {
      name: "Languages",
      title: "By language",
      columns: ["language", ...queueColumns],
      formats: queueFormats,
      rows: a.byLanguage.map(queueRow),
    },
    {
      name: "Hotlines",
      title: "By hotline",
      columns: ["hotline", ...queueColumns],
      formats: queueFormats,
      rows: a.byHotline.map(queueRow),
    },
    {
      name: "Campaigns",
      title: "By campaign (number dialled)",
      definition: "byCampaign",
      columns: [
        "campaign",
        "numbers",
        "received",
        "after hours",
        "answered",
        "abandoned",
        "service level",
        `cost (${cur})`,
        `per answered call (${cur})`,
      ],
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
      title: "By trunk",
      definition: "byTrunk",
      columns: [
        "trunk",
        "channels",
        "calls",
        "refused busy",
        "minutes",
        "billed minutes",
        "call cost",
        "fee",
        "cost",
        "peak calls",
        "peak at",
      ],
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
          peak?.at ?? null,
        ];
      }),
    },
    {
      name: "Survey",
      title: "Survey answers",
      definition: "survey",
      columns: ["score", "answers"],
      rows: a.survey.distribution.map((n, i) => [i + 1, n]),
    },
    dispositionsTable(a),
  ];
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
