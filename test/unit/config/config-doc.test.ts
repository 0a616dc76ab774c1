import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DOC, configReference, keyRows, withConfigReference } from "../../../scripts/config-doc.ts";
import { configJsonSchema } from "../../../src/config/json-schema.ts";

describe("docs/configuration.md", () => {
  const doc = readFileSync(CONFIG_DOC, "utf8");

  it("holds the key reference the schema makes (npx tsx scripts/config-doc.ts)", () => {
    expect(doc).toBe(withConfigReference(doc));
  });

  it("lists every key of the schema, with a meaning (schedules' are in schedules.md)", () => {
    const schema = configJsonSchema() as Parameters<typeof keyRows>[0];
    const rows = Object.entries(schema.properties ?? {}).flatMap(([key, node]) => keyRows(node, key, false));
    const reference = configReference();
    for (const path of [
      "hotlines.<name>.languageChoice",
      "hotlines.<name>.queue.widenAfter",
      "hotlines.<name>.queue.retryAfter",
      "hotlines.<name>.queue.maxMissed",
      "analysis.adherenceTarget",
      "analysis.repeatWindowHours",
      "report.at.day",
      "report.smtp.host",
      "report.outDir",
    ])
      expect(reference).toContain(`| \`${path}\` |`);
    const undocumented = rows.filter((r) => !r.meaning && !r.path.startsWith("schedules.")).map((r) => r.path);
    expect(undocumented).toEqual([]);
  });

  it("names the queue strategies the schema accepts, and no other", () => {
    const strategies = doc.match(/`hotlines\.<name>\.queue\.strategy` \| ([^|]+(?:\\\|[^|]+)*) \|/)?.[1] ?? "";
    expect(strategies.split("\\|").map((s) => s.trim())).toEqual([
      "`longest-idle`",
      "`round-robin`",
      "`fewest-calls`",
      "`linear`",
      "`ring-all`",
    ]);
    expect(doc).not.toContain("best-skill");
  });

  it("says where a desk phone's SIP password is", () => {
    expect(doc).toMatch(/credentials\.json/);
    expect(doc).toMatch(/deskPhones/);
  });
});
