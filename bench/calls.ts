/** The calls the records benchmark inserts (and the bulk-load test compares), made the same way every time. */
import type { CallImport } from "../src/records/call-records.ts";
import { type CallOutcome, outcomeColumns } from "../src/records/outcome.ts";

const hotlines = ["admissions", "students", "it-help"];
const outcomes: CallOutcome[] = [
  { kind: "completed" },
  { kind: "caller-hangup" },
  { kind: "voicemail", context: "closed" },
  { kind: "callback", context: "closed" },
  { kind: "closed", context: "closed" },
];
const t0 = Date.parse("2026-01-05T08:00:00Z");
// Worked out once: a spread of a fresh object per row cost more than inserting the row.
const outcomeOf = outcomes.map((o) => outcomeColumns(o));
/** The i-th call: three hotlines, five outcomes, a tenth unanswered, one every seven seconds. */
export function benchCall(i: number): CallImport {
  const started = t0 + i * 7_000;
  const answered = i % 10 === 0 ? null : started + 1_200;
  const ended = started + 30_000 + (i % 600) * 1000;
  const outcome = outcomeOf[i % outcomes.length] as ReturnType<typeof outcomeColumns>;
  // The columns in the order the spread of outcomeColumns gave them.
  return {
    id: `${Math.floor(started / 1000)}.${i}`, // like Asterisk's channel ids
    did: `+3491000000${i % 3}`,
    hotline: hotlines[i % 3] as string,
    campaign: i % 4 === 0 ? "newspaper" : null,
    trunk: "main-trunk",
    caller_number: `+346${String(10_000_000 + (i % 9_000_000)).padStart(8, "0")}`,
    language: i % 2 ? "en" : "es",
    started_at: new Date(started).toISOString(),
    answered_at: answered ? new Date(answered).toISOString() : null,
    ended_at: new Date(ended).toISOString(),
    duration_seconds: (ended - started) / 1000,
    outcome: outcome.outcome,
    outcome_reason: outcome.outcome_reason,
    outcome_to: outcome.outcome_to,
    outcome_result: outcome.outcome_result,
    hangup_cause: 16,
    topic: "fees",
    wait_seconds: (i % 90) + 0.5,
    cost: answered ? 0.12 : 0,
    currency: "EUR",
    billed_seconds: answered ? 60 * Math.ceil((ended - answered) / 60_000) : 0,
  };
}
