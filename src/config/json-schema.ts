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
  return { ...schema, title: "Hotline configuration" };
}

/** As written to config/hotline.schema.json: stable key order, trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
