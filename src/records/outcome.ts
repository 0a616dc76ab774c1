/**
 * How a call ended, as one typed value: the journey produces it, the records store it in structured
 * columns, the seed generator writes it and the analysis reads it. `outcome_detail` is its sentence
 * for people (`describeOutcome`); nothing ever parses that sentence back.
 */

/** Why a caller could not wait for an operator any longer. */
export type OverflowReason = "timeout" | "full" | "no-operators";

/**
 * Where a caller was offered a voicemail or a callback: found closed on arrival, still waiting when
 * the hotline closed, a queue's overflow (with its reason), or while waiting, keeping their place
 * (`queue`, callbacks only).
 */
export type OfferContext = "closed" | "closing" | OverflowReason | "queue";

/** Why nobody took a caller the queue let go of. */
export type NoAnswerWhy =
  /** The hotline has no overflow. */
  | "no-overflow"
  /** A transfer overflow without a destination. */
  | "no-destination"
  /** The overflow names a hotline the caller already waited in. */
  | "loop"
  /** No trunk to reach the outside number on. */
  | "no-trunk"
  /** The outside number rang out, was busy or failed. */
  | "not-answered";

export type CallOutcome =
  /** The journey ran to its goodbye without needing an operator (announcements only). */
  | { kind: "completed" }
  /** The caller hung up before reaching a queue (greeting, language, menu, prepared answer). */
  | { kind: "caller-hangup" }
  /** Refused at a trunk's channel limit, or while the call records were at risk (`records`), never answered. */
  | { kind: "busy"; trunk: string; channels: number; records?: true }
  /** An operator took the call; `queue` when it was another hotline's queue (an overflow between hotlines). */
  | { kind: "answered"; operator: string; queue?: string; reason?: OverflowReason; endedBy?: "operator" | "caller" }
  /** Hung up while waiting in a hotline's queue. */
  | { kind: "abandoned"; hotline: string }
  /**
   * Closed, and nothing was left: found closed on arrival (`closed`) or while waiting (`closing`);
   * `declined` when a voicemail or callback was offered and nothing came of it.
   */
  | { kind: "closed"; context: "closed" | "closing"; declined?: "voicemail" | "callback" }
  /** A message was kept. */
  | { kind: "voicemail"; context: OfferContext }
  /** A callback number was confirmed. */
  | { kind: "callback"; context: OfferContext }
  /**
   * The queue let the caller go to its overflow: an outside number that answered (`to` the number),
   * or a voicemail or callback offer that came to nothing (`declined`).
   */
  | { kind: "overflowed"; reason: OverflowReason; to: string; declined?: boolean }
  /** The queue let the caller go and nobody took them. */
  | { kind: "no-answer"; reason: OverflowReason; why: NoAnswerWhy; to?: string; cause?: number }
  /**
   * An operator passed the caller on to a directory entry (`to`, its key) or a hotline's queue and the
   * target took the call: `transfer` says whether the operator spoke to them first (attended).
   */
  | { kind: "transferred"; operator: string; to: string; transfer: "blind" | "attended" }
  /** Asterisk lost the channel (it restarted while the call was up). */
  | { kind: "lost" }
  /** The journey failed; the log says why. */
  | { kind: "error" };

export type OutcomeKind = CallOutcome["kind"];

/** The structured columns of `calls` that hold an outcome. */
export interface OutcomeColumns {
  outcome: OutcomeKind;
  /** closed | closing | timeout | full | no-operators | trunk-limit */
  outcome_reason: string | null;
  /** voicemail | callback | a number | a hotline | an operator */
  outcome_to: string | null;
  /** declined | a NoAnswerWhy | who hung up on an answered call (operator, caller) | blind, attended */
  outcome_result: string | null;
}

export function outcomeColumns(o: CallOutcome): OutcomeColumns {
  const cols = (reason: string | null, to: string | null, result: string | null): OutcomeColumns => ({
    outcome: o.kind,
    outcome_reason: reason,
    outcome_to: to,
    outcome_result: result,
  });
  switch (o.kind) {
    case "busy":
      return o.records ? cols("records-at-risk", o.trunk, null) : cols("trunk-limit", o.trunk, String(o.channels));
    case "answered":
      return cols(o.reason ?? null, o.queue ?? null, o.endedBy ?? null);
    case "abandoned":
      return cols(null, o.hotline, null);
    case "closed":
      return cols(o.context, o.declined ?? null, o.declined ? "declined" : null);
    case "voicemail":
    case "callback":
      return cols(o.context, o.kind, null);
    case "overflowed":
      return cols(o.reason, o.to, o.declined ? "declined" : null);
    case "no-answer":
      return cols(o.reason, o.to ?? null, o.why);
    case "transferred":
      return cols(null, o.to, o.transfer);
    default:
      return cols(null, null, null);
  }
}

const OVERFLOW_REASONS: readonly string[] = ["timeout", "full", "no-operators"];
const NO_ANSWER: readonly string[] = ["no-overflow", "no-destination", "loop", "no-trunk", "not-answered"];

function overflowReason(value: string | null): OverflowReason | undefined {
  return value !== null && OVERFLOW_REASONS.includes(value) ? (value as OverflowReason) : undefined;
}

function offerContext(value: string | null): OfferContext {
  return value === "closed" || value === "closing" || value === "queue" ? value : (overflowReason(value) ?? "closed");
}

/**
 * The outcome read back from its columns; undefined for a call still in progress (no outcome yet).
 * An unknown kind (a newer version wrote it) reads as an error rather than failing the report.
 */
