// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
/**
 * The zod schema of the hotline configuration: shapes, value formats and defaults only. Checks that
 * need the whole configuration (references between sections, duplicates) live in crossrefs.ts, so
 * this schema stays free of transforms and converts cleanly to JSON Schema for editors.
 */

import { IANAZone } from "luxon";
import { z } from "zod";
import { scheduleSchema, weeklyHoursSchema } from "../schedule/schema.ts";
import { parseRange, parseTime } from "../schedule/syntax.ts";
import { trunkMatchProblem } from "./host-match.ts";
import { metricsSchema } from "./metrics-schema.ts";
import { recordsSchema } from "./records-schema.ts";
import { reportSchema } from "./report-schema.ts";
import { callbacksSchema } from "./schema-callbacks.ts";
import { directorySchema } from "./schema-directory.ts";
import { edgeSchema } from "./schema-edge.ts";
import { amiSchema, ariSchema, nodesSchema } from "./schema-nodes.ts";
import {
  dispositionsSchema,
  operatorCodeSchema,
  recordingsSchema,
  supervisorSchema,
  topicRecordSchema,
} from "./schema-room.ts";
import { tariffsSchema } from "./schema-tariffs.ts";
import { usersSchema, webSchema } from "./schema-web.ts";

// ── Small value formats ────────────────────────────────────────────────────────────────────────

/** Names of hotlines, topics, operators, schedules and competences: they end up in file names and logs. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const name = z
  .string()
  .regex(NAME_PATTERN, { error: "use lowercase letters, digits, - and _ (e.g. admissions, night-shift)" });

const language = z
  .string()
  .regex(/^[a-z]{2,3}$/, { error: 'expected a language code such as "en" or "es" (ISO 639-1)' });

/** Spoken text per language: { en: "…", es: "…" }. Every organization language must be present. */
const perLanguage = z.record(language, z.string().min(1, { error: "the text must not be empty" }));

const phoneNumber = z
  .string({
    error: (iss) =>
      typeof iss.input === "number"
        ? 'write phone numbers in quotes, e.g. "+34910000001" (YAML reads +34910000001 as a number)'
        : undefined,
  })
  .regex(/^\+?[0-9][0-9 ]{2,30}$/, { error: 'expected a phone number such as "+34910000001"' });

const port = z.number().int().min(1).max(65535);
const seconds = z.number().int().min(0);
const money = z.number().min(0);

/** "HH:MM", checked by the schedule engine's parser so rosters and schedules accept the same times. */
export const timeOfDay = z.string().superRefine((value, ctx) => {
  const r = parseTime(value);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
});

/** "HH:MM-HH:MM", the schedule engine's range notation. */
const timeRange = z.string().superRefine((value, ctx) => {
  const r = parseRange(value);
  if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
});

const timezone = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  error: (iss) => `unknown time zone "${String(iss.input)}" (use an IANA name such as Europe/Madrid)`,
});

const pin = z
  .string({
    error: (iss) =>
      typeof iss.input === "number" ? 'write the PIN in quotes, e.g. "1234" (a leading 0 would be lost)' : undefined,
  })
  .regex(/^[0-9]{4,8}$/, { error: "a PIN is 4 to 8 digits" });

// ── Sections ───────────────────────────────────────────────────────────────────────────────────

const organizationSchema = z
  .strictObject({
    name: z.string().min(1).describe("Spoken in greetings through the {organization} placeholder."),
    timezone: timezone.describe("IANA time zone, e.g. Europe/Madrid: reports and rosters use it."),
    languages: z
      .array(language)
      .min(1, { error: "list at least one language" })
      .describe("Languages callers can be served in; every spoken text needs each of them."),
    defaultLanguage: language.describe("Language of a number that does not set one; must be in languages."),
  })
  .describe("Who runs the hotline.");

const sandboxSchema = z
  .strictObject({
    sipPort: port.default(5060).describe("SIP (UDP) port for trunks and desk phones."),
    httpPort: port.default(8088).describe("HTTP port of ARI (the app's connection to Asterisk)."),
    amiPort: port.default(5038).describe("AMI port (health, queue_log-style events)."),
    rtpStart: port.default(10000).describe("First UDP port for call audio (RTP)."),
    rtpEnd: port.default(10999).describe("Last UDP port for call audio; two ports per call leg."),
    dir: z
      .string()
      .optional()
      .describe("Instance folder (relative to this file); default ./var/asterisk under the working folder."),
  })
  .describe("The project's own Asterisk: listens on 127.0.0.1 with generated credentials.");

