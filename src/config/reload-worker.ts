import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ConfigIssue } from "./format.ts";
import type { Env } from "./interpolate.ts";
import { type LoadResult, loadConfigSync } from "./load.ts";
import { readConfigText } from "./read-text.ts";

/**
 * Hot reloads parse and validate in a worker thread with a time and a memory limit: a hostile or
 * broken file costs that thread, never the call path, and is refused with a located error.
 */
export interface OffThreadLimits {
  /** Loading longer than this is refused (from when the worker is ready; default 1000 ms). */
  timeLimitMs?: number;
  /** The worker's heap (default 256 MB). */
  memoryMb?: number;
}

export type OffThreadLoad =
  /** `hash`: of exactly what the loader read, so a write racing the load is seen as a change next time. */
  | { result: LoadResult; hash: string }
  /** Refused by a limit: the issue is located at the main file. */
  | { refused: ConfigIssue };

interface Request {
  hotlineReload: true;
  path: string;
  env: Env;
}

type Message = { started: true } | { result: LoadResult; hash: string };

/** Workers start in well under a second; a loaded machine gets some slack before the load's own limit. */
const STARTUP_MS = 20_000;

export function loadOffThread(path: string, env: Env, limits: OffThreadLimits = {}): Promise<OffThreadLoad> {
  const timeLimitMs = limits.timeLimitMs ?? 1000;
  const memoryMb = limits.memoryMb ?? 256;
  const file = resolve(path);
  const refuse = (message: string): OffThreadLoad => ({
    refused: { file, line: 1, col: 1, path: "", message, severity: "error" },
  });
  return new Promise((done) => {
    const request: Request = { hotlineReload: true, path: file, env: { ...env } };
    // From the sources, through the loader shim; compiled (dist/), this very file runs as it is.
    const entry = import.meta.url.endsWith(".ts") ? "./reload-worker.mjs" : "./reload-worker.js";
    const worker = new Worker(new URL(entry, import.meta.url), {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (value: OffThreadLoad) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      done(value);
    };
    let timer = setTimeout(() => finish(refuse("the configuration loader did not start; reload refused")), STARTUP_MS);
    worker.on("message", (m: Message) => {
      if ("started" in m) {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            finish(
              refuse(
                `took more than ${timeLimitMs} ms to load (too large or too complex for a configuration); refused, the running configuration stays`,
              ),
            ),
          timeLimitMs,
        );
      } else finish(m);
    });
    worker.on("error", (err: Error & { code?: string }) => {
      finish(
        refuse(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `needed more than ${memoryMb} MB to load (too large for a configuration); refused, the running configuration stays`
            : `could not be loaded: ${err.message}`,
        ),
      );
    });
    worker.on("exit", (code) => finish(refuse(`the configuration loader stopped (exit code ${code}); reload refused`)));
  });
}

/** Load, hashing exactly what the loader read (in the worker, or in this thread for the first load). */
export function loadHashed(path: string, env: Env): { result: LoadResult; hash: string } {
  const hash = createHash("sha256");
  const readFile = (f: string) => {
    hash.update(f).update("\u0000");
    try {
      const text = readConfigText(f);
      hash.update(text).update("\u0000");
      return text;
    } catch (err) {
      hash.update("\u0001missing\u0000");
      throw err;
    }
  };
  const result = loadConfigSync(path, { env, readFile });
  return { result, hash: hash.digest("hex") };
}

/** The worker's side: load once and report. */
function runInWorker(request: Request): void {
  const port = parentPort;
  if (!port) return;
  port.postMessage({ started: true } satisfies Message);
  port.postMessage(loadHashed(request.path, request.env) satisfies Message);
}

if (!isMainThread && (workerData as Partial<Request> | null)?.hotlineReload) runInWorker(workerData as Request);
