/**
 * The zod schema of a schedule block in the YAML configuration. It only validates (no transforms),
 * so its output type equals its input type and it converts cleanly to JSON Schema. Messages name
 * the offending text and say how to fix it; issue paths are relative to the schedule object.
 *
 * Example:
 *   timezone: Europe/Madrid
 *   weekly:
 *     mon-fri: ["09:00-14:00", "16:00-19:00"]
 *     fri: "22:00-02:00+1"        # crosses midnight: +1 is mandatory
 *     sat: closed
 *   holidays:
 *     - { date: "12-25", name: Christmas Day }          # every year
 *     - { date: 2027-04-02, name: Good Friday }          # that day only
 *     - { ics: holidays/es.ics }
 *   campaigns:
 *     - { name: Summer, from: 2027-07-01, to: 2027-07-31, hours: "09:00-18:00" }
 *     - { name: Winter, from: "12-20", to: "01-10", weekly: { mon-fri: "08:00-20:00" } }
 *   exceptions:
 *     - { date: 2027-12-24, hours: "09:00-14:00" }
 *     - { date: 2027-12-31, hours: closed }
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import { ALL_DAY, ALWAYS, CLOSED, parseDate, parseDayHours, parseDayKey, WEEKDAYS } from "./syntax.ts";

const HOURS_HINT = `expected hours: ${CLOSED}, ${ALL_DAY}, a range like 09:00-18:00 (22:00-02:00+1 to cross midnight), or a list of ranges`;

const hoursText = z.string({ error: HOURS_HINT }).superRefine((value, ctx) => {
  const r = parseDayHours(value);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
});

const hoursList = z
  .array(hoursText)
  .min(1, { error: `an empty list; write ${CLOSED}` })
  .superRefine((list, ctx) => {
    // Items are checked one by one above; here only what concerns the list as a whole.
    if (list.length > 1 && list.some((v) => v.trim() === CLOSED || v.trim() === ALL_DAY)) {
      ctx.addIssue({
        code: "custom",
        message: `${CLOSED} and ${ALL_DAY} stand alone; do not list them with other ranges`,
      });
    }
  });

/** The hours of one day: "closed", "24h", "09:00-18:00" or ["09:00-13:00", "15:00-18:00"]. */
export const dayHoursSchema = z.union([hoursText, hoursList], {
  error: HOURS_HINT,
});

/** Hours per weekday: keys mon…sun, ranges (mon-fri), lists (mon,wed) or daily. A day may appear only once. */
export const weeklyHoursSchema = z
  .record(z.string(), dayHoursSchema, { error: "expected a map of days to hours, e.g. { mon-fri: 09:00-18:00 }" })
  .superRefine((week, ctx) => {
    const seen = new Map<number, string>();
    for (const key of Object.keys(week)) {
      const days = parseDayKey(key);
      if (!days.ok) {
        ctx.addIssue({ code: "custom", message: days.error, path: [key] });
        continue;
      }
      for (const d of days.value) {
        const earlier = seen.get(d);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: "custom",
            message: `${WEEKDAYS[d]} is given twice (in "${earlier}" and "${key}"); give each day its hours once`,
            path: [key],
          });
        } else seen.set(d, key);
      }
    }
  });

const WEEKLY_HINT = `expected "24/7" (or always) or a map of days to hours, e.g. { mon-fri: 09:00-18:00 }`;

const alwaysSchema = z.string().superRefine((value, ctx) => {
  if (!(ALWAYS as readonly string[]).includes(value))
    ctx.addIssue({ code: "custom", message: `"${value}": ${WEEKLY_HINT}` });
});

/**
 * "24/7" or a weekly map. A union only reports its own path when no branch matches the type,
 * so for a malformed map the first inner problem is named in the message.
 */
const weeklySchema = z.union([alwaysSchema, weeklyHoursSchema], {
  error: (issue) => {
    if (typeof issue.input !== "object" || issue.input === null || Array.isArray(issue.input)) return WEEKLY_HINT;
    const inner = weeklyHoursSchema.safeParse(issue.input).error?.issues[0];
    return inner ? `${inner.path.join(".")}: ${inner.message}` : WEEKLY_HINT;
  },
});

