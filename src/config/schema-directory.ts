/**
 * The `directory:` section: people and services calls can be transferred to (by an operator's
 * keys, the control API, or a hotline's overflow). Each entry is reached one way only: a desk
 * phone, an outside number over a trunk, or a hotline's (topic's) queue. The checks that need the
 * whole configuration (topics, trunks, hotlines, schedules, codes) are in crossrefs-directory.ts.
 */
import { z } from "zod";
import { weeklyHoursSchema } from "../schedule/schema.ts";

/** The value formats schema.ts defines; passed in, because schema.ts imports this file. */
export interface DirectoryFormats {
  name: z.ZodString;
  language: z.ZodString;
  phoneNumber: z.ZodString;
}

export function directorySchema({ name, language, phoneNumber }: DirectoryFormats) {
  const entry = z.strictObject({
    name: z.string().min(1).describe("Display name, e.g. Dr Ruiz or Grants office."),
    department: z.string().min(1).optional().describe("Searched by `hotline directory`."),
    code: z
      .string({
        error: (iss) =>
          typeof iss.input === "number" ? 'write the code in quotes, e.g. "12" (a leading 0 would be lost)' : undefined,
      })
      .regex(/^[0-9]{1,6}$/, { error: "a code is 1 to 6 digits" })
      .describe("Dialled during a call after *1 (blind) or *2 (attended), ended by #."),
    endpoint: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
      .optional()
      .describe("A desk phone (PJSIP endpoint)."),
    contact: z
      .string()
      .optional()
      .describe("With endpoint: a fixed SIP contact instead of waiting for the phone to register."),
    number: phoneNumber.optional().describe("An outside number, over `trunk`."),
    trunk: name.optional().describe("The trunk for `number`; default the first trunk."),
    queue: z
      .strictObject({
        hotline: name.describe("The hotline whose queue the caller joins."),
        topic: name.optional().describe("For this topic's operators; default the hotline's."),
      })
      .optional()
      .describe("A hotline's queue (for a topic): the caller waits there for its operators."),
    ringTimeout: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe("Seconds a transfer rings the desk phone or number before the caller comes back."),
    email: z.email({ error: "expected an e-mail address" }).optional().describe("For people looking the entry up."),
    languages: z.array(language).optional().describe("Languages spoken; default any."),
    topics: z.array(name).default([]).describe("Topics this entry is the place for (directory search, report)."),
    competences: z.array(name).default([]).describe("Competences (topics' competence names) found here."),
    hours: z
      .union([name, weeklyHoursSchema], { error: 'a schedule name, or weekday → hours: { mon-fri: "09:00-14:00" }' })
      .optional()
      .describe("When reachable: a schedule of schedules:, or weekly hours like a roster's shifts; default always."),
  });
  return z
    .record(name, entry)
    .default({})
    .describe("People and services calls can be transferred to, by name (overflow to:, *1/*2 codes, the API).");
}
