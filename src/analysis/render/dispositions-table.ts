import type { WeeklyAnalysis } from "../analyze.ts";
import { type Messages, messages } from "../messages.ts";
import type { Table } from "./tables.ts";

/** Outcomes by topic, with first-contact resolution: one row per topic and a total. */
export function dispositionsTable(a: WeeklyAnalysis, m: Messages = messages("en")): Table {
  const d = a.dispositions;
  const row = (
    label: string,
    t: { answered: number; disposed: number; fcr: number | null },
    counts: Record<string, number>,
  ) => [
    label,
    t.answered,
    t.disposed,
    ...d.names.map((n) => counts[n] ?? 0),
    t.fcr === null ? null : Math.round(t.fcr * 10000) / 10000,
  ];
  const totals: Record<string, number> = {};
  for (const t of d.byTopic) for (const [n, c] of Object.entries(t.counts)) totals[n] = (totals[n] ?? 0) + c;
  return {
    name: "Dispositions",
    title: m.tables.dispositions,
    definition: "dispositions",
    columns: [...m.tables.dispositionsColumns.slice(0, 3), ...d.names, m.tables.dispositionsColumns[3]],
    formats: [undefined, undefined, undefined, ...d.names.map(() => undefined), "pct"],
    rows: [...d.byTopic.map((t) => row(t.topic, t, t.counts)), row(m.tables.allTopics, d, totals)],
  };
}
