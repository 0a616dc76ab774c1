import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { renderHtml } from "../../../src/analysis/render/html.ts";
import { renderMarkdown } from "../../../src/analysis/render/markdown.ts";
import { renderXlsx } from "../../../src/analysis/render/xlsx.ts";
import { buildReport } from "../../../src/analysis/report.ts";
import { printTable } from "../../../src/cli/table.ts";
import { createLogger } from "../../../src/logger.ts";
import { showText, spreadsheetText } from "../../../src/records/neutralise.ts";
import { rawControls } from "../../support/raw-controls.ts";
import { unzip } from "../../support/unzip.ts";
import { SETTINGS } from "../analysis/fixtures.ts";
import { weekData } from "../analysis/week-w47.ts";

const HOSTILE = "+34600\r\n\u202E1\u0007\u001b[2J\u0085\u2066x";
describe("neutralising caller ID", () => {
  it("shows control and bidi characters as escapes, keeps the rest", () => {
    expect(showText(HOSTILE)).toBe("+34600\\r\\n\\u202E1\\u0007\\u001B[2J\\u0085\\u2066x");
    expect(showText("María +34 600 111 222")).toBe("María +34 600 111 222");
  });

  it("puts an apostrophe before what a spreadsheet would read as a formula", () => {
    expect(spreadsheetText("+34910000001")).toBe("'+34910000001");
    expect(spreadsheetText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(spreadsheetText("-1+1")).toBe("'-1+1");
    expect(spreadsheetText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetText("\t=1")).toBe("\\t=1");
    expect(spreadsheetText("\r=1")).toBe("\\r=1");
    expect(spreadsheetText("Ana")).toBe("Ana");
  });

  it("in the weekly report: HTML, Markdown and workbook", async () => {
    const data = weekData();
    const calls = data.calls.map((c) => ({ ...c, hotline: HOSTILE }));
    const report = buildReport({ ...data, calls }, SETTINGS, "Org", new Date("2026-11-23T08:00:00Z"));
    const html = renderHtml(report);
    expect(rawControls(html).filter((c) => c !== "\t")).toEqual([]);
    expect(html).toContain("+34600\\r\\n\\u202E1");
    const md = renderMarkdown(report);
    expect(md.split("\n").find((l) => l.includes("+34600"))).toContain("\\u202E1\\u0007");
    expect(rawControls(md)).toEqual([]);
    const xml = [...unzip(await renderXlsx(report)).values()].join("");
    expect(xml).toContain("+34600\\r\\n\\u202E1");
    expect(rawControls(xml)).toEqual([]);
  });

  it("in CLI tables", () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      printTable(["id", "caller"], [["v1", HOSTILE]]);
    } finally {
      spy.mockRestore();
    }
    const lines = out.join("").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe("v1  +34600\\r\\n\\u202E1\\u0007\\u001B[2J\\u0085\\u2066x");
    expect(rawControls(out.join(""))).toEqual([]);
  });

  it("in log lines' caller fields", () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ stream, level: "info" });
    log.info({ caller: HOSTILE, trunk: "main" }, "call started");
    log.info({ number: "=1\u202E" }, "callback refused");
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.caller).toBe(showText(HOSTILE));
    expect(first.trunk).toBe("main");
    expect(second.number).toBe("=1\\u202E");
    expect(lines.join("")).not.toContain("\u202E");
  });
});
