import { beforeAll, describe, expect, it } from "vitest";
import { findings, serviceLevelDips } from "../../../src/analysis/findings.ts";
import { messages, valueIn } from "../../../src/analysis/messages.ts";
import { renderHtml } from "../../../src/analysis/render/html.ts";
import { renderMarkdown } from "../../../src/analysis/render/markdown.ts";
import { reportTables } from "../../../src/analysis/render/tables.ts";
import { buildReport, type WeeklyReport } from "../../../src/analysis/report.ts";
import { generateWeek } from "../../../src/analysis/seed/generate.ts";
import { seedPlan } from "../../../src/analysis/seed/plan.ts";
import { settingsFromConfig } from "../../../src/analysis/settings.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { reportSchema } from "../../../src/config/report-schema.ts";

const hour = (h: number, answered: number, within: number) => ({
  hour: h,
  offered: answered,
  answered,
  answeredWithinTarget: within,
  serviceLevel: answered ? within / answered : null,
});

describe("a service-level dip in one hour", () => {
  it("is an hour with enough answered calls, below target and at least 10 points below the week", () => {
    const hours = [hour(9, 100, 85), hour(10, 100, 69), hour(11, 100, 74), hour(12, 10, 2), hour(13, 100, 60)];
    expect(serviceLevelDips(hours, 0.82, 0.8).map((h) => h.hour)).toEqual([13, 10]); // worst first
    expect(serviceLevelDips(hours, 0.82, 0.5).map((h) => h.hour)).toEqual([]); // all above a low target
    expect(serviceLevelDips(hours, 0.7, 0.8).map((h) => h.hour)).toEqual([13]); // 10:00 is near a weak week
    expect(serviceLevelDips(hours, null, 0.8)).toEqual([]);
    expect(serviceLevelDips([hour(10, 19, 0)], 0.9, 0.8)).toEqual([]); // too few calls to tell
  });

  it("names at most three hours", () => {
    const hours = [1, 2, 3, 4].map((h) => hour(h, 50, 10 + h));
    expect(serviceLevelDips(hours, 0.9, 0.8).map((h) => h.hour)).toEqual([1, 2, 3]);
  });
});

describe("the seeded week's report", () => {
  let en: WeeklyReport;
  let es: WeeklyReport;
  beforeAll(async () => {
    const loaded = await loadConfig("config/hotline.example.yaml");
    if (!loaded.ok) throw new Error("example configuration does not load");
    const config = loaded.config;
    const week = isoWeek("2026-W47", config.organization.timezone);
    const w = generateWeek(seedPlan(config), week);
    const data = { week, previousCalls: [], synthetic: true, ...w };
    const settings = settingsFromConfig(config);
    const at = new Date("2026-11-23T06:00:00Z");
    en = buildReport(data, settings, config.organization.name, at);
    es = buildReport(data, settings, config.organization.name, at, "es");
  });

  it("has a finding for 10:00, whose service level dips well below the week's", () => {
    const ten = en.analysis.serviceLevelByHour[10];
    expect(ten?.serviceLevel).toBeLessThan(0.7);
    expect(en.analysis.summary.serviceLevel).toBeGreaterThan(0.8); // the week as a whole meets its target
    const dip = en.findings.find((f) => f.metric === "serviceLevelByHour" && f.text.includes("10:00"));
    expect(dip).toMatchObject({ kind: "weakness" });
    expect(dip?.text).toMatch(/^Service level dipped to 69 % between 10:00 and 11:00 \(the week: 8\d %\)$/);
    expect(findings(es.analysis, "es").map((f) => f.metric)).toEqual(en.findings.map((f) => f.metric));
  });

  it("in Spanish: <html lang>, headings, findings, definitions with human headings", () => {
    const html = renderHtml(es);
    expect(html).toContain('<html lang="es">');
    for (const text of ["Conclusiones", "Definiciones", "Nivel de servicio", "Llamadas por día", "debilidad"])
      expect(html).toContain(text);
    expect(html).toContain("El nivel de servicio cayó al 69 % entre las 10:00 y las 11:00");
    expect(html).toContain("<dt>Nivel de servicio contando abandonos</dt>");
    expect(html).not.toContain("<dt>serviceLevelWithAbandons</dt>");
    for (const english of ["Findings", "Definitions", "Calls received", "weekly hotline report", "none this week"])
      expect(html).not.toContain(english);
    expect(renderMarkdown(es)).toContain("## Conclusiones");
    expect(messages("es").page.mailSubject("Org", "2026-W47", "1", "82 %")).toBe(
      "Org: informe de la línea 2026-W47 (datos sintéticos), nivel de servicio 82 %",
    );
    expect(renderHtml(en)).toContain("<dt>Service level counting abandons</dt>");
    expect(renderHtml(en)).toContain('<html lang="en">');
  });

  it("outcomes, journey steps and pause reasons are words of the language, unknown values as they are", () => {
    const rows = (name: string) =>
      reportTables(es)
        .find((t) => t.name === name)
        ?.rows.map((r) => r[0]) ?? [];
    expect(rows("Outcomes")).toContain("atendida");
    expect(rows("Journey")).toEqual(["saludo e idioma", "menú", "respuesta preparada", "cola"]);
    expect(rows("Pauses")).toEqual(expect.arrayContaining(["comida", "descanso"]));
    expect(valueIn(messages("es"), "resolved")).toBe("resolved");
  });

  it("shows the trunks' peaks in the hotline's local time, not UTC", () => {
    const trunks = reportTables(es).find((t) => t.name === "Trunks");
    const at = trunks?.rows.map((r) => r.at(-1)).filter((x) => x !== null);
    expect(at?.length).toBeGreaterThan(0);
    for (const x of at ?? []) expect(x).toMatch(/^(lun|mar|mié|jue|vie|sáb|dom) 2026-11-(1[6-9]|2[0-2]) \d\d:\d\d$/);
    const raw = en.analysis.concurrency[0]?.at as string;
    const local = reportTables(en)
      .find((t) => t.name === "Trunks")
      ?.rows[0]?.at(-1);
    expect(raw).toMatch(/Z$/);
    expect(local).not.toContain("Z");
  });

  it("report.language is in the configuration's schema: en or es", () => {
    expect(reportSchema.parse({ language: "es" }).language).toBe("es");
    expect(reportSchema.parse({}).language).toBeUndefined();
    expect(reportSchema.safeParse({ language: "fr" }).success).toBe(false);
  });
});
