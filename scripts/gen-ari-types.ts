/**
 * Generate src/asterisk/ari/generated.ts from the ARI spec (Swagger 1.2) that a running Asterisk serves
 * at /ari/api-docs. Uses ARI_URL / ARI_USERNAME / ARI_PASSWORD when all three are set; otherwise starts
 * a throwaway sandbox Asterisk, reads its spec and stops it again.
 *
 *   npm run ari:types
 *
 * Output shape (see the header the generator writes for the details a client relies on):
 * - one interface per model; events extend their parent (StasisStart extends Event extends Message)
 *   with a literal `type` discriminant, plus AriEvent, AriEventType, AriEventMap, ARI_EVENT_TYPES;
 * - AriOperations: "METHOD /path" → { params; query; body; response } for every resource operation.
 */
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startTestSandbox } from "../test/support/sandbox.ts";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "../src/asterisk/ari/generated.ts");

// ---- Swagger 1.2 as Asterisk writes it -------------------------------------------------------------

interface AllowableValues {
  valueType: "LIST" | "RANGE";
  values?: (string | number)[];
  min?: number;
  max?: number;
}

interface SwaggerProperty {
  type: string;
  required?: boolean;
  description?: string;
  allowableValues?: AllowableValues;
}

interface SwaggerModel {
  id: string;
  description?: string;
  properties: Record<string, SwaggerProperty>;
  subTypes?: string[];
  extends?: string;
  discriminator?: string;
}

interface SwaggerParameter {
  name: string;
  paramType: "path" | "query" | "body" | "header" | "form";
  dataType: string;
  required?: boolean;
  allowMultiple?: boolean;
  description?: string;
  /** Asterisk's own typo on a few parameters. */
  descriptioni?: string;
  defaultValue?: unknown;
  allowableValues?: AllowableValues;
}

interface SwaggerOperation {
  httpMethod: string;
  nickname: string;
  summary?: string;
  notes?: string;
  since?: string[];
  responseClass: string;
  upgrade?: string;
  websocketProtocol?: string;
  parameters?: SwaggerParameter[];
  errorResponses?: { code: number; reason: string }[];
}

interface SwaggerApi {
  path: string;
  description?: string;
  operations: SwaggerOperation[];
}

interface SwaggerResource {
  resourcePath?: string;
  apis?: SwaggerApi[];
  models?: Record<string, SwaggerModel>;
}

interface ResourceListing {
  apis: { path: string; description?: string }[];
}

interface AriTarget {
  url: string;
  username: string;
  password: string;
}

// ---- fetching ----------------------------------------------------------------------------------------

async function getJson<T>(target: AriTarget, path: string): Promise<T> {
  const auth = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString("base64")}`;
  const url = `${target.url.replace(/\/+$/, "")}/ari${path}`;
  const res = await fetch(url, { headers: { authorization: auth }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${res.statusText}`);
  return (await res.json()) as T;
}

export interface AriSpec {
  version: string;
  resources: { name: string; resource: SwaggerResource }[];
}

async function fetchSpec(target: AriTarget): Promise<AriSpec> {
  const info = await getJson<{ system?: { version?: string } }>(target, "/asterisk/info?only=system");
  const version = info.system?.version;
  if (!version) throw new Error("GET /ari/asterisk/info did not report system.version");
  const listing = await getJson<ResourceListing>(target, "/api-docs/resources.json");
  const resources: AriSpec["resources"] = [];
  for (const api of listing.apis) {
    // "/api-docs/channels.{format}"
    const path = api.path.replace("{format}", "json");
    const name = path.replace(/^.*\//, "").replace(/\.json$/, "");
    resources.push({ name, resource: await getJson<SwaggerResource>(target, path) });
  }
  return { version, resources };
}

async function withTarget<T>(use: (target: AriTarget) => Promise<T>): Promise<T> {
  const { ARI_URL, ARI_USERNAME, ARI_PASSWORD } = process.env;
  if (ARI_URL && ARI_USERNAME && ARI_PASSWORD) {
    return use({ url: ARI_URL, username: ARI_USERNAME, password: ARI_PASSWORD });
  }
  console.error("starting a throwaway sandbox Asterisk (set ARI_URL, ARI_USERNAME, ARI_PASSWORD to use a running one)");
  const sandbox = await startTestSandbox({ languages: ["en"] });
  try {
    return await use({ url: sandbox.instance.ariUrl, ...sandbox.spec.ari });
  } finally {
    await sandbox.stop();
  }
}

// ---- rendering ---------------------------------------------------------------------------------------

const IDENT = /^[A-Za-z_$][\w$]*$/;

function key(name: string): string {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

/** A JSDoc block from non-empty lines, indented; undefined when there is nothing to say. */
function jsdoc(lines: (string | undefined)[], indent = ""): string | undefined {
  const text = lines
    .filter((line): line is string => line !== undefined && line.trim() !== "")
    .flatMap((line) => line.split("\n"))
    .map((line) => line.trimEnd().replaceAll("*/", "*\\/"));
  if (text.length === 0) return undefined;
  if (text.length === 1) return `${indent}/** ${text[0]} */`;
  return [`${indent}/**`, ...text.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)), `${indent} */`].join(
    "\n",
  );
}

