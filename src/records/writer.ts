import { appendFileSync } from "node:fs";
import type { Knex } from "knex";
import { type Logger, silentLogger } from "../logger.ts";
import { Journal, type JournalEntry } from "./journal.ts";
import { applyOps, type CostOf, type RecordOp } from "./ops.ts";

export interface RecordWriterOptions {
  /** Journal file (`<state.dir>/records.journal`); without it, pending writes live in memory only. */
  journal?: string;
  /** Start a batch as soon as this many writes wait (default 200)… */
  batchRows?: number;
  /** …or this long after the first one (default 50 ms). */
  batchMs?: number;
  /** Most writes in one transaction (default 5000): a backlog drains in few, large transactions. */
  maxBatchRows?: number;
  /** Cost of a call when it ends (see CallRecords' `trunks`). */
  costOf?: CostOf;
  /** Retry delay after a failed batch: doubles from `retryMinMs` (100) up to `retryMaxMs` (5000). */
  retryMinMs?: number;
  retryMaxMs?: number;
  logger?: Logger;
}

/** Where record writes go: the CallRecords and OperatorRecords facades build ops, this keeps them. */
export interface RecordSink {
  push(op: RecordOp): void;
}

/**
 * Lands record writes in the database without the caller ever waiting: `push` journals the op and
 * returns; a single loop takes the waiting ops in order, fsyncs the journal, applies them in one
 * transaction, and on failure retries the same batch with backoff while new ops queue behind it. So the
 * order is the push order, a database outage only delays, and a crash loses nothing the journal holds —
 * the next writer on the same journal replays it first (every op is idempotent; see ops.ts).
 */
