/**
 * The bridge to the schedule engine (src/schedule): its conflict checks and lint run as part of
 * loading, located like every other issue, and `holidays: [{ ics: file }]` imports are read
 * relative to the YAML file that declares the schedule.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { type CompiledSchedule, compileSchedule, icsWindowAround, lint, ScheduleError } from "../schedule/index.ts";
import type { PathIssue, SourceMap } from "./locate.ts";
import type { HotlineConfig, ParsedConfig } from "./schema.ts";

type Schedules = ParsedConfig["schedules"];

/** The folder ics references of a schedule are relative to: that of the file the schedule is written in. */
export function scheduleDir(map: SourceMap, name: string, fallback: string): string {
  const at = map.get(["schedules", name]);
  return at ? dirname(at.value.file) : fallback;
}

/** Compile every schedule: engine errors (overlapping rules, unreadable ics) and lint warnings. */
export function checkSchedules(
  schedules: Schedules,
  dirOf: (name: string) => string,
  readFile: (file: string) => string,
): { issues: PathIssue[]; icsFiles: string[] } {
  const issues: PathIssue[] = [];
  const icsFiles: string[] = [];
  for (const [name, schedule] of Object.entries(schedules)) {
    const icsLoader = (ref: string) => {
      const file = resolve(dirOf(name), ref);
      icsFiles.push(file);
      return readFile(file);
    };
    try {
      const compiled = compileSchedule(schedule, { icsLoader, icsWindow: icsWindowAround(new Date()) });
      for (const w of lint(compiled))
        issues.push({ path: ["schedules", name, ...w.path], message: w.message, severity: "warning" });
    } catch (err) {
      if (!(err instanceof ScheduleError)) throw err;
      for (const e of err.issues)
        issues.push({ path: ["schedules", name, ...e.path], message: e.message, severity: "error" });
    }
  }
  return { issues, icsFiles };
}

/** ics references made absolute, so the loaded configuration no longer depends on where its files were. */
export function withAbsoluteIcs(schedules: Schedules, dirOf: (name: string) => string): Schedules {
  const out: Schedules = {};
  for (const [name, s] of Object.entries(schedules)) {
    out[name] = s.holidays
      ? {
          ...s,
          holidays: s.holidays.map((h) =>
            h.ics !== undefined && !isAbsolute(h.ics) ? { ...h, ics: resolve(dirOf(name), h.ics) } : h,
          ),
        }
      : s;
  }
  return out;
}

/** The engine's compiled form of each schedule of a loaded (valid) configuration. */
export function compileConfigSchedules(config: HotlineConfig): Record<string, CompiledSchedule> {
  const out: Record<string, CompiledSchedule> = {};
  for (const [name, s] of Object.entries(config.schedules)) {
    out[name] = compileSchedule(s, {
      icsLoader: (ref) => readFileSync(resolve(config.dir, ref), "utf8"),
      icsWindow: icsWindowAround(new Date()),
    });
  }
  return out;
}
