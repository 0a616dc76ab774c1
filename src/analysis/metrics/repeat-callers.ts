import type { CallRecord } from "../types.ts";
import { ratio } from "./math.ts";

export interface RepeatCallers {
  /** Calls in the week from a number that had called within the window before (last week's calls count). */
  repeatCalls: number;
  /** Distinct numbers with at least one repeat call in the week. */
  repeatCallers: number;
  /** Calls in the week with a caller number (anonymous calls cannot repeat). */
  identifiedCalls: number;
  share: number | null;
}

const ANONYMOUS = new Set(["", "anonymous", "unknown", "restricted"]);

export function repeatCallers(
  calls: readonly CallRecord[],
  earlier: readonly CallRecord[],
  windowHours: number,
): RepeatCallers {
  const windowMs = windowHours * 3_600_000;
  const inWeek = new Set(calls.map((c) => c.id));
  const byNumber = new Map<string, CallRecord[]>();
  for (const c of [...earlier, ...calls]) {
    const n = (c.callerNumber ?? "").trim();
    if (ANONYMOUS.has(n.toLowerCase())) continue;
    const list = byNumber.get(n) ?? [];
    list.push(c);
    byNumber.set(n, list);
  }
  let repeatCalls = 0;
  let identifiedCalls = 0;
  const repeaters = new Set<string>();
  for (const [number, list] of byNumber) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    list.forEach((c, i) => {
      if (!inWeek.has(c.id)) return;
      identifiedCalls++;
      const before = list[i - 1];
      if (before && c.startedAt - before.startedAt <= windowMs) {
        repeatCalls++;
        repeaters.add(number);
      }
    });
  }
  return { repeatCalls, repeatCallers: repeaters.size, identifiedCalls, share: ratio(repeatCalls, identifiedCalls) };
}
