import { DateTime } from "luxon";
import { compileSchedule, type ScheduleSourceOptions } from "../../../src/schedule/index.ts";

/** An instant written in UTC, so DST expectations do not depend on the code under test. */
export const utc = (iso: string): Date => new Date(iso.endsWith("Z") ? iso : `${iso}Z`);

/** A wall-clock time in a zone (for instants far from DST changes). */
export const local = (iso: string, zone = "Europe/Madrid"): Date => {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${iso}`);
  return dt.toJSDate();
};

export const compile = (value: Record<string, unknown>, options?: ScheduleSourceOptions) =>
  compileSchedule({ timezone: "Europe/Madrid", ...value }, options);

export const iso = (d: Date | null): string | null => (d ? d.toISOString().replace(".000Z", "Z") : null);
