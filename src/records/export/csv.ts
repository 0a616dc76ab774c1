import type { CallRow } from "../rows.ts";
import { CALL_COLUMNS, localIso } from "./columns.ts";

/**
 * One CSV row per call, every column, RFC 4180: CRLF line ends, a field with a comma, quote or line
 * break is quoted and its quotes doubled. Times are ISO 8601 in the organization's zone with the offset.
 * Caller ID is the caller's to choose, so a text that a spreadsheet would run as a formula
 * (=, @, or +/- not followed by a phone number) gets a leading apostrophe.
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
        return field(defuse(String(value)));
      }).join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Quote when RFC 4180 requires it. */
export function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const PHONE_LIKE = /^[+-]?[\d\s().-]*$/;

/** Keep spreadsheet formula injection out of caller-supplied text. */
export function defuse(text: string): string {
  const first = text[0];
  if (first === "=" || first === "@" || first === "\t" || first === "\r") return `'${text}`;
  if ((first === "+" || first === "-") && !PHONE_LIKE.test(text)) return `'${text}`;
  return text;
}
