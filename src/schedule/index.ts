/**
 * The schedule engine: when is a hotline open. Pure — no files, no network, no clock: callers pass
 * the instant, the override and the text of ics imports.
 *
 * Priority, "most specific wins": override > exception (one date) > holiday > campaign (dated
 * period) > weekly. Rules of equal priority that overlap with different hours are an error
 * (validateSchedule / compileSchedule report them). See docs/schedules.md.
 */
export { CompiledSchedule, compileSchedule } from "./compile.ts";
export { explain, isOpen, nextOpening, repeatedHourNote } from "./explain.ts";
export {
  type IcsEvent,
  type IcsOptions,
  IcsParseError,
  type IcsWindow,
  icsWindowAround,
  MAX_OCCURRENCES,
  parseIcs,
} from "./ics.ts";
export { lint } from "./lint.ts";
export { preview } from "./preview.ts";
export {
  type CampaignConfig,
  type DayHoursConfig,
  type ExceptionConfig,
  type HolidayConfig,
  type ScheduleConfig,
  scheduleSchema,
  type WeeklyHoursConfig,
} from "./schema.ts";
export type { Weekday } from "./syntax.ts";
export type {
  DayPreview,
  Explanation,
  PreviewInterval,
  RuleKind,
  RuleRef,
  ScheduleIssue,
  ScheduleOverride,
  SchedulePath,
} from "./types.ts";
export { ScheduleError, type ScheduleSourceOptions, validateSchedule } from "./validate.ts";
