/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no script and no
 * external URL, so it opens offline, travels as an e-mail attachment and prints cleanly.
 */
import { count, duration, localInstant, pct, points, relative } from "../format.ts";
import { type DefinitionKey, messages } from "../messages.ts";
import { staffingModel } from "../planning-findings.ts";
import { planningMessages } from "../planning-messages.ts";
import type { WeeklyReport } from "../report.ts";
import { callsPerDayChart, heatmapChart, outcomesChart, serviceLevelChart } from "./charts.ts";
import { escapeHtml as e } from "./escape.ts";
import { cellText, reportTables, type Table } from "./tables.ts";

const CSS = `
:root { --ink: #1d2330; --muted: #5d6675; --line: #dfe3ea; --bad: #b3261e; --good: #1e7b4a; --note: #8a6d00; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0; background: #f6f7f9; }
main { max-width: 960px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.synthetic { background: #fff4ce; border: 1px solid #e0c060; padding: 8px 12px; border-radius: 4px; font-weight: 600; margin: 12px 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .change { font-size: 12px; color: var(--muted); }
.card.bad .value { color: var(--bad); }
.card.good .value { color: var(--good); }
ul.findings { list-style: none; padding: 0; margin: 0; }
ul.findings li { border-left: 4px solid var(--line); padding: 6px 10px; margin: 6px 0; background: #fafbfc; }
ul.findings li.weakness { border-color: var(--bad); }
ul.findings li.strength { border-color: var(--good); }
ul.findings li.note { border-color: var(--note); }
ul.findings .kind { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul.findings .evidence { color: var(--muted); font-size: 12px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.charts .wide { grid-column: 1 / -1; }
figure { margin: 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
table.heat td, table.heat th { padding: 2px 3px; font-size: 10px; }
td.text { text-align: left; white-space: normal; }
p.def { color: var(--muted); font-size: 12px; margin: 2px 0 10px; }
dl.defs dt { font-weight: 600; margin-top: 6px; }
dl.defs dd { margin: 0 0 0 0; color: var(--muted); }
footer { color: var(--muted); font-size: 11px; margin-top: 24px; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .card, figure, table, ul.findings li { break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  @page { size: A4; margin: 14mm; }
}
`;

