import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerConfigCommands } from "../../../src/cli/commands/config.ts";

/** `hotline check --config <file>` in-process: what it printed and the exit code. */
async function check(file: string) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const program = new Command().name("hotline").exitOverride();
  registerConfigCommands(program);
  try {
    await program.parseAsync(["node", "hotline", "check", "--config", file]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr, exitCode: process.exitCode };
}

describe("hotline check with an .ics holiday import", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-check-ics-"));
    await writeFile(
      join(dir, "es.ics"),
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:1",
        "DTSTART;VALUE=DATE:20271208",
        "SUMMARY:Immaculate Conception",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });
  afterEach(async () => {
    process.exitCode = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("passes, the import read relative to the configuration", async () => {
    const config = join(dir, "hotline.yaml");
    await writeFile(
      config,
      [
        "organization: { name: Test College, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }",
        "state: { dir: ./state }",
        "hotlines:",
        "  main: { schedule: office, greeting: { en: Hello. } }",
        "schedules:",
        "  office:",
        "    timezone: Europe/Madrid",
        '    weekly: { mon-fri: "09:00-14:00" }',
        "    holidays: [{ ics: es.ics }]",
        "",
      ].join("\n"),
    );
    const r = await check(config);
    expect(r.stderr).not.toContain("icsLoader");
    expect(r.stdout).toMatch(/: OK — /);
    expect(r.exitCode).toBeUndefined();
  });
});
