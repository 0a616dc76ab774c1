import { isAbsolute, relative } from "node:path";

/** One problem found in the configuration, located in the file an admin has to edit. */
export interface ConfigIssue {
  /** Absolute path of the YAML file (an included file when the problem is there). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Where in the configuration, e.g. `hotlines.main.schedule.weekly.mon[0]`; empty for YAML syntax errors. */
  path: string;
  message: string;
  severity: "error" | "warning";
}

/** A path as zod and the YAML walker produce it: map keys and list indexes. */
export type ConfigPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** `hotlines.main.menu.options["1"]`: dots for name-like keys, brackets for indexes and anything else. */
export function formatPath(path: ConfigPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * `file:line:col: path: message` — the shape compilers use, so editors and CI turn it into links.
 * Warnings read `file:line:col: warning: path: message` (the gcc convention problem matchers know).
 * File names are shown relative to `relativeTo` when they lie below it.
 */
export function formatIssue(issue: ConfigIssue, relativeTo?: string): string {
  const file = displayFile(issue.file, relativeTo);
  const where = `${file}:${issue.line}:${issue.col}:`;
  const level = issue.severity === "warning" ? " warning:" : "";
  const path = issue.path ? ` ${issue.path}:` : "";
  return `${where}${level}${path} ${issue.message}`;
}

export function displayFile(file: string, relativeTo?: string): string {
  if (!relativeTo) return file;
  const rel = relative(relativeTo, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** Order issues as an admin reads them: file by file (in load order), top to bottom. */
export function sortIssues(issues: ConfigIssue[], files: readonly string[] = []): ConfigIssue[] {
  const rank = (file: string) => {
    const i = files.indexOf(file);
    return i === -1 ? files.length : i;
  };
  return [...issues].sort(
    (a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col,
  );
}
