import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWeeklyReport, scheduleWeeklyReport } from "../../../src/analysis/schedule.ts";
import { seedWeek } from "../../../src/analysis/seed/index.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { type HotlineConfig, loadConfig } from "../../../src/config/index.ts";
import { reportSchema } from "../../../src/config/report-schema.ts";
import { silentLogger } from "../../../src/logger.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";

/** The smallest SMTP server nodemailer will talk to: accepts everything and keeps each message. */
function smtpSink(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data = false;
    let buffer = "";
    let message = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (data) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          message += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          messages.push(message);
          message = "";
          data = false;
          socket.write("250 OK queued\r\n");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0, messages });
    });
  });
}

describe("scheduled weekly report", () => {
  let dir: string;
  let db: Knex;
  let config: HotlineConfig;
  let sink: Awaited<ReturnType<typeof smtpSink>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-report-"));
    db = await openDatabase({ client: "sqlite", filename: join(dir, "calls.sqlite") });
    const loaded = await loadConfig("config/hotline.example.yaml");
    if (!loaded.ok) throw new Error("example configuration does not load");
    config = loaded.config;
    await seedWeek(db, config, isoWeek("2026-W47", config.organization.timezone));
    sink = await smtpSink();
  });
  afterAll(async () => {
    await db.destroy();
    sink.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the week just ended and mails it over SMTP", async () => {
    const settings = reportSchema.parse({
      to: ["director@example.org"],
      smtp: { host: "127.0.0.1", port: sink.port, from: "Hotline <hotline@example.org>" },
      outDir: join(dir, "reports"),
    });
    const done = await runWeeklyReport(db, config, settings, new Date("2026-11-23T06:00:00Z"));
    expect(done.week).toBe("2026-W47");
    expect(done.mailed).toBe(true);
    expect((await stat(join(dir, "reports", "2026-W47", "report.html"))).size).toBeGreaterThan(10_000);
    expect(sink.messages).toHaveLength(1);
    const mail = (sink.messages[0] as string).replace(/\r\n[ \t]+/g, " "); // unfold long headers
    expect(mail).toMatch(/^Subject: Northfield University: hotline report 2026-W47 \(synthetic data\)/m);
    expect(mail).toContain("To: director@example.org");
    expect(mail).toContain("filename=hotline-2026-W47.html");
    expect(mail).toContain("filename=hotline-2026-W47.xlsx");
    expect(mail).toContain("Synthetic data");
  });

  it("writes without mailing when no mail server is configured", async () => {
    const settings = reportSchema.parse({ outDir: join(dir, "quiet") });
    const done = await runWeeklyReport(db, config, settings, new Date("2026-11-23T06:00:00Z"));
    expect(done.mailed).toBe(false);
    expect((await stat(done.files.json)).size).toBeGreaterThan(1000);
  });

  it("runs on Monday at 07:00 in the organization's time zone by default", () => {
    const job = scheduleWeeklyReport(db, config, reportSchema.parse({}), silentLogger);
    try {
      const next = job.next();
      expect(next).not.toBeNull();
      const local = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Madrid",
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(next as Date);
      expect(local).toBe("Mon 07:00");
    } finally {
      job.cancel();
    }
  });

  it("rejects a malformed time and bad recipients", () => {
    expect(reportSchema.safeParse({ at: { time: "7am" } }).success).toBe(false);
    expect(reportSchema.safeParse({ to: ["not an address"] }).success).toBe(false);
  });
});
