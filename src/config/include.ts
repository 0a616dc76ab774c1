import { dirname, relative, resolve } from "node:path";
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Scalar,
  type ScalarTag,
  visit,
  type YAMLError,
} from "yaml";
import {
  findTooDeep,
  MAX_FILE_BYTES,
  MAX_VALUES,
  openBracketBefore,
  tooLargeMessage,
  tooManyValuesMessage,
} from "./bounds.ts";
import type { ConfigPath } from "./format.ts";
import { type Env, interpolate } from "./interpolate.ts";
import { type PathIssue, type Position, SourceMap } from "./locate.ts";
import { ConfigTextError, lineCol, readConfigText } from "./read-text.ts";

/**
 * `!include other.yaml` as a value: the whole value (a map, a list, a scalar) comes from that file,
 * resolved relative to the including file. Registered as a custom tag so yaml keeps the scalar and
 * does not warn about an unknown tag.
 */
export const INCLUDE_TAG = "!include";
const includeTag: ScalarTag = { tag: INCLUDE_TAG, resolve: (text: string) => text };

/**
 * A problem found while reading files. The value under `path` is unusable, so the loader drops
 * schema issues there (a broken include would otherwise also read as "missing required key").
 */
export interface ComposeIssue extends PathIssue {
  /** Already known: syntax errors have no configuration path to trace, includes point at the `!include`. */
  pos: Position;
}

export interface Composed {
  /** The plain value, includes inlined and ${VAR} replaced. */
  value: unknown;
  map: SourceMap;
  /** Every file read or attempted, main file first (the watcher watches all of them). */
  files: string[];
  issues: ComposeIssue[];
}

export interface ComposeOptions {
  env: Env;
  /** Injected in tests and by the watcher; default readConfigText (UTF-8 only, size capped). */
  readFile?: (file: string) => string;
}

/** Read the main file and everything it includes into one value plus a map back to the sources. */
export function composeYaml(mainFile: string, options: ComposeOptions): Composed {
  const file = resolve(mainFile);
  const composer = new Composer(options, { file, line: 1, col: 1 });
  const value = composer.loadFile(file, [], [], undefined);
  return {
    value: composer.exhausted ? undefined : value,
    map: composer.map,
    files: composer.files,
    issues: composer.issues,
  };
}

class Composer {
  readonly map: SourceMap;
  readonly files: string[] = [];
  readonly issues: ComposeIssue[] = [];
  private readonly read: (file: string) => string;
  /** Values built so far, aliases expanded; past MAX_VALUES everything else is dropped. */
  private values = 0;
  /** The outermost alias being expanded: where an alias bomb is best pointed at. */
  private aliasSite: Position | undefined;

  constructor(
    private readonly options: ComposeOptions,
    root: Position,
  ) {
    this.map = new SourceMap(root);
    this.read = options.readFile ?? readConfigText;
  }

