import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerConfigCommands } from "../../../src/cli/commands/config.ts";
import { registerScheduleCommands } from "../../../src/cli/commands/schedule.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const EXAMPLE = relative(process.cwd(), join(ROOT, "config/hotline.example.yaml"));
const BAD = relative(process.cwd(), join(ROOT, "test/fixtures/config/bad-reference.yaml"));

/** Run `hotline <args>` in-process; returns what it printed. */
async function run(...args: string[]) {
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
  registerScheduleCommands(program);
  try {
    await program.parseAsync(["node", "hotline", ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr, exitCode: process.exitCode };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("hotline check", () => {
  it("prints a one-line summary for a valid configuration", async () => {
    const r = await run("check", "--config", EXAMPLE);
    expect(r.stdout).toMatch(
      /: OK — 1 organization, 2 hotlines, 3 topics, 4 operators, 2 trunks, 3 numbers( \(\d+ warnings?\))?\n$/,
    );
    expect(r.stdout.startsWith(`${EXAMPLE}: OK`)).toBe(true);
    // The only warnings are this week's staffing gaps (rosters against opening hours; see src/acd/staffing.ts).
    for (const line of r.stderr.split("\n").filter(Boolean)) {
      expect(line).toMatch(/: warning: understaffed this week: hotline \w+: no operator for topic "\w+" in \w+ on /);
    }
    expect(r.exitCode).toBeUndefined();
  });

  it("prints errors as file:line:col lines and sets exit code 2 (bad configuration)", async () => {
    const r = await run("check", "--config", BAD);
    expect(r.stderr.split("\n")[0]).toBe(
      `${BAD}:8:14: numbers[0].hotline: unknown hotline "admisions" (did you mean "admissions"?) — known: admissions`,
    );
    expect(r.stderr).toContain(`${BAD}: 1 error\n`);
    expect(r.stdout).toBe("");
    expect(r.exitCode).toBe(2);
  });
});

describe("hotline schema", () => {
  it("prints the JSON Schema", async () => {
    const r = await run("schema");
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain("hotlines");
  });
});

describe("hotline schedule", () => {
  let dir: string;
  let config: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-schedule-cli-"));
    config = join(dir, "hotline.yaml");
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
        '    holidays: [{ date: "12-25", name: Christmas Day }]',
        "",
      ].join("\n"),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--json gives the decision, the rule and the next change", async () => {
    const r = await run("schedule", "--config", config, "--at", "2027-07-05T10:00", "--json");
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(["open", "rule", "nextChange"]);
    expect(answer.open).toBe(true);
    expect(answer.rule.kind).toBe("weekly");
    expect(answer.nextChange).toBe("2027-07-05T12:00:00.000Z"); // 14:00 in Madrid (CEST)
  });

  it("--days previews the opening hours day by day", async () => {
    const r = await run("schedule", "--config", config, "--at", "2027-12-24T08:00", "--days", "3");
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^ {2}fri 2027-12-24 {2}09:00-14:00 /);
    expect(lines[2]).toMatch(/^ {2}sat 2027-12-25 {2}closed +holiday "Christmas Day"/);
  });

  it("an override is stored, applies across runs, and can be cleared", async () => {
    await run("schedule", "override", "closed", "--config", config, "--reason", "fire drill");
    const closed = JSON.parse((await run("schedule", "--config", config, "--at", "2027-07-05T10:00", "--json")).stdout);
    expect(closed.open).toBe(false);
    expect(closed.rule.kind).toBe("override");

    expect((await run("schedule", "override", "clear", "--config", config)).stdout).toMatch(/override cleared/);
    const open = JSON.parse((await run("schedule", "--config", config, "--at", "2027-07-05T10:00", "--json")).stdout);
    expect(open.open).toBe(true);
  });
});
