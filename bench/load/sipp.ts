import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseStats } from "../../src/demo/sipp.ts";

/**
 * SIPp for the load bench. The demo's runSipp runs one scenario to the end and throws its folder
 * away; the bench needs more: no cap on simultaneous calls, each call's INVITE→200 time
 * (-trace_rtt), and a desk-phone process it can stop when a step is over.
 */
export interface BenchSippOptions {
  /** The scenario's XML (from src/demo/scenario.ts or bench/load/scenarios.ts). */
  scenario: string;
  /** A short name: the folder under `workDir` and the scenario file's name. */
  name: string;
  workDir: string;
  /** Asterisk's host:port; omitted for desk phones, which only receive. */
  target?: string;
  port: number;
  mediaPort: number;
  service?: string;
  keys?: Record<string, string>;
  /** Calls to place (callers) or to take before exiting (desk phones). */
  calls: number;
  /** Calls per second (callers); fractions allowed. */
  rate?: number;
  /** SIPp stops by itself after this long, whatever happened (every run is bounded). */
  timeoutSeconds: number;
}

export interface BenchSippResult {
  code: number | null;
  successful: number;
  failed: number;
  /** INVITE sent → 200 received, one per answered call, in whole ms (SIPp's resolution), and when (ms after SIPp's start). */
  rtt: { at: number; ms: number }[];
  /** The tail of SIPp's error log: what went wrong with failed calls. */
  errors: string;
}

export interface BenchSipp {
  readonly pid: number | undefined;
  readonly done: Promise<BenchSippResult>;
  /** No new calls; exit once those in progress are over (SIGUSR1). */
  finish(): void;
  kill(): void;
}

export async function startSipp(o: BenchSippOptions): Promise<BenchSipp> {
  const dir = join(o.workDir, o.name);
  await mkdir(dir, { recursive: true });
  const scenario = join(dir, `${o.name}.xml`);
  await writeFile(scenario, o.scenario);
  // A rate below 1 call/s is n calls every m ms (SIPp's -r takes whole calls per period).
  const rate = o.rate ?? 1;
  const [r, period] = rate >= 1 && Number.isInteger(rate) ? [rate, 1000] : [Math.round(rate * 100), 100_000];
  const args = [
    "-sf",
    scenario,
    "-i",
    "127.0.0.1",
    "-p",
    String(o.port),
    "-mp",
    String(o.mediaPort),
    "-m",
    String(o.calls),
    "-r",
    String(r),
    "-rp",
    String(period),
    // Far above any step's calls in progress: the rate decides the load, not SIPp's cap.
    "-l",
    "5000",
    "-timeout",
    `${o.timeoutSeconds}s`,
    "-timeout_error",
    "-nostdin",
    "-trace_stat",
    "-stf",
    join(dir, "stats.csv"),
    "-trace_err",
    "-error_file",
    join(dir, "errors.log"),
    "-trace_rtt",
    // Every call as it happens: SIPp drops a batch that is not full when it exits.
    "-rtt_freq",
    "1",
    ...(o.service ? ["-s", o.service] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ["-key", k, v]),
    ...(o.target ? [o.target] : []),
  ];
  const child: ChildProcess = spawn("sipp", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  const done = exited.then(async (code) => {
    const stats = await readFile(join(dir, "stats.csv"), "utf8").catch(() => "");
    const errors = await readFile(join(dir, "errors.log"), "utf8").catch(() => "");
    return { code, ...parseStats(stats), rtt: await readRtt(dir), errors: errorKinds(errors + stderr) };
  });
  return {
    pid: child.pid,
    done,
    finish: () => child.kill("SIGUSR1"),
    kill: () => child.kill("SIGKILL"),
  };
}

/**
 * SIPp's error log, one entry per failed call or warning, folded into kinds: "12× Aborting call on
 * unexpected message … while expecting 'BYE' …, received 'SIP/2.0 481 …'".
 */
export function errorKinds(log: string): string {
  const entries = log.split(/\d{4}-\d\d-\d\d\t[\d:.]+\t[\d.]+: /).map((e) => e.trim());
  const kinds = new Map<string, number>();
  for (const entry of entries) {
    // SIPp's chatter, not errors.
    if (!entry || /^(Resolving remote host|The following events occurred)/.test(entry)) continue;
    const kind = entry
      .split("\n")
      .slice(0, 2)
      .join(" ")
      .replace(/Call-Id '[^']*'/g, "Call-Id …")
      .replace(/\s+/g, " ")
      .slice(0, 160);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n}× ${k}`)
    .join("\n");
}

/** SIPp's <scenario>_<pid>_rtt.csv: "Date_ms;response_time_ms;rtd_no" per answered call. */
async function readRtt(dir: string): Promise<{ at: number; ms: number }[]> {
  const file = (await readdir(dir)).find((f) => f.endsWith("_rtt.csv"));
  if (!file) return [];
  const lines = (await readFile(join(dir, file), "utf8")).trim().split("\n").slice(1);
  const out: { at: number; ms: number }[] = [];
  for (const line of lines) {
    const [at, ms] = line.split(";").map(Number);
    if (Number.isFinite(at) && Number.isFinite(ms)) out.push({ at: at as number, ms: ms as number });
  }
  return out;
}

/**
 * The one SIPp that is every operator's desk phone (each endpoint's contact is its port), until
 * stop(): no new calls, and SIPp's own count of the calls it took.
 */
export async function startDeskPhones(o: {
  name: string;
  workDir: string;
  scenario: string;
  ports: { desk: number; deskMedia: number };
  timeoutSeconds: number;
}): Promise<{ stop(): Promise<BenchSippResult | undefined> }> {
  const phones = await startSipp({
    name: o.name,
    workDir: o.workDir,
    scenario: o.scenario,
    port: o.ports.desk,
    mediaPort: o.ports.deskMedia,
    calls: 10_000_000,
    timeoutSeconds: o.timeoutSeconds,
  });
  await sleep(300); // its socket is open before the first INVITE comes
  return {
    async stop() {
      phones.finish();
      const result = await Promise.race([phones.done, sleep(15_000).then(() => undefined)]);
      if (!result) phones.kill();
      return result;
    },
  };
}