export class RecordWriter implements RecordSink {
  private queue: JournalEntry[] = [];
  private seq = 0;
  private running = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private kicked = false;
  private idle: (() => void)[] = [];
  private progress: (() => void)[] = [];
  private journal: Journal | undefined;
  private readonly log: Logger;
  private readonly batchRows: number;
  private readonly batchMs: number;
  private readonly maxBatchRows: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly db: Knex,
    private readonly options: RecordWriterOptions = {},
  ) {
    this.log = (options.logger ?? silentLogger).child({ component: "records" });
    this.batchRows = options.batchRows ?? 200;
    this.batchMs = options.batchMs ?? 50;
    this.maxBatchRows = options.maxBatchRows ?? 5000;
    this.retryMinMs = options.retryMinMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5000;
    if (options.journal) this.openJournal(options.journal);
  }

  /** Queue one write. Never throws, never waits. */
  push(op: RecordOp): void {
    this.pushMany([op]);
  }

  /** Queue writes in order with one journal append (bulk loads). */
  pushMany(ops: readonly RecordOp[]): void {
    if (this.closed) {
      this.log.error({ ops: ops.length }, "record writes after close; dropped");
      return;
    }
    const entries = ops.map((op) => ({ seq: ++this.seq, op }));
    for (const e of entries) this.queue.push(e);
    if (this.journal) {
      try {
        this.journal.append(entries);
      } catch (err) {
        // A full or broken disk must not stop calls: keep going in memory, loudly.
        this.log.error({ err: (err as Error).message }, "records journal append failed; writes kept in memory only");
      }
    }
    this.schedule();
  }

  /** Writes not yet in the database. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when every queued write has landed (or after `timeoutMs`, leaving the rest journalled). */
  flush(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    this.kick();
    return new Promise((resolve) => {
      this.idle.push(resolve);
      if (options.timeoutMs !== undefined) setTimeout(resolve, options.timeoutMs).unref();
    });
  }

  /** Resolves once at most `max` writes wait: backpressure for bulk loads, never for calls. */
  async below(max: number): Promise<void> {
    while (this.queue.length > max) {
      this.kick();
      await new Promise<void>((resolve) => this.progress.push(resolve));
    }
  }

  /** Flush (bounded by `timeoutMs`), then stop; what has not landed stays in the journal for next time. */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    await this.flush(options);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.journal?.close();
    this.journal = undefined;
  }

  private openJournal(path: string): void {
    try {
      const { journal, pending } = Journal.open(path);
      this.journal = journal;
      this.queue = pending;
      this.seq = pending.at(-1)?.seq ?? 0;
      if (pending.length > 0) {
        this.log.warn({ writes: pending.length, journal: path }, "replaying record writes from the journal");
        this.kick();
      }
    } catch (err) {
      this.log.error(
        { err: (err as Error).message, journal: path },
        "records journal unusable; writes kept in memory only",
      );
    }
  }

  private schedule(): void {
    if (this.running || this.kicked) return;
    if (this.queue.length >= this.batchRows) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.batchMs);
  }

  /** Run the loop on the next turn of the event loop (never inside the caller's stack). */
  private kick(): void {
    if (this.running || this.kicked) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let failures = 0;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.slice(0, this.maxBatchRows);
        await this.syncJournal();
        try {
          await this.db.transaction((trx) =>
            applyOps(
              trx,
              batch.map((e) => e.op),
              this.options.costOf,
            ),
          );
          this.landed(batch.length);
          failures = 0;
        } catch (err) {
          failures++;
          let failure = err;
          if (isPermanent(err)) {
            // One bad write must not hold back the rest: find it, set it aside, land the others.
            try {
              await this.oneByOne(batch);
              failures = 0;
              continue;
            } catch (again) {
              failure = again;
            }
          }
          const delay = Math.min(this.retryMaxMs, this.retryMinMs * 2 ** (failures - 1));
          this.log.error(
            { err: (failure as Error).message, writes: batch.length, pending: this.queue.length, attempt: failures },
            "record writes failed; retrying",
          );
          await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random() / 2)));
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
      for (const resolve of this.progress.splice(0)) resolve();
      if (this.queue.length > 0 && !this.closed) this.schedule();
    }
  }

  /** The first `count` queued writes are in the database. */
  private landed(count: number): void {
    const last = this.queue[count - 1] as JournalEntry;
    this.queue.splice(0, count);
    try {
      this.journal?.committed(last.seq, this.queue);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, "records journal not truncated (its writes replay harmlessly)");
    }
    for (const resolve of this.progress.splice(0)) resolve();
  }

  private async oneByOne(batch: readonly JournalEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.db.transaction((trx) => applyOps(trx, [entry.op], this.options.costOf));
      } catch (err) {
        if (!isPermanent(err)) throw err;
        this.reject(entry, err as Error);
      }
      this.landed(1);
    }
  }

  /** A write the database refuses for good (constraint, bad data): kept beside the journal, not retried. */
  private reject(entry: JournalEntry, err: Error): void {
    this.log.error({ err: err.message, op: entry.op }, "record write rejected by the database; set aside");
    if (!this.options.journal) return;
    try {
      const line = JSON.stringify({ at: new Date().toISOString(), error: err.message, s: entry.seq, o: entry.op });
      appendFileSync(`${this.options.journal}.rejected`, `${line}\n`);
    } catch (e) {
      this.log.error({ err: (e as Error).message }, "could not keep the rejected record write");
    }
  }

  private async syncJournal(): Promise<void> {
    try {
      await this.journal?.sync();
    } catch (err) {
      this.log.error({ err: (err as Error).message }, "records journal fsync failed");
    }
  }
}

/**
 * Errors that retrying cannot fix: the data itself is refused. Everything else — locks, a read-only or
 * full disk, a lost connection, a server restarting — is an outage, and the batch waits it out.
 */
export function isPermanent(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return false;
  if (code.startsWith("SQLITE_")) {
    return ["SQLITE_CONSTRAINT", "SQLITE_MISMATCH", "SQLITE_TOOBIG", "SQLITE_RANGE", "SQLITE_ERROR"].includes(code);
  }
  // PostgreSQL SQLSTATE classes: 22 data exception, 23 integrity constraint, 42 syntax or access rule.
  return /^(22|23|42)[0-9A-Z]{3}$/.test(code);
}
