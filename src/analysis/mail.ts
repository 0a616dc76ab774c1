/** Sends a finished report: Markdown as the text body, the HTML report and the workbook attached. */
import { readFile } from "node:fs/promises";
import nodemailer from "nodemailer";
import type { ReportSettings } from "../config/report-schema.ts";
import { messages } from "./messages.ts";
import type { WeeklyReport } from "./report.ts";
import type { ReportFiles } from "./write.ts";

export async function mailReport(
  report: WeeklyReport,
  files: ReportFiles,
  settings: ReportSettings,
): Promise<{ messageId: string; accepted: string[] }> {
  const smtp = settings.smtp;
  if (!smtp) throw new Error("report.smtp is not configured: the report was written but not sent");
  if (settings.to.length === 0) throw new Error("report.to lists nobody: the report was written but not sent");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const a = report.analysis;
  const sl = a.summary.serviceLevel === null ? "–" : `${Math.round(a.summary.serviceLevel * 100)} %`;
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: settings.to,
      subject: messages(report.language).page.mailSubject(
        report.organization,
        a.week.label,
        a.synthetic ? "1" : "",
        sl,
      ),
      text: await readFile(files.md, "utf8"),
      attachments: [
        { filename: `hotline-${a.week.label}.html`, path: files.html, contentType: "text/html" },
        { filename: `hotline-${a.week.label}.xlsx`, path: files.xlsx },
      ],
    });
    return { messageId: info.messageId, accepted: info.accepted.map(String) };
  } finally {
    transport.close();
  }
}
