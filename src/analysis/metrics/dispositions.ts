import type { CallRecord } from "../types.ts";
import { ratio } from "./math.ts";

/** A disposition as the report reads it: its name and whether it settles the caller's matter. */
export interface DispositionKind {
  name: string;
  resolved: boolean;
}

export interface TopicOutcomes {
  topic: string;
  /** Calls answered by an operator. */
  answered: number;
  /** Of those, calls given a disposition. */
  disposed: number;
  /** Disposed calls by disposition name. */
  counts: Record<string, number>;
  firstContactResolved: number;
  /** First-contact resolved / disposed. */
  fcr: number | null;
}

export interface DispositionReport {
  names: string[];
  answered: number;
  disposed: number;
  /** Disposed / answered: how faithfully operators give outcomes. */
  disposedShare: number | null;
  /** Disposed calls marked resolved whose caller did not call again within the repeat window. */
  firstContactResolved: number;
  fcr: number | null;
  byTopic: TopicOutcomes[];
}

const ANONYMOUS = new Set(["", "anonymous", "unknown", "restricted"]);

/**
 * First-contact resolution and outcomes by topic, from the dispositions operators gave (*5<d>). A
 * call counts as resolved at first contact when its disposition is a resolved one and the same number
 * did not call again within `windowHours` after it (an anonymous caller cannot be followed, so their
 * resolved call counts as it was marked). Calls in the week only: later calls are not seen yet.
 */
export function dispositionReport(
  calls: readonly CallRecord[],
  kinds: readonly DispositionKind[],
  windowHours: number,
): DispositionReport {
  const resolvedNames = new Set(kinds.filter((k) => k.resolved).map((k) => k.name));
  const windowMs = windowHours * 3_600_000;
  const byNumber = new Map<string, number[]>();
  for (const c of calls) {
    const n = (c.callerNumber ?? "").trim();
    if (ANONYMOUS.has(n.toLowerCase())) continue;
    byNumber.set(n, [...(byNumber.get(n) ?? []), c.startedAt]);
  }
  const calledAgain = (c: CallRecord) => {
    const starts = byNumber.get((c.callerNumber ?? "").trim()) ?? [];
    return starts.some((t) => t > c.startedAt && t - c.startedAt <= windowMs);
  };
  const topics = new Map<string, TopicOutcomes>();
  const total = { answered: 0, disposed: 0, firstContactResolved: 0 };
  for (const c of calls) {
    if (!c.answeredBy) continue;
    const key = c.topic ?? "(none)";
    const row = topics.get(key) ?? {
      topic: key,
      answered: 0,
      disposed: 0,
      counts: {},
      firstContactResolved: 0,
      fcr: null,
    };
    topics.set(key, row);
    row.answered++;
    total.answered++;
    if (!c.disposition) continue;
    row.disposed++;
    total.disposed++;
    row.counts[c.disposition] = (row.counts[c.disposition] ?? 0) + 1;
    if (resolvedNames.has(c.disposition) && !calledAgain(c)) {
      row.firstContactResolved++;
      total.firstContactResolved++;
    }
  }
  const byTopic = [...topics.values()]
    .map((t) => ({ ...t, fcr: ratio(t.firstContactResolved, t.disposed) }))
    .sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
  return {
    names: kinds.map((k) => k.name),
    ...total,
    disposedShare: ratio(total.disposed, total.answered),
    fcr: ratio(total.firstContactResolved, total.disposed),
    byTopic,
  };
}
