import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync, type Stats, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Records, the journal, recordings, voicemails and Asterisk's logs hold callers' numbers: they are
 * made for their owner only, whatever the umask (a umask only takes bits away, and the explicit chmod
 * after creating makes the mode exact).
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Make a folder (and missing parents) 0700; an existing one is left as it is (`check` warns about it). */
export function privateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(path, PRIVATE_DIR);
}

/** Create an empty file 0600 in a private folder unless it exists, so what opens it next keeps that mode. */
export function privateFile(path: string): void {
  privateDir(dirname(path));
  if (existsSync(path)) return;
  const fd = openSync(path, "a", PRIVATE_FILE);
  try {
    fchmodSync(fd, PRIVATE_FILE);
  } finally {
    closeSync(fd);
  }
}

/** One path as found on disk. */
export interface FoundPath {
  path: string;
  mode: number;
  directory: boolean;
}

/** Lines for the paths that group or others may read, write or enter, with the command that fixes each. */
export function looseFileWarnings(found: readonly FoundPath[]): string[] {
  return found
    .filter((f) => (f.mode & 0o077) !== 0)
    .map((f) => {
      const mode = (f.mode & 0o777).toString(8).padStart(4, "0");
      const fix = f.directory ? "chmod 700" : "chmod 600";
      return `${f.path}: warning: mode ${mode} lets other users at callers' numbers; ${fix} ${f.path}`;
    });
}

/** The paths that exist among these, with their modes (symbolic links followed). */
export function findPaths(paths: readonly string[]): FoundPath[] {
  const out: FoundPath[] = [];
  for (const path of paths) {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch {
      continue;
    }
    out.push({ path, mode: stats.mode, directory: stats.isDirectory() });
  }
  return out;
}

/**
 * Run `start` (a synchronous spawn) with this umask, so the child creates its files with it: Asterisk
 * has no setting of its own for the mode of its logs and recordings.
 */
export function withUmask<T>(mask: number, start: () => T): T {
  const before = process.umask(mask);
  try {
    return start();
  } finally {
    process.umask(before);
  }
}
