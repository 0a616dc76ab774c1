import { showText } from "../records/neutralise.ts";

/**
 * A plain text table for the terminal: columns padded to their widest cell. Cells may hold caller ID,
 * so control characters are shown as escapes (a CR or an escape sequence would garble the table).
 */
export function printTable(header: string[], raw: string[][]): void {
  const rows = raw.map((r) => r.map(showText));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const line of [header, ...rows])
    print(
      line
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
