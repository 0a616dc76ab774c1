/** Half-open time intervals [start, end) in epoch ms, and the little algebra adherence needs. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, overlapping and touching intervals joined; empty ones dropped. */
export function merge(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = merge(a);
  const y = merge(b);
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

export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cut = merge(b);
  const out: Interval[] = [];
  for (const p of merge(a)) {
    let start = p.start;
    for (const q of cut) {
      if (q.end <= start || q.start >= p.end) continue;
      if (q.start > start) out.push({ start, end: q.start });
      start = Math.max(start, q.end);
    }
    if (start < p.end) out.push({ start, end: p.end });
  }
  return out;
}

export function clip(list: readonly Interval[], window: Interval): Interval[] {
  return intersect(list, [window]);
}

/** Total length in seconds. */
export function seconds(list: readonly Interval[]): number {
  return merge(list).reduce((sum, i) => sum + (i.end - i.start), 0) / 1000;
}