const dateText = z
  .string({ error: "expected a date: YYYY-MM-DD (that day) or MM-DD (every year)" })
  .superRefine((value, ctx) => {
    const r = parseDate(value);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
  });

const timezoneSchema = z
  .string({ error: "expected an IANA time zone name such as Europe/Madrid" })
  .refine((name) => IANAZone.isValidZone(name), {
    error: (issue) => `unknown time zone "${String(issue.input)}" (use an IANA name such as Europe/Madrid)`,
  });

type Ctx = z.RefinementCtx;

/** from/to must be of the same kind; with a year, from must not be after to. */
function checkSpan(from: string | undefined, to: string | undefined, ctx: Ctx): void {
  if (from === undefined || to === undefined) {
    if (from !== undefined || to !== undefined) {
      ctx.addIssue({ code: "custom", message: "from and to go together", path: [from === undefined ? "from" : "to"] });
    }
    return;
  }
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a.ok || !b.ok) return; // already reported on the field
  if (a.value.yearly !== b.value.yearly) {
    ctx.addIssue({
      code: "custom",
      message: `from ${from} and to ${to} must both have a year (2027-07-01, one time) or both be without one (07-01, every year)`,
      path: ["to"],
    });
    return;
  }
  // Without a year, from after to is meaningful: the period crosses the year end (12-20 → 01-10).
  if (!a.value.yearly && from > to) {
    ctx.addIssue({ code: "custom", message: `from ${from} is after to ${to}`, path: ["from"] });
  }
}

const name = z.string().min(1, { error: "a name must not be empty" });

/** A dated period with its own hours: one time (2027-07-01..2027-07-31) or every year (12-20..01-10). */
export const campaignSchema = z
  .strictObject({
    name,
    from: dateText,
    to: dateText,
    hours: dayHoursSchema.optional(),
    weekly: weeklyHoursSchema.optional(),
  })
  .superRefine((c, ctx) => {
    checkSpan(c.from, c.to, ctx);
    if ((c.hours === undefined) === (c.weekly === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "give either hours (the same every day) or weekly (hours per day), not both or neither",
        path: c.hours === undefined ? [] : ["weekly"],
      });
    }
  });

/** A holiday: one date, a from/to period, or an iCalendar file; closed unless hours are given. */
export const holidaySchema = z
  .strictObject({
    name: name.optional(),
    date: dateText.optional(),
    from: dateText.optional(),
    to: dateText.optional(),
    ics: z.string().min(1, { error: "ics needs a file name" }).optional(),
    hours: dayHoursSchema.optional(),
  })
  .superRefine((h, ctx) => {
    const kinds = [h.date !== undefined, h.from !== undefined || h.to !== undefined, h.ics !== undefined];
    if (kinds.filter(Boolean).length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: "a holiday needs exactly one of: date, from + to, or ics",
        path: [],
      });
      return;
    }
    checkSpan(h.from, h.to, ctx);
    if (h.ics !== undefined && h.hours !== undefined) {
      ctx.addIssue({ code: "custom", message: "hours cannot be given for an ics import", path: ["hours"] });
    }
  });

/** Special hours (or closed) on one specific date. */
export const exceptionSchema = z
  .strictObject({
    date: dateText,
    hours: dayHoursSchema,
    name: name.optional(),
  })
  .superRefine((e, ctx) => {
    const d = parseDate(e.date);
    if (d.ok && d.value.yearly) {
      ctx.addIssue({
        code: "custom",
        message: `an exception is for one specific date: write it with a year (e.g. 2027-${e.date}); use holidays for every year`,
        path: ["date"],
      });
    }
  });

/** The schedule block, embeddable at hotlines.<name>.schedule or in a top-level schedules: map. */
export const scheduleSchema = z.strictObject({
  timezone: timezoneSchema,
  weekly: weeklySchema.optional(),
  holidays: z.array(holidaySchema).optional(),
  campaigns: z.array(campaignSchema).optional(),
  exceptions: z.array(exceptionSchema).optional(),
});

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
export type DayHoursConfig = z.infer<typeof dayHoursSchema>;
export type WeeklyHoursConfig = z.infer<typeof weeklyHoursSchema>;
export type CampaignConfig = z.infer<typeof campaignSchema>;
export type HolidayConfig = z.infer<typeof holidaySchema>;
export type ExceptionConfig = z.infer<typeof exceptionSchema>;
