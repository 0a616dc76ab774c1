/**
 * Today's `calls` rows kept in memory from the record writes themselves, so the wallboard's figures
 * for the day never poll the database: seeded once from the table, then every record op is applied
 * here as the database applies it (ops.ts). "Today" is the organization's local day; rows of an
 * earlier day are dropped when the day rolls, which is checked on every read and apply.
 */
import { toCall } from "../analysis/load.ts";
import type { CallRecord } from "../analysis/types.ts";
import type { RecordOp, Row } from "../records/ops.ts";
import { normalizeRow } from "../records/rows.ts";
import { addDays, localDate, localInstant } from "../schedule/local-day.ts";

export interface TodayCallsOptions {
  /** The organization's IANA zone: whose midnight starts the day. */
  timezone: string;
  now: () => Date;
}

export class TodayCalls {
  private readonly rows = new Map<string, Row>();
  /** Today as [start, end) in epoch ms; recomputed once now leaves it. */
  private day = { start: Number.NaN, end: Number.NaN };

  constructor(private readonly opts: TodayCallsOptions) {}

  /**
   * Rows as the database returns them (snake_case; dates as text in SQLite, Date in PostgreSQL).
   * Rows of an earlier day are skipped. A call already mirrored keeps what the ops told it, over the
   * seed's older copy: ops applied here are at least as new as the row the query read.
   */
  seed(rows: readonly Record<string, unknown>[]): void {
    this.roll();
    for (const raw of rows) {
      const row = normalizeRow<Row>(raw);
      if (typeof row.id !== "string" && typeof row.id !== "number") continue;
      const id = String(row.id);
      if (!this.isToday(row)) continue;
      this.rows.set(id, { ...row, id, ...this.rows.get(id) });
    }
  }

  /** Mirror one record op; true when today's rows changed. Ops on other tables are ignored. */
  apply(op: RecordOp): boolean {
    this.roll();
    switch (op.op) {
      case "insert": {
        if (op.table !== "calls") return false;
        const id = op.row.id;
        if (id === null || id === undefined || this.rows.has(String(id)) || !this.isToday(op.row)) return false;
        this.rows.set(String(id), { ...op.row });
        return true;
      }
      case "set": {
        if (op.table !== "calls") return false;
        const row = op.key.id === undefined || op.key.id === null ? undefined : this.rows.get(String(op.key.id));
        if (!row || !matches(row, op.key)) return false;
        if (op.ifNull && row[op.ifNull] !== null && row[op.ifNull] !== undefined) return false;
        Object.assign(row, op.set);
        return true;
      }
      case "callEnded": {
        const row = this.rows.get(op.id);
        // The first end wins, as in the table.
        if (!row || (row.ended_at !== null && row.ended_at !== undefined)) return false;
        Object.assign(row, op.set);
        return true;
      }
      default:
        return false;
    }
  }

  /** Today's calls, oldest first, as the analysis reads them. */
  calls(): CallRecord[] {
    this.roll();
    return [...this.rows.values()].map((r) => toCall(r)).sort((a, b) => a.startedAt - b.startedAt || cmp(a.id, b.id));
  }

  /** The mirrored row of a call today (for the caller card); undefined when it is not today's. */
  row(id: string): Readonly<Row> | undefined {
    this.roll();
    return this.rows.get(id);
  }

  /** How many calls today has. */
  get size(): number {
    this.roll();
    return this.rows.size;
  }

  /** Local midnight that began today, as epoch ms. */
  get dayStart(): number {
    this.roll();
    return this.day.start;
  }

  private roll(): void {
    const now = this.opts.now().getTime();
    if (now >= this.day.start && now < this.day.end) return;
    const date = localDate(now, this.opts.timezone);
    this.day = {
      start: localInstant(date, 0, this.opts.timezone),
      end: localInstant(addDays(date, 1), 0, this.opts.timezone),
    };
    for (const [id, row] of this.rows) if (!this.isToday(row)) this.rows.delete(id);
  }

  /** Started at or after today's midnight (a call "starting" later than now is kept: clocks differ). */
  private isToday(row: Row): boolean {
    const started = typeof row.started_at === "string" ? Date.parse(row.started_at) : Number.NaN;
    return Number.isFinite(started) && started >= this.day.start;
  }
}

function matches(row: Row, key: Row): boolean {
  return Object.entries(key).every(([k, v]) => String(row[k]) === String(v));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
