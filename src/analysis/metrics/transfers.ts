import type { CallFacts } from "../classify.ts";
import { ratio } from "./math.ts";

export interface TopicTransfers {
  topic: string;
  /** Calls of the topic an operator answered. */
  answered: number;
  /** Of those, passed on by the operator to a directory entry or a queue, which took them. */
  transferred: number;
  share: number | null;
  /** Where most of them went. */
  mostlyTo: string | null;
  mostlyToCalls: number;
}

export interface Transfers {
  calls: number;
  byTarget: { target: string; calls: number }[];
  byTopic: TopicTransfers[];
}

/** Operators' transfers (outcome `transferred`) by target and by the call's topic. */
export function transfers(facts: readonly CallFacts[]): Transfers {
  const byTarget = new Map<string, number>();
  const topics = new Map<string, { answered: number; to: Map<string, number> }>();
  let calls = 0;
  for (const f of facts) {
    const outcome = f.call.outcome;
    const transferred = outcome?.kind === "transferred";
    const topic = f.call.topic ?? "(no topic)";
    if (!f.answered && !transferred) continue;
    const t = topics.get(topic) ?? { answered: 0, to: new Map<string, number>() };
    topics.set(topic, t);
    t.answered++;
    if (outcome?.kind !== "transferred") continue;
    calls++;
    byTarget.set(outcome.to, (byTarget.get(outcome.to) ?? 0) + 1);
    t.to.set(outcome.to, (t.to.get(outcome.to) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([target, n]) => ({ target, calls: n }));
  return {
    calls,
    byTarget: sorted(byTarget),
    byTopic: [...topics.entries()]
      .map(([topic, t]) => {
        const to = sorted(t.to);
        const transferred = to.reduce((n, x) => n + x.calls, 0);
        return {
          topic,
          answered: t.answered,
          transferred,
          share: ratio(transferred, t.answered),
          mostlyTo: to[0]?.target ?? null,
          mostlyToCalls: to[0]?.calls ?? 0,
        };
      })
      .filter((t) => t.transferred > 0)
      .sort((a, b) => b.transferred - a.transferred || a.topic.localeCompare(b.topic)),
  };
}