  /** `stack` holds the files being included, to detect cycles; `site` is the `!include` scalar. */
  loadFile(file: string, path: ConfigPath, stack: string[], site: Position | undefined): unknown {
    if (!this.files.includes(file)) this.files.push(file);
    const at = site ?? { file, line: 1, col: 1 };
    if (stack.includes(file)) {
      const chain = [...stack.slice(stack.indexOf(file)), file].map((f) => relative(dirname(stack[0] ?? f), f) || f);
      this.problem(path, at, `include cycle: ${chain.join(" → ")}`);
      return undefined;
    }
    let text: string;
    try {
      text = this.read(file);
    } catch (err) {
      if (err instanceof ConfigTextError) {
        // Located in the file itself: that is the one to fix (or re-save as UTF-8).
        this.problem(path, { file, line: err.line, col: err.col }, err.message);
        return undefined;
      }
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder" : (err as Error).message;
      this.problem(path, at, site ? `cannot include ${file}: ${why}` : `cannot read ${file}: ${why}`);
      return undefined;
    }
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > MAX_FILE_BYTES) {
      this.problem(path, at, site ? `cannot include ${file}: ${tooLargeMessage(bytes)}` : tooLargeMessage(bytes));
      return undefined;
    }
    const lineCounter = new LineCounter();
    const tooDeep = findTooDeep(text);
    if (tooDeep) {
      this.problem(path, { file, ...lineCol(text, tooDeep.offset) }, tooDeep.message);
      return undefined;
    }
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, customTags: [includeTag], uniqueKeys: true });
    const pos = (offset: number): Position => ({ file, ...lineCounter.linePos(offset) });
    const report = (e: YAMLError, severity: "error" | "warning") => {
      this.issues.push({ path, pos: pos(e.pos[0]), message: yamlMessage(e, text, lineCounter), severity });
    };
    for (const e of doc.errors) report(e, "error");
    for (const w of doc.warnings) report(w, "warning");
    if (doc.errors.length > 0) return undefined;

    const contents = doc.contents as Node | null;
    this.map.setValue(path, contents?.range ? pos(contents.range[0]) : { file, line: 1, col: 1 });
    const targets = aliasTargets(doc);
    const walk = (node: unknown, here: ConfigPath, aliases: number): unknown => {
      if (node === null || node === undefined) return null;
      if (this.values > MAX_VALUES) return undefined;
      if (++this.values > MAX_VALUES) {
        // Nothing is usable (the budget is spent for every file): reported on the configuration's root,
        // so the schema does not go on to report what is missing.
        this.problem([], this.aliasSite ?? pos((node as Node).range?.[0] ?? 0), tooManyValuesMessage());
        return undefined;
      }
      if (isAlias(node)) {
        // YAML anchors are handy for shared texts; a deep chain of aliases is a mistake (or an attack).
        if (aliases > 50) {
          this.problem(here, pos((node as Alias).range?.[0] ?? 0), "too many nested aliases");
          return undefined;
        }
        const target = targets.get(node as Alias);
        if (aliases > 0) return walk(target, here, aliases + 1);
        this.aliasSite = pos((node as Alias).range?.[0] ?? 0);
        try {
          return walk(target, here, aliases + 1);
        } finally {
          this.aliasSite = undefined;
        }
      }
      if (isScalar(node)) return this.scalar(node, here, pos, file, stack);
      if (isMap(node)) {
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const keyValue = isScalar(keyNode) ? keyNode.value : undefined;
          const keyPos = pos(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
          if (keyValue === undefined || keyValue === null || typeof keyValue === "object") {
            this.problem(here, keyPos, "keys must be plain text");
            continue;
          }
          const key = String(keyValue);
          if (key === "<<") {
            this.problem(
              [...here, key],
              keyPos,
              "merge keys (<<) are not supported; repeat the settings or use an alias for the whole value",
            );
            continue;
          }
          const child = [...here, key];
          const valueNode = pair.value as Node | null;
          this.map.setKey(child, keyPos);
          this.map.setValue(child, valueNode?.range ? pos(valueNode.range[0]) : keyPos);
          // Own-property assignment with a possibly hostile key ("__proto__") must not touch the prototype.
          Object.defineProperty(out, key, {
            value: walk(valueNode, child, aliases),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      if (isSeq(node)) {
        return node.items.map((item, index) => {
          const child = [...here, index];
          const itemNode = item as Node | null;
          this.map.setValue(child, pos(itemNode?.range?.[0] ?? node.range?.[0] ?? 0));
          return walk(itemNode, child, aliases);
        });
      }
      return undefined;
    };
    const value = walk(contents, path, 0);
    return this.exhausted ? undefined : value;
  }

  get exhausted(): boolean {
    return this.values > MAX_VALUES;
  }

  private scalar(
    node: Scalar,
    path: ConfigPath,
    pos: (offset: number) => Position,
    file: string,
    stack: string[],
  ): unknown {
    const at = pos(node.range?.[0] ?? 0);
    if (typeof node.value !== "string") return node.value;
    const { value, problems } = interpolate(node.value, this.options.env);
    for (const message of problems) this.problem(path, at, message);
    if (problems.length > 0) return undefined;
    if (node.tag === INCLUDE_TAG) {
      if (!value.trim()) {
        this.problem(path, at, "!include needs a file name");
        return undefined;
      }
      return this.loadFile(resolve(dirname(file), value.trim()), path, [...stack, file], at);
    }
    return value;
  }

  private problem(path: ConfigPath, pos: Position, message: string): void {
    this.issues.push({ path, pos, message, severity: "error" });
  }
}

/**
 * What each alias stands for, found in one pass: yaml's own Alias.resolve searches the whole
 * document on every call, which makes expanding many aliases quadratic.
 */
function aliasTargets(doc: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * yaml's messages without the trailing " at line x, column y" (the location is printed in front).
 * An unclosed bracket is only noticed where the text goes on, often lines later: say where it opened.
 */
function yamlMessage(e: YAMLError, text: string, lines: LineCounter): string {
  const message = e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").trim();
  if (!/end with an? [\]}]$/.test(message)) return message;
  const open = openBracketBefore(text, e.pos[0]);
  if (open === undefined) return message;
  const { line, col } = lines.linePos(open);
  return `${message} (the "${text[open]}" opened at line ${line}, column ${col} is not closed)`;
}
