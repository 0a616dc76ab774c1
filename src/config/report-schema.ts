/**
 * The `report:` section of the configuration: when the weekly report is made and who gets it.
 * The analysis reads it as `ReportSettings`.
 */
import { z } from "zod";
import { REPORT_LANGUAGES } from "../analysis/messages.ts";
import { WEEKDAYS } from "../schedule/syntax.ts";

const weekday = z.enum(WEEKDAYS);

export const reportSchema = z
  .strictObject({
    at: z
      .strictObject({
        day: weekday.default("mon").describe("Weekday the report is made."),
        time: z
          .string()
          .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: 'expected a time such as "07:00"' })
          .default("07:00")
          .describe("Time of day, HH:MM."),
      })
      .prefault({})
      .describe("When the report of the week just ended is made, in the organization's time zone."),
    to: z.array(z.email()).default([]).describe("Who gets it by e-mail (HTML attached, Markdown as the body)."),
    smtp: z
      .strictObject({
        host: z.string().min(1).describe("Mail server."),
        port: z.number().int().min(1).max(65535).default(587).describe("Mail server port (587 submission, 465 TLS)."),
        secure: z.boolean().default(false).describe("TLS from the start (port 465); otherwise STARTTLS when offered."),
        user: z.string().optional().describe("Login at the mail server, if it asks for one."),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: ${VAR} is configuration syntax, not a template.
        password: z.string().optional().describe('Use "${HOTLINE_SMTP_PASSWORD}" to keep it out of the file.'),
        from: z.string().min(1).describe('Sender, e.g. "Hotline <hotline@example.org>".'),
      })
      .optional()
      .describe("Mail server for sending the report; without it the report is only written."),
    language: z
      .enum(REPORT_LANGUAGES)
      .optional()
      .describe(
        "Language of the report (en, es). Default: the organization's first language when it is one of these, else en.",
      ),
    outDir: z
      .string()
      .min(1)
      .default("./var/reports")
      .describe("Reports are written to <outDir>/<week>/; relative to the configuration file."),
  })
  .describe("The weekly report: schedule, recipients, mail server.");

export type ReportSettings = z.output<typeof reportSchema>;
