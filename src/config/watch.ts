import { existsSync, type FSWatcher, watch } from "node:fs";
import type { ConfigIssue } from "./format.ts";
import type { Env } from "./interpolate.ts";
import { loadHashed, loadOffThread, type OffThreadLimits } from "./reload-worker.ts";
import type { HotlineConfig } from "./schema.ts";

/** Reloads load in a worker thread (see reload-worker.ts): `timeLimitMs` and `memoryMb` bound each one. */
export interface WatchOptions extends OffThreadLimits {
  /** Variables for ${VAR} interpolation; default process.env. */
  env?: Env;
  /** A valid change: apply it to new calls (live calls keep the object they started with). */
  onChange(config: HotlineConfig, warnings: ConfigIssue[]): void;
  /** An invalid change: the last good configuration stays in force. */
  onError(errors: ConfigIssue[]): void;
  /** A pino logger fits; tests pass a small recorder. */
  logger?: WatchLogger;
  /** Quiet time after the last file event before reloading; editors write in bursts. */
  debounceMs?: number;
}

type LogFn = (details: object, message: string) => void;

export interface WatchLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export interface ConfigWatcher {
  close(): void;
}

/**
 * Reload the configuration whenever one of its files (the main file and every include) changes.
 *
 * Watches files, not folders, so unrelated files next to the config do not trigger reloads. Editors
 * that save by writing a new file and renaming it over the old one leave a watcher on a deleted
 * inode; every reload therefore re-creates the watchers, for the new set of files (includes may have
 * changed too). A file that is missing for a moment is retried. Nothing here throws into the event
 * loop: watcher errors and callback exceptions are logged.
 */
export function watchConfig(path: string, options: WatchOptions): ConfigWatcher {
  const debounceMs = options.debounceMs ?? 200;
  const log = options.logger;
  let watchers: FSWatcher[] = [];
  let files: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  let loading = false;
  let again = false;
  /** Content of the files as of the last load: a touch or a save without changes reloads nothing. */
  let signature = "";
  let missingRetries = 0;

  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      log?.error({ err }, `config watcher: ${what} failed`);
    }
  };

  const unwatch = () => {
    for (const w of watchers) safely("closing a watcher", () => w.close());
    watchers = [];
  };

  const rewatch = () => {
    unwatch();
    if (retry) clearTimeout(retry);
    retry = undefined;
    let missing = false;
    for (const file of files) {
      try {
        const w = watch(file, { persistent: false }, () => schedule());
        w.on("error", (err) => {
          log?.warn({ err, file }, "config watcher: watch error; re-watching");
          schedule();
        });
        watchers.push(w);
      } catch (err) {
        // Between an editor's delete and rename, or an include not written yet.
        missing = true;
        log?.debug({ err, file }, "config watcher: cannot watch yet");
      }
    }
    // Polling while a file is missing must not keep a finished process alive.
    if (missing && !closed) retry = setTimeout(() => schedule(), Math.max(debounceMs, 500)).unref();
  };

  const schedule = (delay = debounceMs) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void reload(), delay);
  };

  const reload = async (initial = false) => {
    timer = undefined;
    if (closed) return;
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      // Off the call path: a hostile file stalls only the worker, and the limits end it.
      // The first load, at start, only learns the files to watch (the caller has just loaded them):
      // in this thread, so watching starts at once.
      const env = options.env ?? process.env;
      const loaded = initial ? loadHashed(path, env) : await loadOffThread(path, env, options);
      if (closed) return;
      if ("refused" in loaded) {
        // Nothing was read to compare with: any next change of the files loads again.
        signature = "";
        rewatch();
        if (initial) return;
        log?.warn({ errors: 1 }, "configuration change rejected; keeping the last good one");
        safely("onError", () => options.onError([loaded.refused]));
        return;
      }
      const { result } = loaded;
      files = result.files;
      // A file missing for a moment (an editor that moves the old file away before writing the new
      // one) is not worth an error report yet: look again shortly, a few times.
      if (!result.ok && !initial && files.some((f) => !existsSync(f)) && missingRetries < 3) {
        missingRetries++;
        rewatch();
        schedule(Math.max(debounceMs, 200));
        return;
      }
      missingRetries = 0;
      const next = loaded.hash;
      const changed = next !== signature;
      signature = next;
      rewatch();
      if (initial || !changed) return;
      if (result.ok) {
        log?.info({ files: files.length, warnings: result.warnings.length }, "configuration reloaded");
        safely("onChange", () => options.onChange(result.config, result.warnings));
      } else {
        log?.warn({ errors: result.errors.length }, "configuration change rejected; keeping the last good one");
        safely("onError", () => options.onError(result.errors));
      }
    } catch (err) {
      log?.error({ err }, "config watcher: reload failed");
    } finally {
      loading = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };

  void reload(true);

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      unwatch();
    },
  };
}
