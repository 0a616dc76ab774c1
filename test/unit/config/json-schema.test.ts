// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configJsonSchemaText } from "../../../src/config/index.ts";
import { INTERPOLATED_PATTERN } from "../../../src/config/json-schema.ts";

type SchemaNode = { type?: string; pattern?: string; enum?: unknown[]; anyOf?: SchemaNode[] } & Record<string, unknown>;

/** Enough of JSON Schema for a text value: type, pattern, enum, anyOf. */
function acceptsText(node: SchemaNode, value: string): boolean {
  if (node.anyOf) return node.anyOf.some((n) => acceptsText(n, value));
  if (node.type !== "string") return false;
  if (node.enum && !node.enum.includes(value)) return false;
  return node.pattern === undefined || new RegExp(node.pattern, "u").test(value);
}

/** Every constrained text field in the schema, found by walking it. */
function constrainedTextNodes(node: unknown, out: SchemaNode[] = []): SchemaNode[] {
  if (Array.isArray(node)) for (const n of node) constrainedTextNodes(n, out);
  else if (node && typeof node === "object") {
    const n = node as SchemaNode;
    if (n.type === "string" && (n.pattern !== undefined || n.enum !== undefined)) out.push(n);
    for (const [key, value] of Object.entries(n)) if (key !== "propertyNames") constrainedTextNodes(value, out);
  }
  return out;
}

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
      "records",
      "sounds",
      "state",
      "trunks",
      "tariffs",
      "edge",
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
      "web",
      "users",
    ]);
    // Sections with defaults are optional to write; these two are not.
    expect(schema.required).toEqual(["organization", "hotlines"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("is committed up to date in config/hotline.schema.json (regenerate: hotline schema -o config/hotline.schema.json)", async () => {
    expect(await readFile(join(ROOT, "config/hotline.schema.json"), "utf8")).toBe(configJsonSchemaText());
  });

  it("accepts the example's ${VAR:-default} PINs, as the loader does", async () => {
    const schema = configJsonSchema() as {
      properties: { operators: { additionalProperties: { properties: { pin: SchemaNode } } } };
    };
    const pin = schema.properties.operators.additionalProperties.properties.pin;
    const example = await readFile(join(ROOT, "config/hotline.example.yaml"), "utf8");
    const written = [...example.matchAll(/^\s+pin: (\$\{.*\})$/gm)].map((m) => m[1] as string);
    expect(written).toContain("${HOTLINE_PIN_MARIA:-4711}");
    for (const value of written) expect(acceptsText(pin, value)).toBe(true);
    expect(acceptsText(pin, "4711")).toBe(true);
    expect(acceptsText(pin, "47a1")).toBe(false);
  });

  it("lets every constrained text field hold ${VAR} (values are interpolated before they are checked)", () => {
    const schema = configJsonSchema();
    const fields = constrainedTextNodes(schema);
    expect(fields.length).toBeGreaterThan(20);
    for (const field of fields) {
      if (field.pattern === INTERPOLATED_PATTERN) continue;
      const holder = findHolder(schema, field);
      expect(holder && acceptsText(holder, "${SOME_VAR}"), JSON.stringify(field)).toBe(true);
    }
  });

  it("is referenced by the example's first line, for yaml-language-server", async () => {
    const example = await readFile(join(ROOT, "config/hotline.example.yaml"), "utf8");
    expect(example.split("\n")[0]).toBe("# yaml-language-server: $schema=./hotline.schema.json");
  });
});

/** The anyOf that holds a constrained text node (or the node itself). */
function findHolder(node: unknown, target: SchemaNode): SchemaNode | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findHolder(n, target);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  const n = node as SchemaNode;
  if (n.anyOf?.includes(target)) return n;
  if (n === target) return n;
  for (const [key, value] of Object.entries(n)) {
    if (key === "propertyNames") continue;
    const found = findHolder(value, target);
    if (found) return found;
  }
  return undefined;
}
