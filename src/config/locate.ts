import type { ConfigIssue, ConfigPath } from "./format.ts";
import { formatPath } from "./format.ts";

export interface Position {
  file: string;
  line: number;
  col: number;
}

/** Where one value of the configuration came from: its key (for map entries) and the value itself. */
export interface NodeLocation {
  key?: Position;
  value: Position;
}

/**
 * How to point at a path:
 * - `value`: the value (a wrong type, a bad reference);
 * - `key`: the key itself (an unknown or duplicate key).
 * A path that does not exist (a missing key) always points at its nearest existing parent.
 */
export type LocateMode = "value" | "key";

/** A problem known by its configuration path; the loader turns it into a located ConfigIssue. */
export interface PathIssue {
  path: ConfigPath;
  message: string;
  severity: "error" | "warning";
  at?: LocateMode;
}

/**
 * Maps configuration paths to YAML positions. The YAML walker fills it while it builds the plain
 * value, so a zod issue path or a cross-reference path can be traced back to a file, line and column
 * even when the value came from an included file.
 */
export class SourceMap {
  private readonly entries = new Map<string, NodeLocation>();

  constructor(private readonly fallback: Position) {}

  setKey(path: ConfigPath, key: Position): void {
    const id = pathId(path);
    const existing = this.entries.get(id);
    this.entries.set(id, { key, value: existing?.value ?? key });
  }

  setValue(path: ConfigPath, value: Position): void {
    const id = pathId(path);
    const existing = this.entries.get(id);
    this.entries.set(id, existing?.key ? { key: existing.key, value } : { value });
  }

  get(path: ConfigPath): NodeLocation | undefined {
    return this.entries.get(pathId(path));
  }

  has(path: ConfigPath): boolean {
    return this.entries.has(pathId(path));
  }

  locate(path: ConfigPath, at: LocateMode = "value"): Position {
    const own = this.get(path);
    if (own) return at === "key" ? (own.key ?? own.value) : own.value;
    // Missing key: point at the map that should hold it. Its key reads best ("main:" for
    // hotlines.main.greeting), unless that map was included from another file: then the error
    // belongs in the included file, at the top of the map.
    for (let n = path.length - 1; n >= 0; n--) {
      const parent = this.get(path.slice(0, n));
      if (!parent) continue;
      return parent.key && parent.key.file === parent.value.file ? parent.key : parent.value;
    }
    return this.fallback;
  }

  issue(p: PathIssue): ConfigIssue {
    const pos = this.locate(p.path, p.at);
    return { ...pos, path: formatPath(p.path), message: p.message, severity: p.severity };
  }
}

function pathId(path: ConfigPath): string {
  return path.map((s) => (typeof s === "number" ? `#${s}` : `.${s}`)).join("\u0000");
}

/** True when `path` equals `prefix` or lies below it. */
export function isUnder(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
}