export function renderHtml(report: WeeklyReport): string {
  const a = report.analysis;
  const s = a.summary;
  const t = a.targets;
  const m = messages(report.language);
  const P = m.page;
  const C = m.cards;
  const n = (x: number) => count(x, m.locale);
  const tables = reportTables(report);
  const table = (name: string) => tables.find((x) => x.name === name) as Table;
  const synthetic = a.synthetic ? `<p class="synthetic" role="note">${e(P.synthetic)}</p>` : "";
  const card = (label: string, value: string, change: string, state: "good" | "bad" | "" = "") =>
    `<div class="card ${state}"><div class="label">${e(label)}</div><div class="value">${e(value)}</div><div class="change">${e(change)}</div></div>`;
  const c = a.change;
  const cards = [
    card(C.received, n(s.received), C.receivedChange(relative(c.received.relative))),
    card(C.answered, n(s.answered), C.answeredChange(n(s.offered))),
    card(
      C.serviceLevel,
      pct(s.serviceLevel),
      C.serviceLevelChange(pct(t.serviceLevelTarget), points(c.serviceLevel.delta, m)),
      s.serviceLevel === null ? "" : s.serviceLevel >= t.serviceLevelTarget ? "good" : "bad",
    ),
    card(
      C.abandonRate,
      pct(s.abandonRate, 1),
      C.abandonRateChange(pct(t.abandonRateTarget), n(s.shortAbandons)),
      s.abandonRate === null ? "" : s.abandonRate <= t.abandonRateTarget ? "good" : "bad",
    ),
    card(C.asa, duration(s.asa), C.asaChange(duration(s.longestWait))),
    card(C.aht, duration(a.handling.aht), C.ahtChange(duration(a.handling.talk))),
    card(C.afterHours, n(s.afterHours), C.afterHoursChange(pct(s.afterHoursShare))),
    card(
      C.survey,
      s.surveyMean === null ? "–" : `${s.surveyMean.toFixed(1)} / 5`,
      C.surveyChange(n(a.survey.responses)),
    ),
  ].join("");
  const findings = report.findings
    .map(
      (f) =>
        `<li class="${f.kind}"><div class="kind">${e(m.kinds[f.kind])}</div><div>${e(f.text)}</div><div class="evidence">${e(f.evidence)}</div></li>`,
    )
    .join("");
  const section = (title: string, names: string[]) =>
    `<h2>${e(title)}</h2>${names.map((x) => tableHtml(table(x), a.definitions, P.none)).join("")}`;
  return `<!DOCTYPE html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(P.title(report.organization, a.week.label))}${a.synthetic ? e(P.titleSynthetic) : ""}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${e(P.heading(report.organization))}</h1>
<p class="sub">${e(P.sub(a.week.label, a.week.days[0] ?? "", a.week.days[6] ?? "", a.week.timezone, String(a.week.hours), report.firstWeek ? planningMessages(report.language).firstWeek.againstTargets : a.previousWeek))}</p>
${synthetic}
<section class="cards">${cards}</section>
<h2>${e(P.findings)}</h2>
<ul class="findings">${findings || `<li>${e(P.noFindings)}</li>`}</ul>
<h2>${e(P.charts)}</h2>
<div class="charts">
<figure class="wide">${heatmapChart(a, m)}</figure>
<figure>${callsPerDayChart(a, m)}</figure>
<figure>${serviceLevelChart(a, m)}</figure>
<figure>${outcomesChart(a, m)}</figure>
</div>
${section(P.theWeek, ["Summary", "Days", "Hours", "Outcomes"])}
<h2>${e(P.heatmap)}</h2>${tableHtml(table("Heatmap"), a.definitions, P.none, "heat")}
${section(P.operators, ["Operators", "Pauses"])}
${section(P.demand, ["After hours", "Journey", "Overflow"])}
<p class="def">${e(P.waitingAndRepeats(n(a.waitingAtClosing.calls), n(a.repeatCallers.repeatCalls), pct(a.repeatCallers.share), n(a.repeatCallers.repeatCallers)))}</p>
${section(P.breakdowns, ["Topics", "Languages", "Hotlines", "Campaigns", "Trunks", "Survey"])}
${section(P.outcomes, ["Dispositions"])}
${planningSection(report, (name) => tables.find((x) => x.name === name), P.none)}
${report.firstWeek ? `<h2>${e(planningMessages(report.language).firstWeek.whatToChange)}</h2><ol class="decisions">${report.firstWeek.whatToChange.map((d) => `<li>${e(d)}</li>`).join("")}</ol>` : ""}
<h2>${e(P.definitions)}</h2>
<dl class="defs">${Object.entries(a.definitions)
    .map(([k, v]) => `<dt>${e(m.definitionTitles[k as DefinitionKey] ?? k)}</dt><dd>${e(v)}</dd>`)
    .join("")}</dl>
<footer>${e(P.footer(report.generatedAt))}${a.synthetic ? e(P.footerSynthetic) : ""}.</footer>
</main>
</body>
</html>
`;
}

/** Operators needed against planned (with how they were worked out), then the contracts and channels. */
function planningSection(report: WeeklyReport, table: (name: string) => Table | undefined, none: string): string {
  const a = report.analysis;
  const P = planningMessages(report.language);
  const m = messages(report.language);
  const { model, targets } = staffingModel(a, report.language);
  const staffing = table("Staffing");
  const contracts = table("Contracts");
  const unrostered = a.planning.staffing.unrostered;
  let html = `<h2>${e(P.section)}</h2>`;
  if (staffing)
    html +=
      tableHtml(staffing, {}, none) +
      `<p class="def">${e(P.staffingIntro(model, targets) + (unrostered > 0 ? P.unrostered(String(unrostered)) : ""))}</p>`;
  const t = a.planning.tariffs;
  if (contracts && t) {
    html += `${tableHtml(contracts, {}, none)}<p class="def">${e(P.contractsIntro)}</p>`;
    const s = t.sizing;
    if (s.busyHour)
      html += `<p class="def">${e(
        P.channels(
          localInstant(s.busyHour, a.week.timezone, m),
          s.erlangs.toFixed(2),
          String(s.needed),
          pct(s.target, 1),
          String(s.current),
          pct(s.currentBlocking, 1),
        ),
      )}</p>`;
  }
  return html;
}

function tableHtml(t: Table, definitions: Record<string, string>, none: string, className = ""): string {
  const head = t.columns.map((c) => `<th>${e(c)}</th>`).join("");
  const body = t.rows.length
    ? t.rows
        .map(
          (r) =>
            `<tr>${r
              .map((v, i) => {
                const text = cellText(v, t.formats?.[i]);
                return `<td${typeof v === "string" && text.length > 30 ? ' class="text"' : ""}>${e(text)}</td>`;
              })
              .join("")}</tr>`,
        )
        .join("")
    : `<tr><td colspan="${t.columns.length}">${e(none)}</td></tr>`;
  const def =
    t.definition && definitions[t.definition] ? `<p class="def">${e(definitions[t.definition] as string)}</p>` : "";
  return `<h3>${e(t.title)}</h3><table${className ? ` class="${className}"` : ""}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${def}`;
}
