/**
 * Caller ID is the caller's to choose: it is stored as received, and made harmless only where it is
 * shown or exported. Control characters (line breaks, escapes that recolour a terminal) and bidi
 * controls (U+202E flips how the rest of a line reads) become visible escapes such as `\n` or `\u202E`,
 * so an admin sees that they were there.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to neutralise
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Text safe to show in a terminal, a log line, HTML or Markdown (escape those formats' own characters too). */
export function showText(raw: string): string {
  return raw.replace(
    INVISIBLE,
    (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/**
 * Text for a CSV cell a spreadsheet may open: what `showText` gives, and a leading apostrophe when it
 * would start with `=`, `+`, `-` or `@` (OWASP's CSV-injection advice). Spreadsheets hide that
 * apostrophe and keep the cell as text, so a number such as +34910000001 keeps its plus sign.
 */
export function spreadsheetText(raw: string): string {
  const shown = showText(raw);
  return /^[=+\-@]/.test(shown) ? `'${shown}` : shown;
}
