import type { Knex } from "knex";
import {
  type CallOutcome,
  type NoAnswerWhy,
  type OfferContext,
  type OverflowReason,
  outcomeColumns,
} from "../outcome.ts";

/**
 * The call's outcome in structured columns beside `outcome` (see outcome.ts): `outcome_reason`,
 * `outcome_to`, `outcome_result`. Rows written before this migration carry their outcome as prose in
 * `outcome_detail`, in two dialects — the live journey's ("overflowed to voicemail (timeout): message
 * left") and the seed generator's ("overflow: message of 14 s") — and are converted here. This is the
 * only place that reads that prose; `outcome_detail` itself is left as it was written.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.string("outcome_reason", 32); // closed | closing | timeout | full | no-operators | trunk-limit
    t.string("outcome_to", 128); // voicemail | callback | a number | a hotline
    t.string("outcome_result", 32); // declined | why nobody answered | a trunk's channels
  });
  await db.transaction(async (trx) => {
    // Each statement below finds its rows by outcome and sentence: through an index, not a table scan.
    await trx.schema.alterTable("calls", (t) => t.index(["outcome", "outcome_detail"], MIGRATION_INDEX));
    // The seed wrote "completed" for calls an operator answered; the journey says "answered".
    await trx("calls")
      .where({ outcome: "completed" })
      .whereNotNull("operator_answered_at")
      .update({ outcome: "answered" });
    // Abandoned in the call's own hotline: the only queue a row of this age names.
    await trx("calls")
      .where({ outcome: "abandoned" })
      .update({ outcome_to: trx.ref("hotline") });
    // Few distinct sentences, many rows: one statement per sentence, not per row.
    const combos = (await trx("calls")
      .distinct("outcome", "outcome_detail")
      .whereNotNull("outcome")
      .whereNot({ outcome: "abandoned" })) as { outcome: string; outcome_detail: string | null }[];
    for (const combo of combos) {
      const outcome = outcomeFromProse(combo.outcome, combo.outcome_detail);
      if (!outcome) continue; // an outcome this version does not know: left as it was
      const { outcome_reason, outcome_to, outcome_result } = outcomeColumns(outcome);
      const query = trx("calls").where({ outcome: combo.outcome });
      if (combo.outcome_detail === null) query.whereNull("outcome_detail");
      else query.where({ outcome_detail: combo.outcome_detail });
      await query.update({ outcome: outcome.kind, outcome_reason, outcome_to, outcome_result });
    }
    await trx.schema.alterTable("calls", (t) => t.dropIndex(["outcome", "outcome_detail"], MIGRATION_INDEX));
  });
}

const MIGRATION_INDEX = "calls_outcome_007";

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable("calls", (t) => {
    t.dropColumn("outcome_reason");
    t.dropColumn("outcome_to");
    t.dropColumn("outcome_result");
  });
}

/** The reasons in brackets, as the journey wrote them (and as older tests and seeds phrased them). */
const REASONS: [RegExp, OverflowReason][] = [
  [/^(timeout|max wait|waited\b.*)$/, "timeout"],
  [/^(full|queue full)$/, "full"],
  [/^(no-operators|nobody there)$/, "no-operators"],
];

function reasonOf(text: string | undefined): OverflowReason {
  for (const [pattern, reason] of REASONS) if (text !== undefined && pattern.test(text.trim())) return reason;
  return "timeout"; // the seed's overflows, which name no reason, are all waits past maxWait
}

/** What came of the offer, after the last ": " (live and seed wordings). */
const RESULT =
  /: (message left|no message left|message of \d+ s|callback requested|no callback number confirmed|goodbye|voicemail offered|callback offered)$/;

/** What the caller was in when the offer was made: found closed, closing, or an overflow to voicemail / a callback. */
interface Context {
  offer: OfferContext;
  /** Only an overflow: voicemail | callback | the number or hotline it went to. */
  to?: string;
}

