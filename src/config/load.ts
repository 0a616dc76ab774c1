import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { checkCrossReferences } from "./crossrefs.ts";
import { type ConfigIssue, sortIssues } from "./format.ts";
import { composeYaml } from "./include.ts";
import type { Env } from "./interpolate.ts";
import { isUnder } from "./locate.ts";
import { checkSchedules, scheduleDir, withAbsoluteIcs } from "./schedules.ts";
import { type HotlineConfig, hotlineConfigSchema, type ParsedConfig } from "./schema.ts";
import { DEFAULT_MESSAGE, describeIssues } from "./zod-issues.ts";

export type LoadResult =
  | { ok: true; config: HotlineConfig; warnings: ConfigIssue[]; files: string[] }
  /** `files` (what was read or attempted) lets the watcher keep watching a broken configuration. */
  | { ok: false; errors: ConfigIssue[]; warnings: ConfigIssue[]; files: string[] };

export interface LoadOptions {
  /** Variables for ${VAR} interpolation; default process.env. */
  env?: Env;
  /** How files are read (UTF-8); the watcher records what it loaded through this. */
  readFile?: (file: string) => string;
}

/**
 * Read, validate and cross-check a configuration, reporting every problem at once with its file,
 * line and column. The stages run in order (YAML → schema → cross-references), each only on what
 * the previous one left valid, so a single typo is never reported three times.
 */
export function loadConfigSync(path: string, options: LoadOptions = {}): LoadResult {
  const file = resolve(path);
  const read = options.readFile ?? ((f: string) => readFileSync(f, "utf8"));
  const composed = composeYaml(file, {
    env: options.env ?? process.env,
    ...(options.readFile ? { readFile: options.readFile } : {}),
  });
  const { map, files } = composed;
  const dirOf = (schedule: string) => scheduleDir(map, schedule, dirname(file));
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const add = (issue: ConfigIssue) => (issue.severity === "error" ? errors : warnings).push(issue);

  for (const issue of composed.issues) add({ ...map.issue(issue), ...issue.pos });
  // Below a broken include or an unset variable the value is missing: the schema would only repeat that.
  const broken = composed.issues.filter((i) => i.severity === "error").map((i) => i.path);

  const parsed = hotlineConfigSchema.safeParse(composed.value, { error: () => DEFAULT_MESSAGE });
  if (!parsed.success) {
    for (const issue of describeIssues(parsed.error.issues, composed.value, hotlineConfigSchema)) {
      if (!broken.some((b) => isUnder(issue.path, b))) add(map.issue(issue));
    }
  } else {
    const schedules = checkSchedules(parsed.data.schedules, dirOf, read);
    for (const f of schedules.icsFiles) if (!files.includes(f)) files.push(f);
    const checks = [...checkCrossReferences(parsed.data), ...schedules.issues];
    for (const issue of checks) if (!broken.some((b) => isUnder(issue.path, b))) add(map.issue(issue));
  }

  if (errors.length > 0 || !parsed.success) {
    return { ok: false, errors: sortIssues(errors, files), warnings: sortIssues(warnings, files), files };
  }
  return { ok: true, config: withPaths(parsed.data, file, dirOf), warnings: sortIssues(warnings, files), files };
}

/** Async form for callers on the event loop; configuration files are small, so reading is synchronous inside. */
export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadConfigSync(path, options);
}

/**
 * Relative paths in the file mean "next to this file", whatever folder the app was started from:
 * an admin moving the config folder moves its database and sounds with it.
 */
function withPaths(parsed: ParsedConfig, file: string, scheduleDirOf: (name: string) => string): HotlineConfig {
  const dir = dirname(file);
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const sandbox = parsed.asterisk.sandbox;
  return {
    ...parsed,
    asterisk: {
      ...parsed.asterisk,
      sandbox: { ...sandbox, ...(sandbox.dir !== undefined ? { dir: at(sandbox.dir) } : {}) },
    },
    database: {
      ...parsed.database,
      filename: parsed.database.filename === ":memory:" ? ":memory:" : at(parsed.database.filename),
    },
    sounds: { dir: at(parsed.sounds.dir) },
    state: { dir: at(parsed.state.dir) },
    recordings: { ...parsed.recordings, dir: at(parsed.recordings.dir) },
    schedules: withAbsoluteIcs(parsed.schedules, scheduleDirOf),
    path: file,
    dir,
  };
}
