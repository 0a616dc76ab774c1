/** Public value types of the schedule engine. */
import type { Weekday } from "./syntax.ts";

/** A location inside the schedule object, e.g. ["campaigns", 1, "from"]. */
export type SchedulePath = readonly (string | number)[];

/** A problem found in a schedule: an error (from validation) or a warning (from lint). */
export interface ScheduleIssue {
  readonly path: SchedulePath;
  readonly message: string;
}

/** A manual override, decided by an operator and stored elsewhere; the engine only reads it. */
export interface ScheduleOverride {
  readonly state: "open" | "closed";
  /** When it was set: before it, the rules decide (asking about last Tuesday ignores today's override). */
  readonly from?: Date;
  /** Exclusive end; without it the override lasts until removed. */
  readonly until?: Date;
  readonly reason?: string;
}

/**
 * Rule kinds in priority order, most specific first:
 * override > exception > holiday > campaign > weekly.
 */
export type RuleKind = "override" | "exception" | "holiday" | "campaign" | "weekly";

/** The rule that decided, as shown to admins and logged with calls. */
export interface RuleRef {
  readonly kind: RuleKind;
  readonly name: string;
  /** One line for humans: `holiday "Christmas Day" (12-25 every year): closed`. */
  readonly description: string;
  /** Where the rule is written in the schedule ([] for an override). */
  readonly path: SchedulePath;
  /** The local date whose rule it is (YYYY-MM-DD); absent for overrides. */
  readonly date?: string;
}

export interface Explanation {
  readonly open: boolean;
  readonly rule: RuleRef;
  /** The next instant the open/closed state flips, or null when it never does (as far as the engine looks ahead). */
  readonly nextChange: Date | null;
  /** The schedule's zone and the local wall-clock time of the instant asked about. */
  readonly timezone: string;
  readonly localTime: string;
  /** The zone's offset from UTC at the instant, "+01:00". */
  readonly utcOffset: string;
  /**
   * In an hour the clocks go back through, which time of the two the instant is ("second": the
   * wall-clock time came once already, at another offset); null on every other hour.
   */
  readonly repeated: "first" | "second" | null;
  /** True when the instant falls in hours that started the previous day (a range crossing midnight). */
  readonly fromPreviousDay: boolean;
  readonly override: ScheduleOverride | null;
}

export interface PreviewInterval {
  readonly start: Date;
  readonly end: Date;
  /** Local "HH:MM"; `to` may be "02:00+1" when the interval ends on a later day. */
  readonly from: string;
  readonly to: string;
}

export interface DayPreview {
  /** Local date YYYY-MM-DD. */
  readonly date: string;
  readonly weekday: Weekday;
  readonly rule: RuleRef;
  /** The override that changes some of this day's hours (they are already applied to `intervals`). */
  readonly override: RuleRef | null;
  /** Opening intervals that start on this day, in order; empty when closed. */
  readonly intervals: readonly PreviewInterval[];
}
