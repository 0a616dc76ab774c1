import type { CollectOptions } from "./types.ts";

/**
 * The keys a channel's caller pressed and not yet used, in order: typed ahead of a question, they
 * answer it. `next` waits for one more key; `collect` reads an answer of up to `max` keys.
 */
export class Keypad {
  private keys = "";
  private readonly waiters = new Set<() => void>();

  get pending(): boolean {
    return this.keys.length > 0;
  }

  press(key: string): void {
    this.keys += key;
    for (const wake of [...this.waiters]) wake();
  }

  clear(): void {
    this.keys = "";
  }

  /** True when a key is there (now or within timeoutMs), false on silence. */
  next(timeoutMs: number): Promise<boolean> {
    if (this.keys.length > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (got: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(got);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** Keys up to `max` or the terminator; what was pressed so far when `wait` reports silence. */
  async collect(options: CollectOptions, wait: (timeoutMs: number) => Promise<boolean>): Promise<string> {
    let collected = "";
    let timeout = options.timeoutMs;
    for (;;) {
      while (this.keys.length > 0) {
        const key = this.keys[0] as string;
        this.keys = this.keys.slice(1);
        if (options.terminator && key === options.terminator) return collected;
        collected += key;
        if (collected.length >= options.max) return collected;
      }
      if (!(await wait(timeout))) return collected;
      timeout = options.interDigitMs ?? options.timeoutMs;
    }
  }
}
