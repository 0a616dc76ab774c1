import { spreadsheetText } from "../neutralise.ts";
import type { CallRow } from "../rows.ts";
import { CALL_COLUMNS, localIso } from "./columns.ts";

/**
 * One CSV row per call, every column, RFC 4180: CRLF line ends, a field with a comma, quote or line
 * break is quoted and its quotes doubled. Times are ISO 8601 in the organization's zone with the offset.
 * Caller ID is the caller's to choose, so text cells go through `spreadsheetText`: control characters
 * shown as escapes, and a leading apostrophe where a spreadsheet would read a formula.
 */
export function callsCsv(calls: readonly CallRow[], timezone: string): string {
  const lines = [CALL_COLUMNS.map((c) => field(c.name)).join(",")];
  for (const call of calls) {
    lines.push(
      CALL_COLUMNS.map(({ name, type }) => {
        const value = call[name];
        if (value === null || value === undefined) return "";
        if (type === "time") return field(localIso(String(value), timezone));
        if (type === "number") return String(value);
        return field(spreadsheetText(String(value)));
      }).join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Quote when RFC 4180 requires it. */
export function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
