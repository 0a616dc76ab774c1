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
  /**
   * While the journal cannot be written (disk full, read-only) writes are held in memory only, so a
   * crash would lose them: "refuse-new-calls" (the default) has the call service turn new calls away
   * busy until the journal is writable again; "keep-in-memory" takes calls regardless.
   */
  onJournalFull?: JournalFullPolicy;
  /** Most writes waiting in memory before new calls are refused whatever the policy (default 100 000). */
  maxPending?: number;
  /** How often a failing journal is tried again (default 1000 ms). */
  journalRetryMs?: number;
  logger?: Logger;
}

export type JournalFullPolicy = "refuse-new-calls" | "keep-in-memory";

/** Whether the records can take a new call's writes without risking them. */
export type RecordsHealth = { ok: true } | { ok: false; reason: string };

/** The journal's state, for metrics and `hotline status`-like views. */
export interface JournalHealth {
  /** The journal cannot be written now: new writes are in memory only. */
  failing: boolean;
  /** Writes waiting that are in memory only (not in the journal). */
  unjournaled: number;
  /** Appends the disk refused since the start. */
  appendFailures: number;
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
  /** Queued writes the journal does not hold (its disk refused them), oldest first. */
  private unjournaled: JournalEntry[] = [];
  private journalFailing = false;
  private appendFailures = 0;
  private journalRetry: NodeJS.Timeout | undefined;
  private readonly policy: JournalFullPolicy;
  private readonly maxPending: number;
  private readonly journalRetryMs: number;
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
    this.policy = options.onJournalFull ?? "refuse-new-calls";
    this.maxPending = options.maxPending ?? 100_000;
    this.journalRetryMs = options.journalRetryMs ?? 1000;
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
      // While the journal fails, new writes line up behind the held ones (the file keeps push order).
      if (this.journalFailing) for (const e of entries) this.unjournaled.push(e);
      else this.appendToJournal(entries);
    }
    this.schedule();
  }

  /**
   * Whether a new call may start: not while its writes would be held in memory only (under the
   * "refuse-new-calls" policy), and never once `maxPending` writes wait (the memory bound).
   */
  health(): RecordsHealth {
    if (this.queue.length >= this.maxPending) {
      return { ok: false, reason: `${this.queue.length} record writes waiting (limit ${this.maxPending})` };
    }
    if (this.journalFailing && this.policy === "refuse-new-calls") {
      return { ok: false, reason: "the records journal cannot be written" };
    }
    return { ok: true };
  }

  get journalHealth(): JournalHealth {
    return {
      failing: this.journalFailing,
      unjournaled: this.unjournaled.length,
      appendFailures: this.appendFailures,
    };
  }

  /** A failed append starts an outage: one line for it, retries on a timer, one line when it ends. */
  private appendToJournal(entries: readonly JournalEntry[]): boolean {
    try {
      this.journal?.append(entries);
      return true;
    } catch (err) {
      this.appendFailures++;
      for (const e of entries) this.unjournaled.push(e);
      this.journalFailed(err as Error);
      return false;
    }
  }

  private journalFailed(err: Error): void {
    if (!this.journalFailing) {
      this.journalFailing = true;
      this.log.error(
        {
          err: err.message,
          journal: this.options.journal,
          policy: this.policy,
          inMemory: this.unjournaled.length,
        },
        this.policy === "refuse-new-calls"
          ? "records journal cannot be written; writes held in memory, new calls refused until it can"
          : "records journal cannot be written; writes held in memory only",
      );
    }
    this.journalRetry ??= setTimeout(() => this.retryJournal(), this.journalRetryMs).unref();
  }

  /** Append what is held (what already landed needs no journal), ending the outage if the disk takes it. */
  private retryJournal(): void {
    this.journalRetry = undefined;
    if (this.closed || !this.journal || !this.journalFailing) return;
    const held = this.unjournaled;
    this.unjournaled = [];
    try {
      // Nothing held (a refused commit mark): a byte proves the disk takes writes again.
      if (held.length === 0) this.journal.probe();
      else this.journal.append(held);
    } catch (err) {
      this.appendFailures++;
      this.unjournaled = held.concat(this.unjournaled);
      this.journalFailed(err as Error);
      return;
    }
    this.journalFailing = false;
    this.log.warn({ journal: this.options.journal, written: held.length }, "records journal writable again");
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
    if (this.journalRetry) clearTimeout(this.journalRetry);
    // Last chance for what did not land: into the journal, for the next start.
    if (this.journalFailing && this.journal) this.retryJournal();
    if (this.journalRetry) clearTimeout(this.journalRetry);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.unjournaled.length > 0) {
      this.log.error(
        { writes: this.unjournaled.length },
        "record writes neither in the database nor in the journal; lost",
      );
    }
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
      // No journal to retry into: under "refuse-new-calls" the app takes no call until it restarts.
      this.journalFailing = true;
      this.log.error(
        { err: (err as Error).message, journal: path, policy: this.policy },
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
    // Held writes that landed are safe: the journal need not take them any more.
    if (this.unjournaled.length > 0 && (this.unjournaled[0] as JournalEntry).seq <= last.seq) {
      this.unjournaled = this.unjournaled.filter((e) => e.seq > last.seq);
    }
    if (this.journalFailing) {
      // Nothing queued: emptying the file frees its space, and the journal may work again at once.
      if (this.queue.length === 0) {
        try {
          this.journal?.committed(last.seq, this.queue);
        } catch {
          // the outage goes on; its retry timer is running
        }
      }
      if (this.journal && !this.journalRetry) this.journalRetry = setTimeout(() => this.retryJournal(), 0).unref();
    } else {
      try {
        this.journal?.committed(last.seq, this.queue);
      } catch (err) {
        // A commit mark the disk refused: the writes it covers replay harmlessly, but the disk is full.
        this.appendFailures++;
        this.journalFailed(err as Error);
      }
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
