/** The report as Markdown: the e-mail body (readable as plain text too) and report.md. */

import { showText } from "../../records/neutralise.ts";
import { count, duration, pct } from "../format.ts";
import { type DefinitionKey, messages } from "../messages.ts";
import { planningMessages } from "../planning-messages.ts";
import type { WeeklyReport } from "../report.ts";
import { cellText, reportTables, type Table } from "./tables.ts";

export function renderMarkdown(report: WeeklyReport): string {
  const a = report.analysis;
  const s = a.summary;
  const m = messages(report.language);
  const P = m.page;
  const n = (x: number) => count(x, m.locale);
  const lines: string[] = [
    `# ${P.heading(report.organization)} ${a.week.label}`,
    "",
    P.markdownIntro(
      a.week.days[0] ?? "",
      a.week.days[6] ?? "",
      a.week.timezone,
      report.firstWeek ? planningMessages(report.language).firstWeek.againstTargets : a.previousWeek,
    ),
    "",
  ];
  if (a.synthetic) {
    const [head, ...rest] = P.synthetic.split(":");
    lines.push(`> **${head}**:${rest.join(":")}`, "");
  }
  lines.push(
    P.markdownSummary(
      n(s.received),
      n(s.answered),
      n(s.offered),
      pct(s.serviceLevel),
      pct(a.targets.serviceLevelTarget),
      pct(s.abandonRate, 1),
      duration(s.asa),
      duration(a.handling.aht),
    ),
    "",
    `## ${P.findings}`,
    "",
  );
  for (const f of report.findings)
    lines.push(`- **${m.kinds[f.kind]}**: ${showText(f.text)}  \n  _${showText(f.evidence)}_`);
  if (report.findings.length === 0) lines.push(`- ${P.noFindings}`);
  for (const t of reportTables(report)) {
    if (t.name === "Findings" || t.name === "Heatmap") continue;
    lines.push("", `## ${t.title}`, "", ...markdownTable(t, P.none));
    if (t.definition && a.definitions[t.definition]) lines.push("", `_${a.definitions[t.definition]}_`);
  }
  if (report.firstWeek) {
    lines.push("", `## ${planningMessages(report.language).firstWeek.whatToChange}`, "");
    lines.push(...report.firstWeek.whatToChange.map((d, i) => `${i + 1}. ${d}`));
  }
  lines.push("", `## ${P.definitions}`, "");
  for (const [k, v] of Object.entries(a.definitions))
    lines.push(`- **${m.definitionTitles[k as DefinitionKey] ?? k}**: ${v}`);
  lines.push("", P.markdownFooter(report.generatedAt), "");
  return lines.join("\n");
}

function markdownTable(t: Table, none: string): string[] {
  if (t.rows.length === 0) return [`(${none})`];
  const esc = (v: string) => v.replace(/\|/g, "\\|");
  return [
    `| ${t.columns.map(esc).join(" | ")} |`,
    `| ${t.columns.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map((v, i) => esc(cellText(v, t.formats?.[i]))).join(" | ")} |`),
  ];
}
