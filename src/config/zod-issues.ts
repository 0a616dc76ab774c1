/**
 * zod issues → messages an admin can act on. zod's defaults ("Invalid input: expected string,
 * received undefined") are replaced; messages the schema chose itself are kept. The loader parses
 * with a marker as the per-parse error message, which is how a default message is recognised
 * (schema-level messages take precedence over it).
 */
import type { z } from "zod";
import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import { didYouMean } from "./suggest.ts";

export const DEFAULT_MESSAGE = "\u0000default";

type Issue = z.core.$ZodIssue;

/** Top-level sections that were renamed: say what to write instead. */
const RENAMED: Record<string, string> = {
  specialists:
    '"specialists:" is now "directory:", a map by name: rename it to directory: and give each entry a code (see docs/transfers.md)',
};

export function describeIssues(issues: readonly Issue[], data: unknown, schema: z.ZodType): PathIssue[] {
  return issues.flatMap((issue) => describe(issue, [], data, schema));
}

function describe(issue: Issue, prefix: ConfigPath, data: unknown, schema: z.ZodType): PathIssue[] {
  const path: ConfigPath = [...prefix, ...issue.path.map((s) => (typeof s === "symbol" ? String(s) : s))];
  const custom = issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
  const error = (message: string, at: PathIssue["at"] = "value"): PathIssue => ({
    path,
    message,
    severity: "error",
    at,
  });
  const value = valueAt(data, path);

  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schema, path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: (path.length === 0 ? RENAMED[key] : undefined) ?? `unknown key "${key}"${didYouMean(key, allowed)}`,
        severity: "error" as const,
        at: "key" as const,
      }));
    }
    case "invalid_type": {
      if (value.found === false) return [error(`missing required key "${String(path.at(-1))}"`)];
      if (path.length === 0 && value.value == null)
        return [error("the file is empty; start from config/hotline.example.yaml")];
      return [error(custom ?? `expected ${article(issue.expected)}, got ${describeValue(value.value)}`)];
    }
    case "invalid_value": {
      if (custom) return [error(custom)];
      const options = issue.values.map((v) => JSON.stringify(v));
      const got = describeValue(value.value);
      if (options.length === 1) return [error(`expected ${options[0]}, got ${got}`)];
      const hint = typeof value.value === "string" ? didYouMean(value.value, issue.values.map(String)) : "";
      return [error(`expected one of ${options.join(", ")}, got ${got}${hint}`)];
    }
    case "too_small":
    case "too_big": {
      if (custom) return [error(custom)];
      return [error(sizeMessage(issue))];
    }
    case "invalid_key": {
      // A record key that breaks the key rules: point at the key, say why.
      const inner = issue.issues[0];
      const why = inner && inner.message !== DEFAULT_MESSAGE ? inner.message : "not allowed here";
      return [error(`invalid key "${String(path.at(-1))}": ${why}`, "key")];
    }
    case "invalid_union": {
      if (custom) return [error(custom)];
      // A branch whose type matched but whose contents were wrong says more than "invalid input".
      const deeper = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      if (deeper) return deeper.flatMap((i) => describe(i, path, data, schema));
      const expected = issue.errors.flatMap((branch) =>
        branch.flatMap((i) => (i.code === "invalid_type" && i.path.length === 0 ? [article(i.expected)] : [])),
      );
      const list = [...new Set(expected)];
      if (list.length > 0) return [error(`expected ${list.join(" or ")}, got ${describeValue(value.value)}`)];
      return [error("none of the accepted forms matches this value")];
    }
    case "invalid_format":
      return [error(custom ?? `expected ${article(issue.format)}`)];
    case "not_multiple_of":
      return [error(custom ?? `must be a multiple of ${String(issue.divisor)}`)];
    default:
      return [error(custom ?? "invalid value")];
  }
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const limit = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  const inclusive = issue.inclusive !== false;
  const n = Number(limit);
  switch (issue.origin) {
    case "string":
      if (small && n <= 1) return "must not be empty";
      return `must be ${small ? "at least" : "at most"} ${n} characters`;
    case "array":
    case "set":
      if (small && n <= 1) return "must not be empty";
      return `must have ${small ? "at least" : "at most"} ${n} items`;
    default:
      if (inclusive) return `must be ${small ? "at least" : "at most"} ${String(limit)}`;
      return `must be ${small ? "greater" : "less"} than ${String(limit)}`;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: "a map",
    array: "a list",
    string: "a text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    url: "a URL",
  };
  return names[type] ?? `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  return typeof value;
}

/** The value at a path, and whether the key exists at all (a missing key is worded differently). */
export function valueAt(data: unknown, path: ConfigPath): { found: boolean; value: unknown } {
  let here: unknown = data;
  for (const segment of path) {
    if (here === null || typeof here !== "object" || !Object.hasOwn(here, segment))
      return { found: false, value: undefined };
    here = (here as Record<string | number, unknown>)[segment];
  }
  return { found: true, value: here };
}

// ── The keys an object schema allows, for did-you-mean ──────────────────────────────────────────

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

const def = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Follow a data path through the schema (wrappers, records, lists, unions) to the object schemas there. */
function schemasAt(schema: z.ZodType, path: ConfigPath): z.ZodType[] {
  const d = def(schema);
  const inner = d.innerType ?? d.in ?? (d.type === "lazy" ? d.getter?.() : undefined);
  if (inner) return schemasAt(inner, path);
  if (d.type === "union") return (d.options ?? []).flatMap((o) => schemasAt(o, path));
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (d.type === "object" && d.shape && typeof head === "string" && d.shape[head])
    return schemasAt(d.shape[head], rest);
  if (d.type === "record" && d.valueType) return schemasAt(d.valueType, rest);
  if (d.type === "array" && d.element) return schemasAt(d.element, rest);
  return [];
}

export function allowedKeys(schema: z.ZodType, path: ConfigPath): string[] {
  return schemasAt(schema, path).flatMap((s) => Object.keys(def(s).shape ?? {}));
}
