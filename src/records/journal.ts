import {
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import type { RecordOp } from "./ops.ts";
import { PRIVATE_FILE, privateDir, privateFile } from "./private-files.ts";

/** Rewriting is worth it only once the backlog is small; a bulk load's journal waits for its drain. */
const COMPACT_MAX_PENDING = 1000;

/** A journalled op: its sequence number and the op. */
export interface JournalEntry {
  seq: number;
  op: RecordOp;
}

/**
 * The record writer's append-only journal: one JSON line per op, `{"s":seq,"o":op}`, appended the moment
 * the op is written (so a crashed process loses nothing the kernel has), fsync'd before each batch goes
 * to the database (so a power cut loses nothing a database write depended on). After a batch commits,
 * a `{"c":seq}` line marks everything up to seq as landed; when nothing is pending the file is truncated
 * to zero, and when it grows past `compactBytes` it is rewritten with only the pending entries.
 *
 * One process per journal file: it is the writer's private state, not a shared log.
 */
export class Journal {
  private fd: number;
  private size: number;
  /** A failed write may have left a torn line that could not be cut off: the next write ends it first. */
  private torn = false;

  private constructor(
    readonly path: string,
    private readonly compactBytes: number,
  ) {
    privateFile(path);
    this.fd = openSync(path, "a");
    this.size = fstatSync(this.fd).size;
  }

  /**
   * Open the journal and return the entries that never landed, in order. A torn last line (the process
   * died mid-write) is dropped; the file is rewritten with the pending entries so new lines start clean.
   */
  static open(path: string, options: { compactBytes?: number } = {}): { journal: Journal; pending: JournalEntry[] } {
    privateDir(dirname(path));
    const pending = existsSync(path) ? readPending(readFileSync(path, "utf8")) : [];
    if (existsSync(path)) rewrite(path, pending);
    return { journal: new Journal(path, options.compactBytes ?? 8 * 1024 * 1024), pending };
  }

  /**
   * Append entries (one write call: the lines land together or, on a crash, as a torn tail). Throws
   * when the disk refuses (full, read-only); the file is then cut back to where it was, so what follows
   * starts on a clean line and a half-written entry is never mistaken for a whole one.
   */
  append(entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    let text = "";
    for (const e of entries) text += `${JSON.stringify({ s: e.seq, o: e.op })}\n`;
    this.write(text);
  }

  /** An empty line (readers skip it): throws while the disk refuses writes. */
  probe(): void {
    this.write("\n");
  }

  /** Make everything appended so far durable (off the event loop). */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => fsync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  /** Everything up to `seq` is in the database; `pending` is what is not (in order). */
  committed(seq: number, pending: readonly JournalEntry[]): void {
    if (pending.length === 0) {
      ftruncateSync(this.fd, 0);
      this.size = 0;
    } else if (this.size > this.compactBytes && pending.length <= COMPACT_MAX_PENDING) {
      closeSync(this.fd);
      rewrite(this.path, pending);
      this.fd = openSync(this.path, "a");
      this.size = fstatSync(this.fd).size;
    } else {
      this.write(`${JSON.stringify({ c: seq })}\n`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(text: string): void {
    const buffer = Buffer.from(this.torn ? `\n${text}` : text, "utf8");
    let offset = 0;
    try {
      while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset);
    } catch (err) {
      if (offset > 0) this.cutBack(offset);
      throw err;
    }
    this.torn = false;
    this.size += buffer.length;
  }

  /** Undo a partial write of `written` bytes (truncating needs no space). */
  private cutBack(written: number): void {
    try {
      ftruncateSync(this.fd, this.size);
    } catch {
      this.size += written;
      this.torn = true;
    }
  }
}

/** The entries after the last commit mark, in file order. */
export function readPending(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let landed = Number.NEGATIVE_INFINITY; // commit marks only move forward
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    let parsed: { s?: number; o?: RecordOp; c?: number };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      continue; // a torn line: the write it belonged to never completed, so nothing depended on it
    }
    if (typeof parsed.c === "number") landed = Math.max(landed, parsed.c);
    else if (typeof parsed.s === "number" && parsed.o) entries.push({ seq: parsed.s, op: parsed.o });
  }
  return entries.filter((e) => e.seq > landed);
}

/** Replace the file atomically with exactly these entries (temp file, fsync, rename). */
function rewrite(path: string, entries: readonly JournalEntry[]): void {
  const tmp = `${path}.tmp`;
  // The rename keeps the temp file's mode: callers' numbers, so the owner's only.
  const fd = openSync(tmp, "w", PRIVATE_FILE);
  try {
    fchmodSync(fd, PRIVATE_FILE);
    let text = "";
    for (const e of entries) text += `${JSON.stringify({ s: e.seq, o: e.op })}\n`;
    if (text) writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
