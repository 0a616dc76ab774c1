/**
 * Half-open intervals [start, end): instants in epoch ms, or minutes of a day or a week. The little
 * algebra rosters, staffing and adherence need; every function returns new, sorted, disjoint
 * intervals and ignores empty ones.
 */

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Overlapping and touching intervals joined. */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** What both cover. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = union(a);
  const y = union(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as Interval;
    const q = y[j] as Interval;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (end > start) out.push({ start, end });
    if (p.end < q.end) i++;
    else j++;
  }
  return out;
}

/** What of `from` is not covered by `cover`. */
export function subtract(from: readonly Interval[], cover: readonly Interval[]): Interval[] {
  const holes = union(cover);
  const out: Interval[] = [];
  for (const p of union(from)) {
    let start = p.start;
    for (const h of holes) {
      if (h.end <= start || h.start >= p.end) continue;
      if (h.start > start) out.push({ start, end: h.start });
      start = Math.max(start, h.end);
    }
    if (start < p.end) out.push({ start, end: p.end });
  }
  return out;
}

/** The part of `list` inside `window`. */
export function clip(list: readonly Interval[], window: Interval): Interval[] {
  return intersect(list, [window]);
}

/** Whether two intervals share a moment (touching is not overlapping). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Total length covered, in the intervals' own unit. */
export function totalLength(list: readonly Interval[]): number {
  return union(list).reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** Total length of intervals in epoch ms, in seconds. */
export function seconds(list: readonly Interval[]): number {
  return totalLength(list) / 1000;
}
