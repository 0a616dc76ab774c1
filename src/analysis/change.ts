/** Week-over-week change of one number: absolute delta and, where it means something, relative change. */
export interface Change {
  current: number | null;
  previous: number | null;
  delta: number | null;
  relative: number | null;
}

export function change(current: number | null, previous: number | null): Change {
  const delta = current !== null && previous !== null ? current - previous : null;
  const relative = delta !== null && previous ? delta / previous : null;
  return { current, previous, delta, relative };
}