export function outcomeFromColumns(c: {
  outcome: string | null;
  outcome_reason?: string | null;
  outcome_to?: string | null;
  outcome_result?: string | null;
}): CallOutcome | undefined {
  const reason = c.outcome_reason ?? null;
  const to = c.outcome_to ?? null;
  const result = c.outcome_result ?? null;
  switch (c.outcome) {
    case null:
    case undefined:
      return undefined;
    case "completed":
    case "caller-hangup":
    case "lost":
    case "error":
      return { kind: c.outcome };
    case "busy":
      if (reason === "records-at-risk") return { kind: "busy", trunk: to ?? "", channels: 0, records: true };
      return { kind: "busy", trunk: to ?? "", channels: Number(result) || 0 };
    case "answered": {
      const r = overflowReason(reason);
      const endedBy = result === "operator" || result === "caller" ? result : undefined;
      return {
        kind: "answered",
        operator: "",
        ...(to ? { queue: to } : {}),
        ...(r ? { reason: r } : {}),
        ...(endedBy ? { endedBy } : {}),
      };
    }
    case "abandoned":
      return { kind: "abandoned", hotline: to ?? "" };
    case "closed":
      return {
        kind: "closed",
        context: reason === "closing" ? "closing" : "closed",
        ...(to === "voicemail" || to === "callback" ? { declined: to } : {}),
      };
    case "voicemail":
    case "callback":
      return { kind: c.outcome, context: offerContext(reason) };
    case "overflowed":
      return {
        kind: "overflowed",
        reason: overflowReason(reason) ?? "timeout",
        to: to ?? "outside",
        ...(result === "declined" ? { declined: true } : {}),
      };
    case "no-answer":
      return {
        kind: "no-answer",
        reason: overflowReason(reason) ?? "timeout",
        why: (NO_ANSWER.includes(result ?? "") ? result : "no-overflow") as NoAnswerWhy,
        ...(to ? { to } : {}),
      };
    case "transferred":
      return {
        kind: "transferred",
        operator: "",
        to: to ?? "",
        transfer: result === "attended" ? "attended" : "blind",
      };
    default:
      return { kind: "error" };
  }
}

/** Where the call went when the queue let it go, for the report's overflow table; null if it did not overflow. */
export function overflowDestination(o: CallOutcome): string | null {
  switch (o.kind) {
    case "overflowed":
      return o.to;
    case "voicemail":
    case "callback":
      return o.context === "closed" || o.context === "closing" || o.context === "queue" ? null : o.kind;
    case "no-answer":
      return "no answer";
    default:
      return null;
  }
}

/** The hotline closed on a caller who was waiting (whatever they did next). */
export function closedWhileWaiting(o: CallOutcome): boolean {
  return (o.kind === "closed" || o.kind === "voicemail" || o.kind === "callback") && o.context === "closing";
}

const CONTEXT_TEXT: Record<OfferContext, string> = {
  closed: "closed",
  closing: "the hotline closed while the caller waited",
  timeout: "overflowed to {to} (timeout)",
  full: "overflowed to {to} (full)",
  "no-operators": "overflowed to {to} (no-operators)",
  queue: "left the queue for {to}, keeping the place",
};

function context(ctx: OfferContext, to: "voicemail" | "callback"): string {
  return CONTEXT_TEXT[ctx].replace("{to}", to === "voicemail" ? "voicemail" : "a callback request");
}

/** The outcome in a sentence, for `outcome_detail` and the logs; undefined where the kind says it all. */
export function describeOutcome(o: CallOutcome): string | undefined {
  switch (o.kind) {
    case "busy":
      if (o.records) return "refused: the call records could not be kept safely (records journal full)";
      return `trunk ${o.trunk} at its ${o.channels}-channel limit`;
    case "answered":
      return o.queue ? `answered in the ${o.queue} queue` : undefined;
    case "closed":
      if (o.declined === "voicemail") return `${context(o.context, "voicemail")}: no message left`;
      if (o.declined === "callback") return `${context(o.context, "callback")}: no callback number confirmed`;
      return o.context === "closed" ? "closed" : CONTEXT_TEXT.closing;
    case "voicemail":
      return `${context(o.context, "voicemail")}: message left`;
    case "callback":
      return `${context(o.context, "callback")}: callback requested`;
    case "overflowed": {
      // A voicemail or callback overflow the caller hung up on before it came to anything reads as the offer.
      const offer = o.to === "voicemail" || o.to === "callback";
      if (!o.declined && !offer) return `overflowed to ${o.to} (${o.reason})`;
      const what = o.to === "callback" ? "callback" : "voicemail";
      if (!o.declined) return context(o.reason, what);
      const result = what === "voicemail" ? "no message left" : "no callback number confirmed";
      return `${context(o.reason, what)}: ${result}`;
    }
    case "no-answer":
      switch (o.why) {
        case "no-overflow":
          return `no overflow configured (${o.reason})`;
        case "no-destination":
          return `overflow transfer without a destination (${o.reason})`;
        case "loop":
          return `overflow to ${o.to ?? "?"} would loop (${o.reason})`;
        case "no-trunk":
          return `no trunk to overflow to ${o.to ?? "?"} (${o.reason})`;
        case "not-answered":
          return `overflow to ${o.to ?? "?"} not answered, cause ${o.cause ?? "?"} (${o.reason})`;
      }
      return undefined;
    case "transferred":
      return `transferred to ${o.to} by ${o.operator} (${o.transfer})`;
    case "lost":
      return "channel lost";
    default:
      return undefined;
  }
}
