import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ConfigIssue,
  type ConfigWatcher,
  formatIssue,
  type HotlineConfig,
  watchConfig,
} from "../../../src/config/index.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/config");

/** Collects callbacks and lets a test wait for the next one. */
function recorder() {
  const changes: HotlineConfig[] = [];
  const errors: ConfigIssue[][] = [];
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  return {
    changes,
    errors,
    onChange(config: HotlineConfig) {
      changes.push(config);
      poke();
    },
    onError(list: ConfigIssue[]) {
      errors.push(list);
      poke();
    },
    /** Resolves at the next callback, or after `ms` (then the caller's assertions tell what happened). */
    next(ms = 3000) {
      return new Promise<void>((done) => {
        const timer = setTimeout(done, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          done();
        };
      });
    },
  };
}

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe("watchConfig", () => {
  let dir: string;
  let watcher: ConfigWatcher | undefined;
  let main: string;
  let greeting: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-config-watch-"));
    main = join(dir, "hotline.yaml");
    greeting = join(dir, "greeting.yaml");
    await writeFile(
      main,
      (await readFile(join(FIXTURES, "minimal.yaml"), "utf8")).replace(
        'greeting: { en: "Hello from {organization}." }',
        "greeting: !include greeting.yaml",
      ),
    );
    await writeFile(greeting, 'en: "Hello, version 1."\n');
  });

  afterEach(async () => {
    watcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("calls onChange with the new configuration when an included file changes", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50 });
    await settle();
    const next = rec.next();
    await writeFile(greeting, 'en: "Hello, version 2."\n');
    await next;
    expect(rec.errors).toEqual([]);
    expect(rec.changes.map((c) => c.hotlines.main?.greeting.en)).toEqual(["Hello, version 2."]);
  });

  it("follows an editor's rename-on-save and keeps watching afterwards", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50 });
    await settle();
    let next = rec.next();
    await writeFile(`${greeting}.swp`, 'en: "Saved by rename."\n');
    await rename(`${greeting}.swp`, greeting);
    await next;
    await settle();
    next = rec.next();
    await writeFile(greeting, 'en: "Written in place."\n');
    await next;
    expect(rec.changes.map((c) => c.hotlines.main?.greeting.en)).toEqual(["Saved by rename.", "Written in place."]);
  });

  // How fast a reload is refused is a benchmark's question; here: refused by the expansion bound, not a clock.
  it("refuses an alias bomb saved over an include, without stalling the event loop", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50 });
    await settle();
    let lag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lag = Math.max(lag, now - last);
      last = now;
    }, 5);
    const next = rec.next();
    await writeFile(greeting, await readFile(join(FIXTURES, "hostile/alias-bomb.yaml"), "utf8"));
    await next;
    clearInterval(ticker);
    expect(rec.changes).toEqual([]);
    expect(rec.errors[0]?.map((e) => formatIssue(e, dir))).toEqual([
      "greeting.yaml:5:11: expands to more than 20000 values through aliases (an alias bomb?); use fewer or smaller aliases",
    ]);
    expect(lag).toBeLessThan(1000);
  });

  /** A file just inside the bounds: the most work a reload can ask of the loader. */
  const heavy = () =>
    `en: "Heavy."\nxx:\n${Array.from({ length: 9_500 }, (_, i) => `  k${i}: "${"v".repeat(40)}"`).join("\n")}\n`;

  // Only a load in a worker thread can be stopped at its time limit: the error is the proof the main
  // thread never ran it.
  it("refuses a reload over its time limit with a located error; the worker that ran it is stopped", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50, timeLimitMs: 500 });
    await settle();
    const refused = rec.next(10_000);
    await writeFile(greeting, heavy());
    await refused;
    expect(rec.changes).toEqual([]);
    expect(rec.errors[0]?.map((e) => formatIssue(e, dir))).toEqual([
      "hotline.yaml:1:1: took more than 500 ms to load (too large or too complex for a configuration); refused, the running configuration stays",
    ]);

    // A fix afterwards loads as usual (a late second event of the big write may still be refused first).
    await settle();
    await writeFile(greeting, 'en: "Light again."\n');
    for (let i = 0; i < 5 && rec.changes.length === 0; i++) await rec.next();
    expect(
      rec.changes.map((c) => c.hotlines.main?.greeting.en),
      JSON.stringify(rec.errors),
    ).toEqual(["Light again."]);
  }, 15_000);

  it("calls onError, not onChange, for an invalid change; a later fix calls onChange", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50 });
    await settle();
    let next = rec.next();
    await writeFile(greeting, "en: [unclosed\n");
    await next;
    expect(rec.changes).toEqual([]);
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]?.map((e) => formatIssue(e, dir))[0]).toMatch(/^greeting\.yaml:2:1: /);

    await settle();
    next = rec.next();
    await writeFile(greeting, 'en: "Fixed."\n');
    await next;
    expect(rec.changes.map((c) => c.hotlines.main?.greeting.en)).toEqual(["Fixed."]);
  });

  it("does not report a file that is missing only for a moment", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 50 });
    await settle();
    const next = rec.next();
    await rm(greeting);
    await settle(120);
    await writeFile(greeting, 'en: "Back again."\n');
    await next;
    expect(rec.errors).toEqual([]);
    expect(rec.changes.map((c) => c.hotlines.main?.greeting.en)).toEqual(["Back again."]);
  });

  it("debounces a burst of writes into one reload", async () => {
    const rec = recorder();
    watcher = watchConfig(main, { ...rec, debounceMs: 150 });
    await settle();
    const next = rec.next();
    for (let i = 1; i <= 5; i++) await writeFile(greeting, `en: "Burst ${i}."\n`);
    await next;
    await settle(500);
    expect(rec.changes.map((c) => c.hotlines.main?.greeting.en)).toEqual(["Burst 5."]);
  });

  it("survives a callback that throws, and stops after close()", async () => {
    const logged: string[] = [];
    const logger = { info() {}, warn() {}, debug() {}, error: (_: object, msg: string) => void logged.push(msg) };
    let calls = 0;
    watcher = watchConfig(main, {
      logger,
      debounceMs: 50,
      onChange() {
        calls++;
        throw new Error("the app failed to apply it");
      },
      onError() {},
    });
    await settle();
    await writeFile(greeting, 'en: "Throwing."\n');
    // A reload starts a worker: allow for a busy machine.
    for (let i = 0; i < 50 && calls === 0; i++) await settle(100);
    expect(calls).toBe(1);
    expect(logged).toEqual(["config watcher: onChange failed"]);

    watcher.close();
    await writeFile(greeting, 'en: "After close."\n');
    await settle(1500);
    expect(calls).toBe(1);
  });
});
