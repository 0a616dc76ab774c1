import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.ts";

export interface SippRun {
  /** A file in sipp/, a path, or the scenario's XML itself (from scenario.ts). */
  scenario: string;
  /** Asterisk's SIP address, host:port; omitted for a phone that only receives calls. */
  target?: string;
  port: number;
  mediaPort: number;
  /** [service] in the scenario: the number dialled. */
  service?: string;
  /** Extra [keyword] values for the scenario. */
  keys?: Record<string, string>;
  calls?: number;
  /** Calls per second. */
  rate?: number;
  /** Simultaneous calls at most. */
  limit?: number;
  timeoutSeconds?: number;
  /** Length of a scenario's bare <pause/> (SIPp -d), e.g. how long a caller listens before hanging up. */
  pauseMs?: number;
}

export interface SippResult {
  code: number | null;
  successful: number;
  failed: number;
  stdout: string;
  stderr: string;
  errors: string;
}

/** SIPp scenarios: simulated callers on the trunk and operators' desk phones (demo and tests). */
export const SCENARIOS = join(PACKAGE_ROOT, "sipp");

/** Run SIPp to completion and read its own statistics: how many calls passed the whole scenario. */
export async function runSipp(run: SippRun): Promise<SippResult> {
  const work = await mkdtemp(join(tmpdir(), "hotline-sipp-"));
  let scenario = run.scenario.includes("/") ? run.scenario : join(SCENARIOS, run.scenario);
  if (run.scenario.trimStart().startsWith("<")) {
    scenario = join(work, "scenario.xml");
    await writeFile(scenario, run.scenario);
  }
  const args = [
    "-sf",
    scenario,
    "-i",
    "127.0.0.1",
    "-p",
    String(run.port),
    "-mp",
    String(run.mediaPort),
    "-m",
    String(run.calls ?? 1),
    "-r",
    String(run.rate ?? 10),
    "-l",
    String(run.limit ?? 100),
    "-timeout",
    `${run.timeoutSeconds ?? 60}s`,
    "-timeout_error",
    "-nostdin",
    "-trace_stat",
    "-stf",
    join(work, "stats.csv"),
    "-trace_err",
    "-error_file",
    join(work, "errors.log"),
    ...(run.service ? ["-s", run.service] : []),
    ...(run.pauseMs !== undefined ? ["-d", String(run.pauseMs)] : []),
    ...Object.entries(run.keys ?? {}).flatMap(([k, v]) => ["-key", k, v]),
    ...(run.target ? [run.target] : []),
  ];
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (done, fail) => {
        const child = spawn("sipp", args, { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out = (out + d.toString()).slice(-20_000);
        });
        child.stderr.on("data", (d: Buffer) => {
          err = (err + d.toString()).slice(-20_000);
        });
        child.on("error", fail);
        child.on("close", (c) => done({ code: c, stdout: out, stderr: err }));
      },
    );
    const stats = await readFile(join(work, "stats.csv"), "utf8").catch(() => "");
    const errors = withoutWatchdog(await readFile(join(work, "errors.log"), "utf8").catch(() => ""));
    return { code, ...parseStats(stats), stdout, stderr, errors };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** SIPp's -stf CSV: ';'-separated, header first; the last row holds the cumulative counters. */
export function parseStats(csv: string): { successful: number; failed: number } {
  const lines = csv.trim().split("\n").filter(Boolean);
  if (lines.length < 2) return { successful: 0, failed: 0 };
  const header = (lines[0] ?? "").split(";");
  const last = (lines[lines.length - 1] ?? "").split(";");
  const col = (name: string) => Number(last[header.indexOf(name)] ?? 0);
  return { successful: col("SuccessfulCall(C)"), failed: col("FailedCall(C)") };
}

/**
 * SIPp's watchdog writes "Overload warning" lines when its own process is starved of CPU (a busy
 * machine): that says nothing about the calls, so only real errors are kept.
 */
export function withoutWatchdog(errors: string): string {
  const lines = errors.split("\n").filter((l) => l.trim() && !l.includes("watchdog timer"));
  if (lines.every((l) => l.includes("The following events occurred"))) return "";
  return errors;
}
