import { DateTime } from "luxon";
import type { CallRow } from "../rows.ts";

export type ColumnType = "text" | "time" | "number";

/** The calls table's columns in export order, with the type an export writes them as. */
export const CALL_COLUMNS: readonly { name: keyof CallRow; type: ColumnType }[] = [
  { name: "id", type: "text" },
  { name: "started_at", type: "time" },
  { name: "answered_at", type: "time" },
  { name: "ended_at", type: "time" },
  { name: "duration_seconds", type: "number" },
  { name: "did", type: "text" },
  { name: "hotline", type: "text" },
  { name: "campaign", type: "text" },
  { name: "trunk", type: "text" },
  { name: "caller_number", type: "text" },
  { name: "caller_name", type: "text" },
  { name: "language", type: "text" },
  { name: "topic", type: "text" },
  { name: "menu_path", type: "text" },
  { name: "queue_entered_at", type: "time" },
  { name: "queue_left_at", type: "time" },
  { name: "wait_seconds", type: "number" },
  { name: "answered_by", type: "text" },
  { name: "operator_answered_at", type: "time" },
  { name: "outcome", type: "text" },
  { name: "outcome_detail", type: "text" },
  { name: "hangup_cause", type: "number" },
  { name: "hangup_cause_text", type: "text" },
  { name: "survey_score", type: "number" },
  { name: "schedule_rule", type: "text" },
  { name: "billed_seconds", type: "number" },
  { name: "cost", type: "number" },
  { name: "currency", type: "text" },
  { name: "asterisk_id", type: "text" },
  // Added after the rest so a sheet that reads columns by position still finds the older ones.
  { name: "outcome_reason", type: "text" },
  { name: "outcome_to", type: "text" },
  { name: "outcome_result", type: "text" },
  { name: "node", type: "text" },
];

/** An instant as ISO 8601 in the organization's zone, with its offset (unambiguous across DST). */
export function localIso(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(timezone).toISO({ suppressMilliseconds: true }) ?? iso;
}

/**
 * The organization's wall-clock time as a Date whose UTC fields read that time: spreadsheets have no
 * time zones, and write-excel-file turns a Date into a serial number from its UTC value.
 */
export function wallClock(iso: string, timezone: string): Date {
  const t = DateTime.fromISO(iso, { zone: "utc" }).setZone(timezone);
  return new Date(t.toMillis() + t.offset * 60_000);
}
