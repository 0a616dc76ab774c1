/**
 * The supervisors' room: who may monitor (supervisors and their desk phones), which calls are
 * recorded and where the files go, and the outcomes operators give their calls (dispositions).
 */
import { z } from "zod";

const name = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "use lowercase letters, digits, - and _" });
const language = z.string().regex(/^[a-z]{2,3}$/, { error: 'expected a language code such as "en" or "es"' });

export const supervisorSchema = z.strictObject({
  name: z.string().min(1).describe("Display name."),
  endpoint: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
    .describe("The supervisor's desk phone (PJSIP endpoint): monitored calls ring here."),
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, { error: "a PIN is 4 to 8 digits" })
    .optional()
    .describe("Asked before a monitoring code from the desk phone is carried out."),
  languages: z
    .array(language)
    .min(1, { error: "list at least one language" })
    .describe("Languages of the confirmations the supervisor hears; each in organization.languages."),
  contact: z.string().optional().describe("A fixed SIP contact instead of waiting for the phone to register."),
});

/** An operator's number on the keypad, for *6<m><code># from a supervisor's phone. */
export const operatorCodeSchema = z
  .string({
    error: (iss) => (typeof iss.input === "number" ? 'write the code in quotes, e.g. "101"' : undefined),
  })
  .regex(/^[0-9]{1,6}$/, { error: "an operator code is 1 to 6 digits" })
  .optional()
  .describe("Keypad code naming this operator for monitoring (*6<m><code>#)");

export const RECORD_MODES = ["never", "announce", "always"] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export const topicRecordSchema = z
  .enum(RECORD_MODES)
  .optional()
  .describe(
    "Recording of this topic's conversations: never (default), announce (the caller hears that the call is recorded) or always (no notice). sensitive: true means announce.",
  );

export const recordingsSchema = z
  .strictObject({
    dir: z.string().min(1).default("./var/recordings").describe("Where recordings are kept; relative to this file."),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .default(90)
      .describe("Recordings older than this are deleted by the app (at start and daily)."),
  })
  .describe("Conversation recordings (docs/monitoring.md).");

const dispositionSchema = z.strictObject({
  name: name.describe("Stored in calls.disposition and used by the report."),
  label: z.record(language, z.string().min(1)).optional().describe("For people, per language; default the name."),
  resolved: z.boolean().default(false).describe("The caller's matter was settled (first-contact resolution)."),
});

export const DEFAULT_DISPOSITIONS = {
  "1": { name: "resolved", label: { en: "Resolved", es: "Resuelta" }, resolved: true },
  "2": { name: "escalated", label: { en: "Escalated", es: "Escalada" }, resolved: false },
  "3": { name: "complaint", label: { en: "Complaint", es: "Queja" }, resolved: false },
  "4": { name: "wrong-number", label: { en: "Wrong number", es: "Número equivocado" }, resolved: true },
  "9": { name: "other", label: { en: "Other", es: "Otra" }, resolved: false },
};

export const dispositionsSchema = z
  .record(z.string().regex(/^[0-9]$/, { error: "a disposition key is one digit, 0 to 9" }), dispositionSchema)
  .default(DEFAULT_DISPOSITIONS)
  .describe("Digit → outcome of a call, given by the operator with *5<digit> (docs/monitoring.md).");

export type SupervisorSettings = z.output<typeof supervisorSchema>;
export type RecordingsSettings = z.output<typeof recordingsSchema>;
export type DispositionSettings = z.output<typeof dispositionSchema>;

/** How a topic's calls are recorded: its `record`, else announce for a sensitive topic, else never. */
export function recordModeOf(topic: { record?: RecordMode | undefined; sensitive?: boolean } | undefined): RecordMode {
  return topic?.record ?? (topic?.sensitive ? "announce" : "never");
}