function contextOf(text: string): Context | undefined {
  if (text === "closed") return { offer: "closed" };
  if (text === "closing" || text === "the hotline closed while the caller waited") return { offer: "closing" };
  if (text === "overflow") return { offer: "timeout" }; // seed: "overflow: callback requested"
  const to = /^overflowed to (.+?)(?: \(([^()]*)\))?$/.exec(text);
  if (!to) return undefined;
  const target = to[1] === "a callback request" ? "callback" : (to[1] as string);
  return { offer: reasonOf(to[2]), to: target };
}

/**
 * An outcome written as prose (the `outcome` column and its `outcome_detail`) as a typed value;
 * undefined when there is no outcome yet or it is one this version does not know. Only this migration
 * and, until the journey produces typed outcomes itself, the call session read prose.
 */
export function outcomeFromProse(
  outcome: string | null,
  detail: string | null | undefined,
  call: { hotline?: string | null; operator?: string | null } = {},
): CallOutcome | undefined {
  const text = detail ?? "";
  const result = RESULT.exec(text)?.[1];
  const context = contextOf(result ? text.slice(0, text.length - result.length - 2) : text);
  const offered = context?.offer ?? "closed";
  const declined = result === "no message left" || result === "voicemail offered" ? "voicemail" : undefined;
  const declinedCallback = result === "no callback number confirmed" || result === "callback offered";
  switch (outcome) {
    case "completed":
    case "caller-hangup":
    case "lost":
    case "error":
      return { kind: outcome };
    case "busy": {
      const busy = /^trunk (.+) at its (\d+)-channel limit$/.exec(text);
      return { kind: "busy", trunk: busy?.[1] ?? "", channels: Number(busy?.[2] ?? 0) };
    }
    case "answered": {
      // "answered in the admissions queue", or as older rows said, "overflowed to admissions (timeout)".
      const moved = /^answered in the (.+) queue$/.exec(text);
      const queue = moved?.[1] ?? context?.to;
      const reason = !moved && context?.to ? (context.offer as OverflowReason) : undefined;
      return {
        kind: "answered",
        operator: call.operator ?? "",
        ...(queue ? { queue } : {}),
        ...(reason ? { reason } : {}),
      };
    }
    case "abandoned":
      return { kind: "abandoned", hotline: call.hotline ?? "" };
    case "closed": {
      const closing = offered === "closing" ? "closing" : "closed";
      const what = declined ?? (declinedCallback ? "callback" : undefined);
      return { kind: "closed", context: closing, ...(what ? { declined: what } : {}) };
    }
    case "voicemail":
    case "callback":
      return { kind: outcome, context: offered };
    case "overflowed": {
      const reason = offered === "closed" || offered === "closing" || offered === "queue" ? "timeout" : offered;
      const to = context?.to ?? (context ? (declinedCallback ? "callback" : "voicemail") : "outside");
      return { kind: "overflowed", reason, to, ...(declined || declinedCallback ? { declined: true } : {}) };
    }
    case "no-answer":
      return noAnswerFromProse(text);
    default:
      return undefined;
  }
}

const NO_ANSWER: [RegExp, NoAnswerWhy][] = [
  [/^no overflow configured \((.*)\)$/, "no-overflow"],
  [/^overflow transfer without a destination \((.*)\)$/, "no-destination"],
  [/^overflow to (.+) would loop \((.*)\)$/, "loop"],
  [/^no trunk to overflow to (.+) \((.*)\)$/, "no-trunk"],
  [/^overflow to (.+) not answered, cause (\d+|\?) \((.*)\)$/, "not-answered"],
];

function noAnswerFromProse(text: string): CallOutcome {
  for (const [pattern, why] of NO_ANSWER) {
    const m = pattern.exec(text);
    if (!m) continue;
    const groups = m.slice(1);
    const reason = reasonOf(groups[groups.length - 1]);
    if (why === "no-overflow" || why === "no-destination") return { kind: "no-answer", reason, why };
    const cause = why === "not-answered" && groups[1] !== "?" ? Number(groups[1]) : undefined;
    return { kind: "no-answer", reason, why, to: groups[0] as string, ...(cause !== undefined ? { cause } : {}) };
  }
  return { kind: "no-answer", reason: "timeout", why: "no-overflow" };
}
