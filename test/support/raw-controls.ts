/** The control and bidi characters left raw in a text, besides the line feeds a document may have between lines. */
export function rawControls(text: string, { lineFeeds = false } = {}): string[] {
  return [...text].filter((c) => {
    const n = c.codePointAt(0) ?? 0;
    if (c === "\n") return lineFeeds;
    return n < 0x20 || (n >= 0x7f && n <= 0x9f) || (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069);
  });
}