/** Locale-independent order, so the output is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function literalUnion(values: (string | number)[]): string {
  return values.map((v) => JSON.stringify(v)).join(" | ");
}

class TypeMapper {
  constructor(private readonly models: ReadonlySet<string>) {}

  /** Swagger 1.2 type → TypeScript; `allowable` LIST values make a string-literal union. */
  map(type: string, allowable?: AllowableValues): string {
    const list = /^List\[(.+)\]$/.exec(type);
    if (list?.[1]) {
      const inner = this.map(list[1], allowable);
      return inner.includes("|") ? `(${inner})[]` : `${inner}[]`;
    }
    if (allowable?.valueType === "LIST" && allowable.values?.length && type === "string") {
      return literalUnion(allowable.values);
    }
    switch (type) {
      case "string":
      case "Date": // ISO 8601 text on the wire
        return "string";
      case "int":
      case "long":
      case "double":
      case "float":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "object":
        return "Record<string, unknown>";
      case "containers":
        return "Record<string, string>";
      case "void":
        return "void";
      case "binary":
        return "ArrayBuffer";
    }
    if (this.models.has(type)) return type;
    throw new Error(`unknown Swagger type "${type}"`);
  }
}

/** How a `paramType: "body"` parameter travels: see the generated header. */
const BODY_OVERRIDES: Record<string, string> = {
  // "a list of ConfigTuples", sent as { "fields": [ { "attribute": …, "value": … } ] }
  fields: "ConfigTuple[]",
};

function rangeNote(allowable?: AllowableValues): string | undefined {
  if (allowable?.valueType !== "RANGE") return undefined;
  const parts = [];
  if (allowable.min !== undefined) parts.push(`min ${allowable.min}`);
  if (allowable.max !== undefined) parts.push(`max ${allowable.max}`);
  return parts.length ? `Range: ${parts.join(", ")}.` : undefined;
}

interface Generated {
  text: string;
  counts: { models: number; events: number; operations: number };
}