const asteriskSchema = z
  .strictObject({
    mode: z
      .enum(["sandbox", "external"])
      .default("sandbox")
      .describe("sandbox: the project's own Asterisk; external: an existing Asterisk reached through ari and ami."),
    app: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
      .default("hotline")
      .describe("ARI application name the dialplan hands calls to."),
    sandbox: sandboxSchema.prefault({}),
    ari: ariSchema.optional().describe("Required when mode is external (unless nodes are listed)."),
    ami: amiSchema.optional().describe("Required when mode is external (unless nodes are listed)."),
    nodes: nodesSchema.optional(),
  })
  .describe("How the hotline reaches Asterisk.");

const databaseSchema = z
  .strictObject({
    client: z
      .enum(["sqlite", "pg"])
      .default("sqlite")
      .describe("sqlite: one file, for one machine; pg: PostgreSQL, at scale."),
    filename: z
      .string()
      .min(1)
      .default("./var/hotline.sqlite")
      .describe("SQLite file; a relative path is relative to this configuration file."),
    connection: z
      .string()
      .min(1)
      .optional()
      .describe('PostgreSQL connection string (client: pg), e.g. "${DATABASE_URL}".'),
  })
  .describe("Where call records are kept.");

const trunkSchema = z.strictObject({
  name: name.describe("The trunk's name: overflow transfers, the directory, callbacks and records refer to it."),
  match: z
    .array(
      z.string().superRefine((value, ctx) => {
        const problem = trunkMatchProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .min(1, { error: "list at least one source address" })
    .describe("Source address[:port] identifying the carrier's signalling (pjsip identify)."),
  channels: z.number().int().min(1).describe("Simultaneous calls the contract allows."),
  costPerMinute: money.default(0).describe("Price per minute of a call over this trunk, for the weekly analysis."),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as "EUR"' })
    .default("EUR")
    .describe("ISO 4217 code of costPerMinute and monthlyFee."),
  monthlyFee: money.default(0).describe("Fixed monthly price of the trunk, for the weekly analysis."),
  billingIncrement: z.number().int().min(1).default(60).describe("Seconds per billed unit (60 = per started minute)."),
  contact: z
    .string()
    .optional()
    .describe("Where outbound calls over this trunk go (sip:host:port); default the first match."),
  dtmfMode: z
    .enum(["rfc4733", "info", "inband", "auto"])
    .optional()
    .describe("How the carrier sends key presses; default Asterisk's (rfc4733)."),
});

const numberSchema = z.strictObject({
  did: phoneNumber.describe("The dialled number (DID) as the carrier sends it."),
  hotline: name.describe("The hotline calls on this number reach."),
  campaign: z
    .string()
    .min(1)
    .optional()
    .describe("Advertising campaign this number was published in (newspaper, radio…)."),
  language: language.optional().describe("Starting language for callers on this number."),
});

const dtmfKey = z.string().regex(/^[0-9*#]$/, { error: "menu keys are single phone keys: 0-9, * or #" });

const menuLeafSchema = z.strictObject({
  topic: name.describe("The topic this key leads to."),
  label: perLanguage.optional().describe("Spoken as “for <label>, press <key>”; default the topic's name."),
});

const submenuSchema = z.strictObject({
  prompt: perLanguage.optional().describe("Spoken before the options; default built from the labels."),
  options: z.record(dtmfKey, menuLeafSchema).describe("Phone key → topic."),
  timeout: seconds.optional().describe("Seconds to wait for a key; default the main menu's."),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .optional()
    .describe("Tries after no or a wrong key; default the main menu's."),
  default: name.optional().describe("Topic when the caller presses nothing (after the retries)."),
});

const menuOptionSchema = z.strictObject({
  topic: name.optional().describe("The topic this key leads to (or menu:, not both)."),
  label: perLanguage.optional().describe("Spoken as “for <label>, press <key>”; default the topic's name."),
  menu: submenuSchema.optional().describe("A second-level menu (one level of nesting)."),
});

const menuSchema = z
  .strictObject({
    prompt: perLanguage.optional().describe("Spoken before the options; default built from the labels."),
    options: z.record(dtmfKey, menuOptionSchema).describe("Phone key → topic, or → a second-level menu."),
    timeout: seconds.default(5).describe("Seconds to wait for a key."),
    retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(2)
      .describe("Tries after no or a wrong key, then the default topic."),
    default: name.optional().describe("Topic when the caller presses nothing (after the retries)."),
  })
  .describe("Topic menu by phone key.");

const queueSchema = z
  .strictObject({
    maxWait: seconds.default(600).describe("Seconds a caller may wait before the overflow action."),
    maxLength: z.number().int().min(1).default(20).describe("Callers waiting before new callers overflow."),
    announceEvery: seconds.default(60).describe("Seconds between position announcements (0 = never)."),
    announcePosition: z.boolean().default(true).describe("Tell waiting callers their place in the queue."),
    strategy: z
      .enum(["longest-idle", "round-robin", "fewest-calls", "linear", "ring-all"])
      .default("longest-idle")
      .describe("Who among the qualified operators rings first; competence levels apply under every strategy."),
    widenAfter: seconds
      .default(30)
      .describe(
        "Seconds a caller waits per competence level before the next lower level may answer (0 = all at once).",
      ),
    retryAfter: seconds
      .default(60)
      .describe("Seconds before an operator who missed a caller is offered that caller again."),
    maxMissed: z
      .number()
      .int()
      .min(0)
      .default(3)
      .describe("Missed rings in a row before the operator is paused (missed-calls); 0 = never."),
    ringTimeout: z.number().int().min(5).default(20).describe("Seconds an operator's phone rings before the next one."),
    wrapUp: seconds.default(10).describe("Seconds after a call before the operator gets the next one."),
    whisper: z
      .boolean()
      .default(true)
      .describe("The operator hears the topic and campaign on answering, before the caller is put through."),
    introduce: z
      .boolean()
      .default(true)
      .describe(
        'The caller hears "you are speaking with…" as the operator answers; with whisper off too, they are bridged at once.',
      ),
    maxOffers: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe(
        "Times a caller is offered to operators (ring-all: all phones at once count as one) before the overflow.",
      ),
  })
  .describe("The queue for operators: waiting, announcements, who rings first.");

const promptsSchema = z
  .strictObject({
    closed: perLanguage.optional().describe("Outside opening hours."),
    busy: perLanguage.optional().describe("All operators busy; please hold."),
    position: perLanguage.optional().describe("Queue position; {position} is filled in."),
    invalid: perLanguage.optional().describe("Menu key not recognised."),
    voicemail: perLanguage.optional().describe("Before the voicemail beep."),
    callback: perLanguage.optional().describe("Offer to be called back."),
    goodbye: perLanguage.optional().describe("Before the hotline hangs up."),
  })
  .describe("Other spoken texts, per language; missing ones use built-in wording.");

const hotlineSchema = z.strictObject({
  schedule: name.optional().describe("A schedule from schedules:; without one the hotline is always open."),
  greeting: perLanguage.describe("First thing callers hear; {organization} is replaced by organization.name."),
  languageChoice: z
    .boolean()
    .default(true)
    .describe('Offer the organization\'s languages after the greeting ("Para español, pulse 2").'),
  prompts: promptsSchema.optional(),
  menu: menuSchema.optional(),
  queue: queueSchema.prefault({}),
  closed: z
    .strictObject({
      action: z
        .enum(["voicemail", "callback", "hangup"])
        .default("voicemail")
        .describe("voicemail: leave a message; callback: ask to be called back; hangup: after the closed prompt."),
    })
    .prefault({})
    .describe("What happens to calls outside opening hours."),
  overflow: z
    .strictObject({
      action: z
        .enum(["transfer", "voicemail", "callback"])
        .describe("transfer: to `to`; voicemail: leave a message; callback: ask to be called back."),
      to: z
        .string()
        .min(1)
        .optional()
        .describe("transfer: a phone number, a directory entry or another hotline's name."),
      trunk: name.optional().describe("Trunk for a transfer to an outside number; default the first trunk."),
    })
    .optional()
    .describe("What happens when the queue is full or the wait too long."),
  survey: z
    .strictObject({
      enabled: z.boolean().default(false).describe("Ask the question after the operator hangs up."),
      question: perLanguage.optional().describe("The question; required when enabled."),
      scale: z.number().int().min(2).max(9).default(5).describe("Answers 1…scale on the keypad."),
    })
    .optional()
    .describe("A one-question satisfaction survey after the call."),
});

const topicSchema = z.strictObject({
  name: perLanguage.describe("Spoken name of the topic."),
  competence: name.describe("The competence an operator needs for this topic (operators' competences)."),
  sensitive: z
    .boolean()
    .default(false)
    .describe(
      "Sensitive calls are never recorded without telling the caller (record defaults to announce), and not transcribed.",
    ),
  record: topicRecordSchema,
  answers: perLanguage.optional().describe("A recorded answer played before queueing (frequent questions)."),
  guidance: perLanguage
    .optional()
    .describe(
      "Shown on the operator's desk during the call (Markdown): the greeting line, key facts, prepared answers, the closing. {organization} and {operator} are replaced.",
    ),
});

/** Operators' working hours, in the schedule engine's notation so admins learn one syntax. */
const rosterSchema = z
  .strictObject({
    shifts: weeklyHoursSchema.describe('Weekday → hours, like a schedule\'s weekly: { mon-fri: "08:00-15:00" }.'),
    lunch: timeRange.optional().describe('Lunch break, e.g. "13:30-14:15"; on days a shift covers it.'),
    breaks: z
      .array(timeRange)
      .default([])
      .describe('Short breaks of 10–15 minutes, e.g. ["10:30-10:45", "17:00-17:10"].'),
  })
  .describe("When the operator takes calls.");

const operatorSchema = z.strictObject({
  name: z.string().min(1).describe("Display name; spoken in the introduction (“you are speaking with…”)."),
  endpoint: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
    .describe("The operator's desk phone (PJSIP endpoint)."),
  pin: pin.optional().describe('Login PIN, e.g. "${HOTLINE_PIN_MARIA}".'),
  languages: z
    .array(language)
    .min(1, { error: "list at least one language" })
    .describe("Languages the operator speaks; each in organization.languages."),
  competences: z
    .record(name, z.number().int().min(1).max(5))
    .default({})
    .describe("Competence → level 1 (basic) … 5 (expert)."),
  roster: rosterSchema.optional(),
  contact: z.string().optional().describe("A fixed SIP contact instead of waiting for the phone to register."),
  code: operatorCodeSchema,
});

const analysisSchema = z
  .strictObject({
    serviceLevelTarget: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe("Share of calls answered within serviceLevelSeconds."),
    serviceLevelSeconds: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe("Seconds within which an answered call counts for the service level."),
    abandonRateTarget: z.number().min(0).max(1).default(0.05).describe("Highest acceptable share of abandoned calls."),
    shortAbandonSeconds: seconds.default(5).describe("Callers hanging up sooner are not counted as abandoned."),
    occupancyTarget: z
      .number()
      .min(0)
      .max(1)
      .default(0.85)
      .describe("Share of logged-in time operators spend on calls."),
    adherenceTarget: z
      .number()
      .min(0)
      .max(1)
      .default(0.9)
      .describe("Share of rostered time operators should be logged in and not on an unplanned pause."),
    repeatWindowHours: z
      .number()
      .int()
      .min(1)
      .default(24)
      .describe("A caller calling again within this many hours counts as a repeat caller."),
  })
  .describe("Thresholds of the weekly analysis.");

// ── The whole file ─────────────────────────────────────────────────────────────────────────────

export const hotlineConfigSchema = z
  .strictObject({
    organization: organizationSchema,
    asterisk: asteriskSchema.prefault({}),
    database: databaseSchema.prefault({}),
    records: recordsSchema.prefault({}),
    sounds: z
      .strictObject({ dir: z.string().min(1).default("./sounds").describe("Rendered prompts; relative to this file.") })
      .prefault({}),
    state: z
      .strictObject({
        dir: z
          .string()
          .min(1)
          .default("./var/state")
          .describe("Small state files (schedule override); relative to this file."),
      })
      .prefault({}),
    trunks: z.array(trunkSchema).default([]).describe("The carriers' SIP trunks calls come in (and go out) on."),
    tariffs: tariffsSchema.optional(),
    edge: edgeSchema.optional(),
    numbers: z.array(numberSchema).default([]).describe("The dialled numbers (DIDs) and where they lead."),
    hotlines: z
      .record(name, hotlineSchema)
      .refine((h) => Object.keys(h).length > 0, { error: "define at least one hotline" })
      .describe("Hotline name → greeting, schedule, menu, queue and what happens when closed or full."),
    topics: z
      .record(name, topicSchema)
      .default({})
      .describe("Topic name → what callers choose in the menu, and the competence it needs."),
    operators: z
      .record(name, operatorSchema)
      .default({})
      .describe("Operator name → desk phone, languages, competences, roster."),
    directory: directorySchema({ name, language, phoneNumber }),
    schedules: z.record(name, scheduleSchema).default({}).describe("Opening hours by name; hotlines refer to them."),
    analysis: analysisSchema.prefault({}),
    report: reportSchema.optional(),
    metrics: metricsSchema.optional(),
    callbacks: callbacksSchema.optional(),
    supervisors: z.record(name, supervisorSchema).default({}).describe("Who may monitor operators' calls."),
    recordings: recordingsSchema.prefault({}),
    dispositions: dispositionsSchema,
    web: webSchema.optional(),
    users: usersSchema,
  })
  .describe("Hotline configuration (see docs/configuration.md).");

/** What the schema produces, before the loader resolves paths. */
export type ParsedConfig = z.output<typeof hotlineConfigSchema>;

/** The configuration the app runs with: relative paths resolved against the file's folder. */
export type HotlineConfig = ParsedConfig & {
  /** Absolute path of the main configuration file. */
  path: string;
  /** Its folder. */
  dir: string;
};

export type HotlineSettings = ParsedConfig["hotlines"][string];
export type TopicSettings = ParsedConfig["topics"][string];
export type OperatorSettings = ParsedConfig["operators"][string];
export type TrunkSettings = ParsedConfig["trunks"][number];
export type DirectoryEntry = ParsedConfig["directory"][string];
