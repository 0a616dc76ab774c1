/** Half-open time intervals [start, end) in ms, for rosters and opening hours. */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Sorted, overlapping and touching spans joined. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}

/** What of `from` is not covered by `cover`. */
export function subtract(from: readonly Span[], cover: readonly Span[]): Span[] {
  const holes = union(cover);
  const out: Span[] = [];
  for (const s of union(from)) {
    let start = s.start;
    for (const h of holes) {
      if (h.end <= start || h.start >= s.end) continue;
      if (h.start > start) out.push({ start, end: h.start });
      start = Math.max(start, h.end);
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}
