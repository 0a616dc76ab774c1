import { execFileSync } from "node:child_process";
import { closeSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { busyCallerScenario, callerScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import { Journal, readPending } from "../../src/records/journal.ts";
import type { RecordOp } from "../../src/records/ops.ts";
import { RecordWriter, type RecordWriterOptions } from "../../src/records/writer.ts";
import { eventually, startTestHotline, testConfigYaml } from "../support/app.ts";

/**
 * The records journal on a real, small tmpfs that fills up (and the database on another): nothing
 * here is simulated. Mounting needs root, which the test machine has; if it cannot mount, the suite
 * fails rather than skipping what it is for.
 */
let root: string;
const mounts: string[] = [];

function mountTmpfs(dir: string, size: string): void {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir]);
  mounts.push(dir);
}

/** Fill the file system holding `dir` to the last byte; returns the filler file to delete later. */
function fill(dir: string): string {
  const filler = join(dir, "filler");
  const fd = openSync(filler, "a");
  const chunk = Buffer.alloc(1024, 0x2e);
  try {
    for (let i = 0; i < 1_000_000; i++) {
      try {
        writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
        // The last partial kilobyte, byte by byte.
        for (let j = 0; j < 1024; j++) writeSync(fd, chunk, 0, 1);
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
  return filler;
}

function event(i: number): RecordOp {
  return {
    op: "insert",
    table: "queue_events",
    row: {
      id: `e${String(i).padStart(4, "0")}`,
      hotline: "admissions",
      at: "2026-11-20T09:00:00.000Z",
      event: "enter",
    },
  };
}

function recorder() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hotline-disk-full-"));
});

afterAll(async () => {
  for (const dir of mounts.reverse()) execFileSync("umount", [dir]);
  await rm(root, { recursive: true, force: true });
});

describe("records journal on a full disk", () => {
  let db: Knex | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  async function setUp(name: string) {
    const journalDisk = join(root, name, "state");
    const dbDisk = join(root, name, "db");
    await mkdir(journalDisk, { recursive: true });
    await mkdir(dbDisk, { recursive: true });
    mountTmpfs(journalDisk, "64k");
    mountTmpfs(dbDisk, "4m");
    db = await openDatabase({ client: "sqlite", filename: join(dbDisk, "records.sqlite") });
    return { journal: join(journalDisk, "records.journal"), journalDisk, dbDisk, db };
  }

  it("holds writes through the outage with one line for it and one for its end, refuses new calls, loses nothing", async () => {
    const { journal, journalDisk, dbDisk, db } = await setUp("outage");
    const { logger, lines } = recorder();
    const options: RecordWriterOptions = {
      journal,
      batchMs: 5,
      retryMinMs: 20,
      retryMaxMs: 50,
      journalRetryMs: 50,
      logger,
    };
    const writer = new RecordWriter(db, options);
    writer.push(event(0));
    await writer.flush();
    expect(writer.health()).toEqual({ ok: true });

    // Both disks full: the database cannot take the writes, nor the journal keep them.
    const dbFiller = fill(dbDisk);
    const journalFiller = fill(journalDisk);
    for (let i = 1; i <= 300; i++) writer.push(event(i));
    expect(writer.journalHealth).toMatchObject({ failing: true, unjournaled: 300 });
    expect(writer.health()).toEqual({ ok: false, reason: "the records journal cannot be written" });
    await sleep(300); // several journal and database retries
    const outage = lines.filter((l) => l.msg.startsWith("records journal cannot be written"));
    expect(outage).toHaveLength(1);
    expect(writer.journalHealth.appendFailures).toBeGreaterThan(1);
    expect(writer.pending).toBe(300);

    // Space for the journal again: the held writes go into it, in order, and calls are welcome again.
    unlinkSync(journalFiller);
    await until("the journal to recover", () => !writer.journalHealth.failing);
    expect(lines.filter((l) => l.msg === "records journal writable again")).toHaveLength(1);
    expect(writer.health()).toEqual({ ok: true });
    const journalled = readPending(await readFile(journal, "utf8"));
    expect(journalled.map((e) => (e.op as unknown as { row: { id: string } }).row.id)).toEqual(
      Array.from({ length: 300 }, (_, i) => `e${String(i + 1).padStart(4, "0")}`),
    );

    // The app dies here (its writer is never heard of again); the next one replays the journal
    // once the database has room, and every write is there.
    await writer.close({ timeoutMs: 0 });
    unlinkSync(dbFiller);
    const next = new RecordWriter(db, { journal, batchMs: 5 });
    await next.close();
    const ids = ((await db("queue_events").orderBy("id")) as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 301 }, (_, i) => `e${String(i).padStart(4, "0")}`));
    expect(statSync(journal).size).toBe(0);
  });

  it("with the database up, an outage of the journal alone loses nothing and ends when the queue lands", async () => {
    const { journal, journalDisk, db } = await setUp("journal-only");
    const { logger, lines } = recorder();
    const writer = new RecordWriter(db, { journal, batchMs: 5, journalRetryMs: 50, logger });
    const filler = fill(journalDisk);
    for (let i = 0; i < 200; i++) writer.push(event(i));
    expect(writer.health().ok).toBe(false);
    await writer.flush();
    expect(await db("queue_events").count({ n: "*" })).toEqual([{ n: 200 }]);
    // Landed writes need no journal: nothing is left in memory only.
    expect(writer.journalHealth.unjournaled).toBe(0);
    unlinkSync(filler);
    await until("the journal to recover", () => !writer.journalHealth.failing);
    writer.push(event(200));
    await writer.close();
    expect(await db("queue_events").count({ n: "*" })).toEqual([{ n: 201 }]);
    expect(lines.filter((l) => l.msg.startsWith("records journal cannot be written"))).toHaveLength(1);
    expect(lines.filter((l) => l.msg === "records journal writable again")).toHaveLength(1);
  });

  it("keep-in-memory takes calls through the outage, up to the memory bound", async () => {
    const { journal, journalDisk, dbDisk, db } = await setUp("keep");
    const writer = new RecordWriter(db, {
      journal,
      batchMs: 5,
      retryMinMs: 20,
      retryMaxMs: 50,
      journalRetryMs: 50,
      onJournalFull: "keep-in-memory",
      maxPending: 50,
    });
    const dbFiller = fill(dbDisk);
    const journalFiller = fill(journalDisk);
    for (let i = 0; i < 49; i++) writer.push(event(i));
    expect(writer.journalHealth.failing).toBe(true);
    expect(writer.health()).toEqual({ ok: true });
    writer.push(event(49));
    expect(writer.health()).toEqual({ ok: false, reason: "50 record writes waiting (limit 50)" });
    unlinkSync(dbFiller);
    unlinkSync(journalFiller);
    await writer.close();
    expect(await db("queue_events").count({ n: "*" })).toEqual([{ n: 50 }]);
  });

  it("a write the disk takes only in part is cut back, so the next entry starts on a clean line", async () => {
    const { journal } = await setUp("torn");
    const { journal: j } = Journal.open(journal);
    j.append([{ seq: 1, op: event(1) }]);
    const before = statSync(journal).size;
    // Bigger than the whole disk: the kernel takes what fits, then refuses the rest.
    const bigOp = { ...event(2), row: { id: "big", note: "x".repeat(200_000) } } as RecordOp;
    expect(() => j.append([{ seq: 2, op: bigOp }])).toThrow(/ENOSPC/);
    expect(statSync(journal).size).toBe(before);
    j.append([{ seq: 3, op: event(3) }]);
    j.close();
    expect(readPending(await readFile(journal, "utf8")).map((e) => e.seq)).toEqual([1, 3]);
  });
});

