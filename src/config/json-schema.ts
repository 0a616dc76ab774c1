import { z } from "zod";
import { hotlineConfigSchema } from "./schema.ts";

/**
 * JSON Schema of the configuration file, for editors (yaml-language-server completes keys and
 * flags mistakes while typing). Draft-07 because that is what editor tooling supports best; the
 * input side of the schema, since keys with defaults are optional to write.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(hotlineConfigSchema, {
    target: "draft-07",
    io: "input",
    // Refinements (time syntax, time zones) have no JSON Schema form; the base type still helps.
    unrepresentable: "any",
  });
  return { ...(acceptInterpolation(schema) as Record<string, unknown>), title: "Hotline configuration" };
}

/** A text value the loader interpolates: `${VAR}` or `${VAR:-default}` somewhere in it. */
export const INTERPOLATED_PATTERN = "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}";

const STRING_CONSTRAINTS = ["pattern", "format", "enum", "const", "minLength", "maxLength"];

/**
 * Every text value is interpolated before it is validated, so a constrained text field (a PIN's
 * digits, an enum) written as `${VAR}` is fine: let the editor accept that too. Map keys are not
 * interpolated, so `propertyNames` stay as they are.
 */
function acceptInterpolation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(acceptInterpolation);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === "propertyNames" ? value : acceptInterpolation(value);
  if (out.type !== "string" || !STRING_CONSTRAINTS.some((c) => c in out)) return out;
  const { description, default: fallback, ...constrained } = out;
  return {
    ...(description !== undefined ? { description } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    anyOf: [constrained, { type: "string", pattern: INTERPOLATED_PATTERN }],
  };
}

/** As written to config/hotline.schema.json: stable key order, trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
