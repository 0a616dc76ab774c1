/**
 * The report's tables as a workbook, one sheet per table, numbers as numbers, text as string cells
 * (never evaluated as formulas) with control characters shown as escapes.
 */
import writeXlsxFile, { type SheetData } from "write-excel-file/node";
import { showText } from "../../records/neutralise.ts";
import { messages } from "../messages.ts";
import type { WeeklyReport } from "../report.ts";
import { reportTables } from "./tables.ts";

export async function renderXlsx(report: WeeklyReport): Promise<Buffer> {
  const tables = reportTables(report);
  const sheets = tables.map((t) => {
    const data: SheetData = [
      t.columns.map((c) => ({ value: c, fontWeight: "bold" as const })),
      ...t.rows.map((r) =>
        r.map((v) => (v === null ? null : typeof v === "string" ? { value: showText(v), type: String } : { value: v })),
      ),
    ];
    return { data, sheet: t.name.slice(0, 31), stickyRowsCount: 1 };
  });
  if (report.analysis.synthetic) {
    const first = sheets[0];
    if (first)
      first.data.unshift([{ value: messages(report.language).page.workbookSynthetic, fontWeight: "bold" as const }]);
  }
  const out = await writeXlsxFile(sheets).toBuffer();
  return out as Buffer;
}
