import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/analysis/render/html.ts";
import { renderMarkdown } from "../../../src/analysis/render/markdown.ts";
import { reportTables } from "../../../src/analysis/render/tables.ts";
import { buildReport, type WeeklyReport } from "../../../src/analysis/report.ts";
import { generateWeek } from "../../../src/analysis/seed/generate.ts";
import { seedPlan } from "../../../src/analysis/seed/plan.ts";
import { type AnalysisSettings, settingsFromConfig } from "../../../src/analysis/settings.ts";
import type { WeekData } from "../../../src/analysis/types.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { loadConfig } from "../../../src/config/index.ts";

/** The example configuration's seeded week: two trunks in force, two candidate offers. */
describe("the report's planning part", () => {
  let data: WeekData;
  let settings: AnalysisSettings;
  let en: WeeklyReport;
  let es: WeeklyReport;
  const at = new Date("2026-11-23T06:00:00Z");
  beforeAll(async () => {
    const loaded = await loadConfig("config/hotline.example.yaml");
    if (!loaded.ok) throw new Error("example configuration does not load");
    const config = loaded.config;
    const week = isoWeek("2026-W47", config.organization.timezone);
    data = { week, previousCalls: [], synthetic: true, ...generateWeek(seedPlan(config), week) };
    settings = settingsFromConfig(config);
    en = buildReport(data, settings, config.organization.name, at);
    es = buildReport(data, settings, config.organization.name, at, "es");
  });

  it("names the hours short of operators, the worst first, with the model and targets as evidence", () => {
    const short = en.findings.find((f) => f.metric === "staffing" && f.kind === "weakness");
    expect(short?.text).toMatch(
      /^Too few operators planned: (Mon|Tue|Wed|Thu|Fri|Sat) \d\d–\d\d: \d+ needed, [\d.–]+ planned; .*; and \d+ more\.$/,
    );
    expect(short?.evidence).toMatch(
      /^Erlang A, callers giving up after \d+ min \d\d s on average, for 80 % answered within 20 s/,
    );
    const first = en.analysis.planning.staffing.short[0];
    const second = en.analysis.planning.staffing.short[1];
    if (!first || !second) throw new Error("no short hours");
    const missing = (g: typeof first) => (g.needed - g.plannedLeast) * (g.toHour - g.fromHour);
    expect(missing(first)).toBeGreaterThanOrEqual(missing(second));
  });

  it("compares the contract in force with the candidates on the week's calls", () => {
    const t = en.analysis.planning.tariffs;
    if (!t) throw new Error("no comparison");
    expect(t.current.map((b) => b.trunk)).toEqual(["main-trunk", "backup-trunk"]);
    expect(t.offers.map((b) => b.offer)).toEqual(["carrier-b-flat", "carrier-c-24-months"]);
    const best = [...t.offers].sort((a, b) => a.perMonth - b.perMonth)[0];
    const cheaper = en.findings.find((f) => f.metric === "tariffs");
    expect(cheaper?.kind).toBe("note");
    expect(cheaper?.text).toContain(
      `${best?.offer} would have cost ${best?.perMonth.toFixed(2)} EUR a month instead of`,
    );
    const channels = en.findings.find((f) => f.metric === "channels");
    expect(channels?.text).toMatch(
      /^40 channels are paid for; \d+ would keep blocking under 1\.0 % at this week's busiest hour\.$/,
    );
  });

  it("without candidate offers: no contracts table and no contract finding", () => {
    const { tariffs: _, ...none } = settings;
    const r = buildReport(data, none, "Org", at);
    expect(r.analysis.planning.tariffs).toBeNull();
    expect(reportTables(r).map((x) => x.name)).not.toContain("Contracts");
    expect(r.findings.some((f) => f.metric === "tariffs" || f.metric === "channels")).toBe(false);
  });

  it("shows both tables in the HTML, the Markdown and the workbook's sheets, in English and Spanish", () => {
    const names = reportTables(en).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(["Staffing", "Contracts"]));
    const html = renderHtml(en);
    expect(html).toContain("<h2>Planning: operators and contracts</h2>");
    expect(html).toContain("<h3>Operators needed against planned</h3>");
    expect(html).toMatch(/<td>in force, all trunks \(EUR\)<\/td>/);
    expect(html).toMatch(/Busiest hour \w{3} 2026-11-\d\d \d\d:00: [\d.]+ erlangs offered/);
    const md = renderMarkdown(en);
    expect(md).toContain("## Your contract and the alternatives");
    const esHtml = renderHtml(es);
    for (const text of [
      "Planificación: operadores y contratos",
      "Operadores necesarios frente a los previstos",
      "Su contrato y las alternativas",
      "vigente, todas las troncales",
      "Faltan operadores previstos: ",
    ])
      expect(esHtml).toContain(text);
    for (const english of ["Too few operators", "in force", "would have cost", "Busiest hour"])
      expect(esHtml).not.toContain(english);
  });

  it("the first week after opening: against the targets, ending with what to change", () => {
    const first = buildReport({ ...data, previousCalls: data.calls }, settings, "Org", at, "en", { firstWeek: true });
    // Whatever came before, the first week compares with the targets only.
    expect(first.analysis.previous).toBeNull();
    const summary = reportTables(first).find((t) => t.name === "Summary");
    expect(summary?.columns).toEqual(["metric", "this week", "target", "against target"]);
    expect(summary?.rows.find((r) => r[0] === "Service level")?.[2]).toBe("80.0 %");
    const decisions = first.firstWeek?.whatToChange ?? [];
    expect(decisions).toHaveLength(3);
    expect(decisions[0]).toMatch(/^Operators: roster more where the calls need them: \w{3} \d\d–\d\d: \d+ needed/);
    expect(decisions[1]).toMatch(
      /^Contract: consider carrier-\S+, [\d.]+ EUR a month instead of [\d.]+ EUR \(-\d+ %\)/,
    );
    expect(decisions[1]).toMatch(/Channels: \d+ would do instead of 40/);
    expect(decisions[2]).toMatch(/^Hours: [\d,]+ calls \(\d+ %\) came while closed, most on \w+day and around \d\d:00/);
    expect(renderMarkdown(first)).toContain(
      "compared with the targets in the configuration (first week after opening)",
    );
    expect(renderHtml(first)).toContain('<h2>What to change</h2><ol class="decisions"><li>Operators: ');
    const es = buildReport(data, settings, "Org", at, "es", { firstWeek: true });
    expect(es.firstWeek?.whatToChange.map((d) => d.split(":")[0])).toEqual(["Operadores", "Contrato", "Horario"]);
    expect(renderMarkdown(es)).toContain("## Qué cambiar");
    // An ordinary week has no such list.
    expect(en.firstWeek).toBeUndefined();
    expect(renderHtml(en)).not.toContain("What to change");
  });
});
