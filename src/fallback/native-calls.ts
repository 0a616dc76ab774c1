/**
 * Calls Asterisk took on its own while the app was down, as the fallback dialplan noted them in AstDB
 * (`hotline-fallback/<call id>/<what>`), read back into the hotline's records. Pure.
 */
import type { CallFields, CallStart } from "../records/call-records.ts";
import type { CallOutcome } from "../records/outcome.ts";

/** What the dialplan noted of one call, `<what>` → value. */
export type NativeNotes = Readonly<Record<string, string>>;

/** One call as the records take it: its start, what was learned, when it was answered and how it ended. */
export interface NativeCallRecord {
  start: CallStart;
  fields: CallFields;
  answeredAt?: Date;
  endedAt: Date;
  outcome: CallOutcome;
  hangupCause?: number;
}

/** A call whose channel never wrote its end (Asterisk died under it) is closed as lost after this long. */
export const NATIVE_STALE_MS = 12 * 3_600_000;

/** The notes grouped by call id, from AstDB keys `/hotline-fallback/<id>/<what>` (leading slash or not). */
export function groupNotes(
  entries: readonly { key: string; value: string }[],
  family: string,
): Map<string, Record<string, string>> {
  const calls = new Map<string, Record<string, string>>();
  for (const { key, value } of entries) {
    const parts = key.replace(/^\//, "").split("/");
    if (parts[0] === family) parts.shift();
    const [id, what] = parts;
    if (!id || !what || parts.length !== 2) continue;
    const notes = calls.get(id) ?? {};
    notes[what] = value;
    calls.set(id, notes);
  }
  return calls;
}

const NO_OPERATORS = new Set(["JOINEMPTY", "LEAVEEMPTY", "JOINUNAVAIL", "LEAVEUNAVAIL"]);

/**
 * The record of one natively taken call; undefined while it is still going on (or for notes that are
 * not a call's). `operatorOf` maps a desk phone's endpoint to its operator.
 */
export function nativeCallRecord(
  id: string,
  notes: NativeNotes,
  options: { operatorOf: (endpoint: string) => string | undefined; now: Date; node?: string },
): NativeCallRecord | undefined {
  const start = fields(notes.start);
  const startedAt = epoch(start[0]);
  if (!startedAt) return undefined;
  const end = fields(notes.end);
  const stale = !notes.end && options.now.getTime() - startedAt.getTime() > NATIVE_STALE_MS;
  const endedAt = epoch(end[0]) ?? (stale ? startedAt : undefined);
  if (!endedAt) return undefined;
  const route = fields(notes.route);
  const routedAt = epoch(route[0]);
  const how = route[1] ?? "";
  const hotline = route[2] || undefined;
  const language = route[3] || undefined;
  const queuedAt = epoch(notes.queued);
  const answer = fields(notes.answer);
  const operatorAnsweredAt = epoch(answer[0]);
  const operator = answer[1] ? (options.operatorOf(answer[1]) ?? answer[1]) : undefined;
  const status = end[1] ?? "";
  const cause = Number(end[2]);

  const outcome: CallOutcome = stale
    ? { kind: "lost" }
    : how === "closed"
      ? { kind: "closed", context: "closed" }
      : how === "down"
        ? { kind: "no-answer", reason: "no-operators", why: "no-overflow" }
        : operator && operatorAnsweredAt
          ? { kind: "answered", operator }
          : status === "TIMEOUT"
            ? { kind: "no-answer", reason: "timeout", why: "no-overflow" }
            : status === "FULL"
              ? { kind: "no-answer", reason: "full", why: "no-overflow" }
              : NO_OPERATORS.has(status)
                ? { kind: "no-answer", reason: "no-operators", why: "no-overflow" }
                : queuedAt && hotline
                  ? { kind: "abandoned", hotline }
                  : { kind: "caller-hangup" };

  const callFields: CallFields = { schedule_rule: `native fallback (${how === "" ? "unrouted" : how})` };
  if (queuedAt) {
    callFields.queue_entered_at = queuedAt;
    const left = operatorAnsweredAt ?? endedAt;
    callFields.queue_left_at = left;
    callFields.wait_seconds = Math.max(0, Math.round((left.getTime() - queuedAt.getTime()) / 1000));
  }
  if (operator && operatorAnsweredAt) {
    callFields.answered_by = operator;
    callFields.operator_answered_at = operatorAnsweredAt;
  }
  return {
    start: {
      id,
      startedAt,
      source: "native",
      ...(start[1] ? { did: start[1] } : {}),
      ...(start[2] ? { trunk: start[2] } : {}),
      ...(start[3] ? { callerNumber: start[3] } : {}),
      ...(hotline ? { hotline } : {}),
      ...(language ? { language } : {}),
      ...(options.node ? { node: options.node } : {}),
    },
    fields: callFields,
    ...(routedAt && how !== "down" ? { answeredAt: routedAt } : {}),
    endedAt,
    outcome,
    ...(Number.isInteger(cause) && cause > 0 ? { hangupCause: cause } : {}),
  };
}

function fields(value: string | undefined): string[] {
  return value === undefined ? [] : value.split("|");
}

function epoch(value: string | undefined): Date | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  return new Date(Number(value) * 1000);
}