describe("a call while the records journal's disk is full (real Asterisk + SIPp)", () => {
  it("is refused busy, its record says why; once the disk has room calls are taken again", async () => {
    const state = join(root, "app-state");
    await mkdir(state, { recursive: true });
    mountTmpfs(state, "64k");
    const h = await startTestHotline({
      yaml: (ports) => testConfigYaml(ports).replace("state: { dir: ./state }", `state: { dir: ${state} }`),
    });
    try {
      const filler = fill(state);
      const call = (i: number, scenario: string) =>
        runSipp({
          scenario,
          target: `127.0.0.1:${h.ports.sip}`,
          port: h.ports.sipp(i),
          mediaPort: h.ports.media(i),
          service: "+34910000001",
          keys: { caller: `61200000${i}` },
        });
      // The first call after the disk filled finds it out (its writes cannot be journalled; they are
      // held and land in the database): the next one is refused.
      const first = await call(0, callerScenario([{ wait: 1000 }, { hangup: true }]));
      expect(first.successful).toBe(1);
      await eventually(() => h.app.records.journalHealth.failing || undefined, 5000);
      const refused = await call(1, busyCallerScenario());
      const warnings = () => JSON.stringify(h.logs.filter((l) => l.level >= 40).slice(-10));
      expect(refused.errors, warnings()).toBe("");
      expect(refused.successful).toBe(1);
      const row = await eventually(async () => {
        const r = await h.app.db<CallRow>("calls").where({ caller_number: "612000001" }).first();
        return r?.ended_at ? r : undefined;
      });
      expect(row.outcome).toBe("busy");
      expect(row.outcome_reason).toBe("records-at-risk");
      expect(row.answered_at).toBeNull();
      expect(h.logs.filter((l) => l.msg === "records at risk: new call refused")).toHaveLength(1);

      unlinkSync(filler);
      await eventually(() => (!h.app.records.journalHealth.failing ? true : undefined), 10_000);
      const taken = await call(2, callerScenario([{ wait: 1000 }, { hangup: true }]));
      expect(taken.successful).toBe(1);
      const second = await eventually(async () => {
        const r = await h.app.db<CallRow>("calls").where({ caller_number: "612000002" }).first();
        return r?.ended_at ? r : undefined;
      });
      expect(second.outcome).not.toBe("busy");
      const firstRow = await h.app.db<CallRow>("calls").where({ caller_number: "612000000" }).first();
      expect(firstRow?.outcome).toBe("caller-hangup");
    } finally {
      await h.stop();
    }
  });
});
