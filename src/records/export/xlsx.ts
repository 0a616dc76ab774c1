import writeXlsxFile, { type Cell, type SheetData } from "write-excel-file/node";
import { showText } from "../neutralise.ts";
import type { CallRow } from "../rows.ts";
import { CALL_COLUMNS, wallClock } from "./columns.ts";

const DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";

/**
 * The calls as an .xlsx workbook: one sheet, a bold frozen header, times as real spreadsheet dates in
 * the organization's wall-clock time, numbers as numbers, the rest as text (so caller numbers keep
 * their "+" and leading zeros, and nothing is ever evaluated as a formula). Control characters in
 * caller ID are shown as escapes: they would make the sheet's XML invalid or hide what follows.
 */
export function callsXlsx(calls: readonly CallRow[], timezone: string): Promise<Buffer> {
  const header: Cell[] = CALL_COLUMNS.map((c) => ({ value: c.name, fontWeight: "bold" }));
  const data: SheetData = [header];
  for (const call of calls) {
    data.push(
      CALL_COLUMNS.map(({ name, type }): Cell => {
        const value = call[name];
        if (value === null || value === undefined) return null;
        if (type === "time") return { value: wallClock(String(value), timezone), type: Date, format: DATE_FORMAT };
        if (type === "number") return { value: Number(value), type: Number };
        return { value: showText(String(value)), type: String };
      }),
    );
  }
  return writeXlsxFile(data, {
    sheet: "Calls",
    stickyRowsCount: 1,
    columns: CALL_COLUMNS.map((c) => ({ width: c.type === "time" ? 20 : c.name === "outcome_detail" ? 40 : 14 })),
  }).toBuffer();
}
