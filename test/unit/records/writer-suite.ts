/**
 * The record-writer suite, run against SQLite (test/integration/records.test.ts) and PostgreSQL
 * (records-pg.test.ts): every record kind lands, a database outage delays but loses, reorders or
 * duplicates nothing, and a writer that dies before flushing is replayed from its journal.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CallRecords, type CallRow } from "../../../src/records/call-records.ts";
import type { Knex } from "../../../src/records/db.ts";
import { readOperatorStates, readRange } from "../../../src/records/read.ts";

export interface Backend {
  /** A migrated, empty database whose lock wait is short (so a held lock fails writes fast). */
  open(): Promise<Knex>;
  /** Hold a lock that makes every write fail until the returned function is called. */
  blockWrites(db: Knex): Promise<() => Promise<void>>;
  /** Ids of a never-updated table in the order the rows were inserted. */
  insertionOrder(db: Knex, table: string): Promise<string[]>;
  close(db: Knex): Promise<void>;
}

const T0 = Date.parse("2026-11-20T09:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const trunks = [{ name: "main", costPerMinute: 0.012, currency: "EUR", billingIncrement: 60 }];

export function recordWriterSuite(backend: Backend): void {
  let db: Knex;
  let dir: string;
  const fast = { batchMs: 5, retryMinMs: 20, retryMaxMs: 100 };

  beforeEach(async () => {
    db = await backend.open();
    dir = await mkdtemp(join(tmpdir(), "hotline-records-journal-"));
  });
  afterEach(async () => {
    await backend.close(db);
    await rm(dir, { recursive: true, force: true });
  });

  it("lands every record kind: call with cost, attempts with ring time, queue events, sessions, pauses, state", async () => {
    const records = new CallRecords(db, undefined, { ...fast, trunks, journal: join(dir, "records.journal") });
    records.started({ id: "c1", did: "+34910000001", trunk: "main", callerNumber: "600", startedAt: at(0) });
    records.answered("c1", at(1));
    records.queueEvent({ callId: "c1", hotline: "admissions", at: at(2), event: "enter", position: 1 });
    const leg1 = records.attempt({ callId: "c1", operator: "maria", endpoint: "PJSIP/maria", startedAt: at(3) });
    records.attemptEnded(leg1, { endedAt: at(18), result: "no-answer" });
    const leg2 = records.attempt({ callId: "c1", operator: "juan", startedAt: at(18) });
    records.attemptAnswered(leg2, at(22));
    records.queueEvent({
      callId: "c1",
      hotline: "admissions",
      at: at(22),
      event: "answer",
      operator: "juan",
      waitSeconds: 20,
    });
    records.update("c1", { answered_by: "juan", operator_answered_at: at(22), wait_seconds: 20 });
    records.attemptEnded(leg2, { endedAt: at(62), result: "answered" });
    records.ended("c1", { endedAt: at(62), outcome: { kind: "completed" }, hangupCause: 16 });
    const session = records.operators.sessionStarted({ operator: "juan", endpoint: "PJSIP/juan", at: at(-600) });
    const pause = records.operators.pauseStarted({
      operator: "maria",
      at: at(30),
      reason: "missed-calls",
      planned: false,
    });
    records.operators.pauseEnded(pause, at(90));
    records.operators.sessionEnded(session, { at: at(3600), reason: "logout" });
    records.operators.operatorState("juan", { state: "on-call", since: at(22) });
    records.operators.operatorState("juan", { state: "wrap-up", since: at(62), reason: "after call" });
    await records.close();

    const call = (await records.get("c1")) as CallRow;
    // Answered 1 s → ended 62 s: 61 s talked, billed as 2 started minutes at 0.012/min.
    expect(call).toMatchObject({ ended_at: at(62).toISOString(), duration_seconds: 62, billed_seconds: 120 });
    expect(call).toMatchObject({ cost: 0.02, currency: "EUR", answered_by: "juan", wait_seconds: 20 });
    const all = await readRange(db, { from: at(-3600), to: at(7200) });
    expect(all.attempts.map((a) => [a.operator, a.result, a.ring_seconds])).toEqual([
      ["maria", "no-answer", 15],
      ["juan", "answered", 4],
    ]);
    expect(all.queueEvents.map((e) => e.event)).toEqual(["enter", "answer"]);
    expect(all.sessions[0]).toMatchObject({
      operator: "juan",
      logged_out_at: at(3600).toISOString(),
      reason: "logout",
    });
    expect(all.pauses[0]).toMatchObject({ reason: "missed-calls", planned: false, ended_at: at(90).toISOString() });
    expect(await readOperatorStates(db)).toEqual([
      {
        operator: "juan",
        state: "wrap-up",
        since: at(62).toISOString(),
        reason: "after call",
        snapshot: null,
        session_id: null,
        pause_id: null,
      },
    ]);
    expect(await readFile(join(dir, "records.journal"), "utf8")).toBe(""); // truncated once committed
  });

  it("an unanswered call costs 0; an unknown trunk has no cost", async () => {
    const records = new CallRecords(db, undefined, { ...fast, trunks });
    records.started({ id: "u1", trunk: "main", startedAt: at(0) });
    records.ended("u1", { endedAt: at(30), outcome: { kind: "caller-hangup" } });
    records.started({ id: "u2", trunk: "elsewhere", startedAt: at(0) });
    records.answered("u2", at(1));
    records.ended("u2", { endedAt: at(30), outcome: { kind: "completed" } });
    await records.flush();
    expect(await records.get("u1")).toMatchObject({ cost: 0, billed_seconds: 0, currency: "EUR" });
    expect(await records.get("u2")).toMatchObject({ cost: null, billed_seconds: null, duration_seconds: 30 });
  });

  it("a database outage delays writes, then every record lands once, in order", async () => {
    const journal = join(dir, "records.journal");
    const records = new CallRecords(db, undefined, { ...fast, trunks, journal });
    records.started({ id: "before", startedAt: at(0) });
    await records.flush();

    const release = await backend.blockWrites(db);
    const calls = 40;
    const began = performance.now();
    for (let i = 0; i < calls; i++) {
      records.started({ id: `o${i}`, trunk: "main", startedAt: at(i) });
      records.answered(`o${i}`, at(i + 1));
      for (const step of ["1", "1>2", "1>2>3"]) records.update(`o${i}`, { menu_path: step });
      records.queueEvent({ id: `e${i}`, callId: `o${i}`, hotline: "admissions", at: at(i), event: "enter" });
      records.ended(`o${i}`, { endedAt: at(i + 61), outcome: { kind: "completed" } });
    }
    // The caller's path never waited on the locked database.
    expect(performance.now() - began).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 400)); // several failed attempts
    expect(records.pending).toBe(calls * 7);
    await release();

    await records.flush({ timeoutMs: 20_000 });
    expect(records.pending).toBe(0);
    const rows = (await db("calls").whereLike("id", "o%")) as CallRow[];
    expect(rows).toHaveLength(calls);
    for (const row of rows) {
      // Updates applied in order (the last menu_path wins), the end after the answer (so a cost).
      expect(row).toMatchObject({ menu_path: "1>2>3", billed_seconds: 60, cost: 0.01 });
    }
    expect(await backend.insertionOrder(db, "queue_events")).toEqual(Array.from({ length: calls }, (_, i) => `e${i}`));
    await records.close();
    expect(await readFile(journal, "utf8")).toBe("");
  });

  it("a writer that dies before its writes land is replayed by the next one on the same journal", async () => {
    const journal = join(dir, "records.journal");
    // Never flushes by itself: its writes exist only in the journal when the next writer starts.
    const dead = new CallRecords(db, undefined, { journal, batchMs: 3_600_000, batchRows: 1e9 });
    for (let i = 0; i < 10; i++) {
      dead.started({ id: `r${i}`, startedAt: at(i) });
      dead.queueEvent({ id: `q${i}`, callId: `r${i}`, hotline: "admissions", at: at(i), event: "enter" });
      dead.update(`r${i}`, { topic: "fees" });
    }
    expect(await db("calls").whereLike("id", "r%")).toHaveLength(0);

    const next = new CallRecords(db, undefined, { ...fast, journal });
    await next.flush();
    const rows = (await db("calls").whereLike("id", "r%").orderBy("id")) as CallRow[];
    expect(rows.map((r) => [r.id, r.topic])).toEqual(Array.from({ length: 10 }, (_, i) => [`r${i}`, "fees"]));
    expect(await backend.insertionOrder(db, "queue_events")).toEqual(Array.from({ length: 10 }, (_, i) => `q${i}`));
    await next.close();
    // The dead writer's late writes (if it had lived) change nothing: every op is idempotent.
    await dead.close();
    expect(await db("calls").whereLike("id", "r%")).toHaveLength(10);
    expect(await db("queue_events")).toHaveLength(10);
  });
}
