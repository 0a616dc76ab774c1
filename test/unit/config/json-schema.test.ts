import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configJsonSchemaText } from "../../../src/config/index.ts";

const ROOT = join(import.meta.dirname, "../../..");

describe("JSON Schema export", () => {
  it("describes every top-level section and rejects unknown keys", () => {
    const schema = configJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual([
      "organization",
      "asterisk",
      "database",
      "sounds",
      "state",
      "trunks",
      "numbers",
      "hotlines",
      "topics",
      "operators",
      "directory",
      "schedules",
      "analysis",
      "report",
      "metrics",
      "callbacks",
      "supervisors",
      "recordings",
      "dispositions",
    ]);
    // Sections with defaults are optional to write; these two are not.
    expect(schema.required).toEqual(["organization", "hotlines"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("is committed up to date in config/hotline.schema.json (regenerate: hotline schema -o config/hotline.schema.json)", async () => {
    expect(await readFile(join(ROOT, "config/hotline.schema.json"), "utf8")).toBe(configJsonSchemaText());
  });

  it("is referenced by the example's first line, for yaml-language-server", async () => {
    const example = await readFile(join(ROOT, "config/hotline.example.yaml"), "utf8");
    expect(example.split("\n")[0]).toBe("# yaml-language-server: $schema=./hotline.schema.json");
  });
});
