// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
/**
 * The room's screens: where the console listens and who may sign in to it. Passwords are only ever
 * scrypt hashes made by `hotline user passwd NAME`; there is no default password.
 */
import { z } from "zod";

const name = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "use lowercase letters, digits, - and _" });
const language = z.string().regex(/^[a-z]{2,3}$/, { error: 'expected a language code such as "en" or "es"' });

/** `scrypt$N$r$p$salt$hash` (base64url), as `hotline user passwd` writes it. */
export const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;

const listen = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, { error: 'expected host:port, e.g. "127.0.0.1:8090"' })
  .refine((v) => Number(v.slice(v.lastIndexOf(":") + 1)) <= 65535, { error: "the port must be 1 to 65535" });

export const webSchema = z
  .strictObject({
    listen: listen
      .default("127.0.0.1:8090")
      .describe("Address of the console. Another address than loopback needs web.tls or web.behindProxy."),
    tls: z
      .strictObject({
        cert: z.string().min(1).describe("PEM certificate chain; relative to this file."),
        key: z.string().min(1).describe("PEM private key; relative to this file."),
      })
      .optional()
      .describe("Serve the console over HTTPS."),
    behindProxy: z
      .boolean()
      .default(false)
      .describe("A reverse proxy terminates TLS in front of the console (trusts its X-Forwarded-* headers)."),
    secret: z
      .string()
      .min(16, { error: "use at least 16 characters" })
      .optional()
      .describe(
        'Signs the session cookies, e.g. "${HOTLINE_WEB_SECRET}"; without it one is made and kept in state.dir/web-secret.',
      ),
    sessionHours: z.number().min(0.25).max(168).default(12).describe("A sign-in lasts this long."),
    loginAttempts: z
      .number()
      .int()
      .min(1)
      .default(5)
      .describe("Sign-in attempts allowed per minute from one address; more are refused for that minute."),
    publicHours: z
      .boolean()
      .default(false)
      .describe(
        "Serve /public/hours/<hotline>.json, .ics and .html without sign-in (open now, opens at, the feed) for the organization's website.",
      ),
  })
  .describe("The operators' desk and the supervisors' wallboard in the browser (docs/console.md).");

export const USER_ROLES = ["operator", "supervisor"] as const;
export type UserRole = (typeof USER_ROLES)[number];

const userSchema = z.strictObject({
  role: z.enum(USER_ROLES).describe("An operator sees only their desk; a supervisor sees the whole room."),
  operator: name.optional().describe("The operator this user is (role operator); default the user's own name."),
  supervisor: name
    .optional()
    .describe("The supervisor this user is (role supervisor): monitored calls ring at their desk phone."),
  password: z
    .string()
    .regex(PASSWORD_HASH, { error: "not a password hash: make one with `hotline user passwd NAME`" })
    .describe("A scrypt hash made by `hotline user passwd NAME` (never the password itself)."),
  language: language.optional().describe("The console's language for this user; default the browser's."),
});

export const usersSchema = z
  .record(name, userSchema)
  .default({})
  .describe("Who may sign in to the console: user name → role, password hash.");
