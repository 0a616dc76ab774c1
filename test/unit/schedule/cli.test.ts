import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerScheduleCommands } from "../../../src/cli/commands/schedule.ts";

/** `hotline schedule …` in-process: what it printed. */
async function schedule(args: string[]): Promise<string> {
  let stdout = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const program = new Command().name("hotline").exitOverride();
  registerScheduleCommands(program);
  try {
    await program.parseAsync(["node", "hotline", "schedule", ...args]);
  } finally {
    out.mockRestore();
  }
  return stdout;
}

let dir: string;
let config: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-schedule-cli-"));
  config = join(dir, "hotline.yaml");
  await writeFile(
    config,
    [
      "organization: { name: Test College, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }",
      `state: { dir: ${join(dir, "state")} }`,
      "hotlines:",
      "  main: { schedule: office, greeting: { en: Hello. } }",
      "schedules:",
      "  office:",
      "    timezone: Europe/Madrid",
      '    weekly: { mon-fri: "09:00-14:00", sun: "02:00-02:30" }',
      "",
    ].join("\n"),
  );
  // Closed by hand on Tuesday 2027-05-04 at 12:00 (10:00Z) until Thursday 00:00.
  await mkdir(join(dir, "state"), { recursive: true });
  await writeFile(
    join(dir, "state", "schedule-overrides.json"),
    JSON.stringify({
      version: 1,
      overrides: {
        "*": { state: "closed", until: "2027-05-05T22:00:00.000Z", reason: "move", setAt: "2027-05-04T10:00:00.000Z" },
      },
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hotline schedule", () => {
  it("--days applies the override from the time it was set and names it", async () => {
    const text = await schedule(["--config", config, "--at", "2027-05-03T08:00", "--days", "4"]);
    const lines = text.split("\n").filter((l) => l.startsWith("  "));
    expect(lines.find((l) => l.includes(" 2027-05-03 "))).toMatch(/09:00-14:00\s+weekly hours/);
    expect(lines.find((l) => l.includes(" 2027-05-04 "))).toMatch(
      /09:00-12:00\s+override: force closed until 2027-05-06T00:00\+02:00: move \(else weekly/,
    );
    expect(lines.find((l) => l.includes(" 2027-05-05 "))).toMatch(/closed\s+override: force closed/);
    expect(lines.find((l) => l.includes(" 2027-05-06 "))).toMatch(/09:00-14:00\s+weekly hours/);
  });

  it("an instant before the override was set is decided by the rules", async () => {
    const before = await schedule(["--config", config, "--at", "2027-05-04T11:00"]);
    expect(before).toContain("main at Tue 2027-05-04 11:00 (Europe/Madrid, UTC+02:00): OPEN");
    expect(before).toContain("rule: weekly hours");
    expect(before).toContain("next change: closes Tue 2027-05-04 12:00");
    const after = await schedule(["--config", config, "--at", "2027-05-04T12:30"]);
    expect(after).toContain("CLOSED");
    expect(after).toContain("rule: override: force closed");
  });

  it("the second 02:15 of the night the clocks go back says so, with its offset", async () => {
    const text = await schedule(["--config", config, "--at", "2026-10-25T01:15:00Z"]);
    expect(text).toContain("(Europe/Madrid, UTC+01:00): CLOSED");
    expect(text).toContain("note: 02:15 happens twice on 2026-10-25 (clocks go back): this is the second 02:15");
  });
});