export function generate(spec: AriSpec): Generated {
  const models = new Map<string, SwaggerModel>();
  const origin = new Map<string, string>();
  for (const { name, resource } of spec.resources) {
    for (const [id, model] of Object.entries(resource.models ?? {})) {
      const existing = models.get(id);
      if (existing && JSON.stringify(existing) !== JSON.stringify(model)) {
        throw new Error(`model ${id} is defined differently in ${origin.get(id)} and ${name}`);
      }
      models.set(id, { ...model, id });
      origin.set(id, name);
    }
  }
  const mapper = new TypeMapper(new Set(models.keys()));

  // Parents: Swagger 1.2 lists children in the parent's subTypes; some writers use `extends` instead.
  const parent = new Map<string, string>();
  for (const model of models.values()) {
    for (const child of model.subTypes ?? []) {
      if (!models.has(child)) throw new Error(`${model.id}.subTypes names unknown model ${child}`);
      parent.set(child, model.id);
    }
  }
  for (const model of models.values()) if (model.extends) parent.set(model.id, model.extends);
  const children = (id: string) => [...models.values()].filter((m) => parent.get(m.id) === id).map((m) => m.id);
  const descendants = (id: string): string[] => children(id).flatMap((c) => [c, ...descendants(c)]);

  if (!models.has("Message") || !models.has("Event")) throw new Error("the spec has no Message/Event models");
  const messageFamily = new Set(["Message", ...descendants("Message")]);
  const isLeaf = (id: string) => children(id).length === 0;
  const eventTypes = descendants("Event").filter(isLeaf).sort(byCodePoint);
  const otherMessages = [...messageFamily].filter((id) => isLeaf(id) && !eventTypes.includes(id)).sort(byCodePoint);

  const out: string[] = [];
  const emit = (...lines: (string | undefined)[]) => {
    for (const line of lines) if (line !== undefined) out.push(line);
  };

  emit(
    `// Generated by scripts/gen-ari-types.ts from Asterisk ${spec.version}'s /ari/api-docs — do not edit.`,
    "// Regenerate with `npm run ari:types` (a throwaway sandbox Asterisk, or the one named by ARI_URL,",
    "// ARI_USERNAME and ARI_PASSWORD).",
    "//",
    "// Conventions:",
    "// - Swagger types: int/long/double → number, Date → string (ISO 8601), List[X] → X[],",
    "//   object → Record<string, unknown>, allowableValues LIST → a union of string literals.",
    "// - Model properties without `required: true` are optional (`?:`).",
    '// - AriOperations is keyed "METHOD /path" exactly as the spec writes the path; `params` fill the',
    "//   {placeholders} (URI-encode them), `query` goes to the query string, `body` is the JSON body.",
    "// - allowMultiple query parameters are typed as arrays (T[]); send them comma-joined (a,b,c), which",
    "//   is how Asterisk splits them.",
    '// - Body parameters: a `containers` parameter named N travels as the JSON body { "N": … } (e.g.',
    '//   { "variables": { "KEY": "value" } }); an `object` parameter is the whole JSON body itself.',
    "//   `body: never` means the operation takes no body.",
    "// - An operation without path or query parameters has `Record<string, never>` there.",
    "// - Error responses are listed in each operation's JSDoc (@error code reason).",
    "",
    "/** Asterisk's version string (asterisk/info system.version) the spec was read from. */",
    `export const ARI_ASTERISK_VERSION = ${JSON.stringify(spec.version)};`,
    "",
  );

  const renderModel = (model: SwaggerModel): void => {
    const base = parent.get(model.id);
    const isEvent = messageFamily.has(model.id);
    const concrete = isEvent && base !== undefined && isLeaf(model.id);
    emit(jsdoc([model.description?.trim()]));
    emit(`export interface ${model.id}${base ? ` extends ${base}` : ""} {`);
    if (concrete) {
      emit(`  type: ${JSON.stringify(model.id)};`);
    }
    for (const [name, prop] of Object.entries(model.properties)) {
      if (concrete && name === "type") continue;
      emit(jsdoc([prop.description?.trim()], "  "));
      emit(`  ${key(name)}${prop.required ? "" : "?"}: ${mapper.map(prop.type, prop.allowableValues)};`);
    }
    emit("}", "");
  };

  // Models outside the Message family, alphabetically.
  const plain = [...models.values()].filter((m) => !messageFamily.has(m.id)).sort((a, b) => byCodePoint(a.id, b.id));
  emit("// ---- Models -------------------------------------------------------------------------------------", "");
  for (const model of plain) renderModel(model);

  // The Message family: bases first (parents before children), then concrete messages alphabetically.
  emit("// ---- Messages and events (events.json) ---------------------------------------------------------", "");
  const bases = ["Message", ...descendants("Message").filter((id) => !isLeaf(id))];
  for (const id of [...bases, ...otherMessages, ...eventTypes]) {
    const model = models.get(id);
    if (model) renderModel(model);
  }

  emit(
    "/** Every concrete event Asterisk sends on the ARI WebSocket, discriminated by `type`. */",
    `export type AriEvent =\n${eventTypes.map((id) => `  | ${id}`).join("\n")};`,
    "",
    "/** Anything on the WebSocket: an event or a non-event message (e.g. MissingParams). */",
    `export type AriMessage = AriEvent${otherMessages.map((id) => ` | ${id}`).join("")};`,
    "",
    'export type AriEventType = AriEvent["type"];',
    "",
    "/** Event type → event interface, e.g. for `on<K extends AriEventType>(type: K, fn: (e: AriEventMap[K]) => void)`. */",
    "export interface AriEventMap {",
    ...eventTypes.map((id) => `  ${id}: ${id};`),
    "}",
    "",
    "/** The event types at run time (same members as AriEventType). */",
    "export const ARI_EVENT_TYPES = [",
    ...eventTypes.map((id) => `  ${JSON.stringify(id)},`),
    "] as const satisfies readonly AriEventType[];",
    "",
  );

  // ---- operations
  emit(
    "// ---- Operations ---------------------------------------------------------------------------------",
    "",
    "/** The shape every AriOperations entry has. */",
    "export interface AriOperationShape {",
    "  params: Record<string, string>;",
    "  query: Record<string, unknown>;",
    "  body: unknown;",
    "  response: unknown;",
    "}",
    "",
    "/**",
    ' * Every ARI operation, keyed "METHOD /path". For a thin client:',
    ' *   request<K extends AriOperationKey>(op: K, args: { params; query; body }): Promise<AriOperations[K]["response"]>',
    " */",
    "export interface AriOperations {",
  );
  let operations = 0;
  const seen = new Set<string>();
  for (const { name: resourceName, resource } of spec.resources) {
    for (const api of resource.apis ?? []) {
      for (const op of api.operations) {
        const opKey = `${op.httpMethod.toUpperCase()} ${api.path}`;
        if (seen.has(opKey)) throw new Error(`duplicate operation ${opKey}`);
        seen.add(opKey);
        operations++;
        const params = op.parameters ?? [];
        const errors = [...(op.errorResponses ?? [])].sort((a, b) => a.code - b.code);
        emit(
          jsdoc(
            [
              `${resourceName}.${op.nickname}: ${op.summary?.trim() ?? ""}`,
              op.notes?.trim(),
              op.upgrade
                ? `Upgrades to a WebSocket (protocol "${op.websocketProtocol ?? ""}"), not a plain request.`
                : "",
              op.since?.length ? `@since ${op.since.join(", ")}` : undefined,
              ...errors.map((e) => `@error ${e.code} ${e.reason}`),
            ],
            "  ",
          ),
          `  ${JSON.stringify(opKey)}: {`,
        );

        const pathParams = params.filter((p) => p.paramType === "path");
        const placeholders = [...api.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const p of placeholders) {
          if (!pathParams.some((q) => q.name === p)) throw new Error(`${opKey}: no path parameter for {${p}}`);
        }
        emit(`    params: ${fields(pathParams, "    ", (p) => mapper.map(p.dataType, p.allowableValues), true)};`);

        const query = params.filter((p) => p.paramType === "query");
        emit(
          `    query: ${fields(query, "    ", (p) => {
            const t = mapper.map(p.dataType, p.allowableValues);
            return p.allowMultiple ? (t.includes("|") ? `(${t})[]` : `${t}[]`) : t;
          })};`,
        );

        const body = params.filter((p) => p.paramType === "body");
        const unknownKinds = params.filter((p) => !["path", "query", "body"].includes(p.paramType));
        if (unknownKinds.length) throw new Error(`${opKey}: unsupported paramType ${unknownKinds[0]?.paramType}`);
        const whole = body.filter((p) => p.dataType !== "containers");
        let bodyType: string;
        if (body.length === 0) bodyType = "never";
        else if (whole.length > 0) {
          if (body.length > 1) throw new Error(`${opKey}: a whole-body parameter next to others`);
          const p = whole[0] as SwaggerParameter;
          const t = mapper.map(p.dataType, p.allowableValues);
          bodyType = p.required ? t : `${t} | undefined`;
        } else {
          bodyType = fields(body, "    ", (p) => BODY_OVERRIDES[p.name] ?? mapper.map(p.dataType, p.allowableValues));
        }
        if (whole.length > 0) {
          emit(jsdoc([(whole[0]?.description ?? whole[0]?.descriptioni)?.trim()], "    "));
        }
        emit(`    body: ${bodyType};`);
        emit(`    response: ${mapper.map(op.responseClass)};`);
        emit("  };");
      }
    }
  }
  emit("}", "", "export type AriOperationKey = keyof AriOperations;", "");

  const modelCount = models.size;
  return {
    text: out.join("\n"),
    counts: { models: modelCount, events: eventTypes.length, operations },
  };

  function fields(
    list: SwaggerParameter[],
    indent: string,
    typeOf: (p: SwaggerParameter) => string,
    forceRequired = false,
  ): string {
    if (list.length === 0) return "Record<string, never>";
    const lines = ["{"];
    for (const p of list) {
      const doc = jsdoc(
        [
          (p.description ?? p.descriptioni)?.trim(),
          rangeNote(p.allowableValues),
          p.defaultValue !== undefined ? `@default ${JSON.stringify(p.defaultValue)}` : undefined,
        ],
        `${indent}  `,
      );
      if (doc) lines.push(doc);
      const optional = !(forceRequired || p.required);
      lines.push(`${indent}  ${key(p.name)}${optional ? "?" : ""}: ${typeOf(p)};`);
    }
    lines.push(`${indent}}`);
    return lines.join("\n");
  }
}

async function main(): Promise<void> {
  const spec = await withTarget(fetchSpec);
  const { text, counts } = generate(spec);
  await writeFile(OUT, text);
  console.error(
    `wrote ${OUT} from Asterisk ${spec.version}: ${counts.models} models, ${counts.events} events, ${counts.operations} operations`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
