import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallRecords } from "../../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import type { RecordOp, Row } from "../../../src/records/ops.ts";
import { TodayCalls } from "../../../src/room/today.ts";

/** Madrid in December is UTC+1: local midnight of 2 Dec is 1 Dec 23:00Z. */
const ZONE = "Europe/Madrid";
const local = (text: string) => new Date(`${text}+01:00`);

function mirror(at: string) {
  const clock = { now: local(at) };
  const today = new TodayCalls({ timezone: ZONE, now: () => clock.now });
  return { today, clock };
}

const insert = (id: string, startedAt: Date, extra: Row = {}): RecordOp => ({
  op: "insert",
  table: "calls",
  row: { id, started_at: startedAt.toISOString(), caller_number: "600111222", ...extra },
});

describe("TodayCalls: today's calls rows, mirrored from the record writes", () => {
  it("today is the organization's local day: a call at 00:10 Madrid counts, one at 23:50 the evening before does not", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    today.seed([
      { id: "yesterday", started_at: local("2026-12-01T23:50:00").toISOString() },
      { id: "early", started_at: local("2026-12-02T00:10:00").toISOString() },
    ]);
    expect(today.calls().map((c) => c.id)).toEqual(["early"]);
    expect(today.dayStart).toBe(local("2026-12-02T00:00:00").getTime());
  });

  it("seeds rows as PostgreSQL returns them: Dates become ISO text, as the ops carry them", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    const started = local("2026-12-02T08:00:00");
    today.seed([{ id: "c1", started_at: started, answered_at: null, wait_seconds: 12, caller_number: "600" }]);
    expect(today.row("c1")).toEqual({
      id: "c1",
      started_at: started.toISOString(),
      answered_at: null,
      wait_seconds: 12,
      caller_number: "600",
    });
  });

  it("an insert of a call already mirrored leaves the row as it is, as the table does", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    expect(today.apply(insert("c1", local("2026-12-02T08:00:00")))).toBe(true);
    expect(today.apply(insert("c1", local("2026-12-02T08:30:00"), { caller_number: "999" }))).toBe(false);
    expect(today.row("c1")?.caller_number).toBe("600111222");
  });

  it("a set changes the fields; with ifNull only while that column is still empty (the first answer wins)", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    today.apply(insert("c1", local("2026-12-02T08:00:00")));
    const answered = (at: string): RecordOp => ({
      op: "set",
      table: "calls",
      key: { id: "c1" },
      set: { answered_at: at },
      ifNull: "answered_at",
    });
    expect(today.apply(answered("2026-12-02T07:00:01.000Z"))).toBe(true);
    expect(today.apply(answered("2026-12-02T07:00:09.000Z"))).toBe(false);
    today.apply({ op: "set", table: "calls", key: { id: "c1" }, set: { topic: "fees", menu_path: "2" } });
    expect(today.row("c1")).toMatchObject({ answered_at: "2026-12-02T07:00:01.000Z", topic: "fees", menu_path: "2" });
  });

  it("callEnded closes the call once: a second end changes nothing", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    today.apply(insert("c1", local("2026-12-02T08:00:00")));
    expect(
      today.apply({ op: "callEnded", id: "c1", set: { ended_at: "2026-12-02T07:05:00.000Z", outcome: "completed" } }),
    ).toBe(true);
    expect(
      today.apply({ op: "callEnded", id: "c1", set: { ended_at: "2026-12-02T07:09:00.000Z", outcome: "error" } }),
    ).toBe(false);
    expect(today.calls()[0]).toMatchObject({
      endedAt: Date.parse("2026-12-02T07:05:00.000Z"),
      outcome: { kind: "completed" },
    });
  });

  it("ignores other tables, and writes about calls it does not hold", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    expect(
      today.apply({ op: "insert", table: "voicemails", row: { id: "v1", started_at: "2026-12-02T08:00:00Z" } }),
    ).toBe(false);
    expect(today.apply({ op: "set", table: "callbacks", key: { id: "c1" }, set: { status: "done" } })).toBe(false);
    expect(today.apply({ op: "set", table: "calls", key: { id: "nope" }, set: { topic: "x" } })).toBe(false);
    expect(today.apply({ op: "callEnded", id: "nope", set: { ended_at: "2026-12-02T08:00:00Z" } })).toBe(false);
    expect(today.apply({ op: "state", row: { operator: "ana" } })).toBe(false);
    expect(today.size).toBe(0);
  });

  it("drops yesterday's rows when the day rolls, on the next read, and refuses inserts of an earlier day", () => {
    const { today, clock } = mirror("2026-12-02T23:50:00");
    today.apply(insert("late", local("2026-12-02T23:45:00")));
    expect(today.size).toBe(1);
    clock.now = local("2026-12-03T00:01:00");
    expect(today.row("late")).toBeUndefined();
    expect(today.calls()).toEqual([]);
    expect(today.apply(insert("replayed", local("2026-12-02T23:46:00")))).toBe(false);
    expect(today.apply(insert("new", local("2026-12-03T00:00:30")))).toBe(true);
    expect(today.calls().map((c) => c.id)).toEqual(["new"]);
  });

  it("a seed arriving after ops keeps what the ops said: they are at least as new as the query", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    today.apply(insert("c1", local("2026-12-02T08:00:00"), { topic: null }));
    today.apply({ op: "set", table: "calls", key: { id: "c1" }, set: { topic: "fees" } });
    today.seed([{ id: "c1", started_at: local("2026-12-02T08:00:00"), topic: null, did: "+34910000001" }]);
    expect(today.row("c1")).toMatchObject({ topic: "fees", did: "+34910000001" });
  });

  it("calls() are the analysis' CallRecords, oldest first", () => {
    const { today } = mirror("2026-12-02T09:00:00");
    today.apply(insert("b", local("2026-12-02T08:30:00"), { hotline: "admissions" }));
    today.apply(insert("a", local("2026-12-02T08:00:00"), { hotline: "admissions" }));
    const calls = today.calls();
    expect(calls.map((c) => c.id)).toEqual(["a", "b"]);
    expect(calls[0]).toMatchObject({ hotline: "admissions", callerNumber: "600111222", outcome: null, endedAt: null });
  });
});

describe("TodayCalls against the table: the same writes give the same rows", () => {
  let db: Knex;
  beforeEach(async () => {
    db = await openDatabase({ client: "sqlite", filename: ":memory:" });
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("mirrors a call's life through CallRecords exactly as the database stores it (but duration and cost)", async () => {
    const { today } = mirror("2026-12-02T12:00:00");
    const records = new CallRecords(db);
    // Every write the records make also reaches the mirror, as the app wires it.
    records.observe((op) => today.apply(op));
    const t0 = local("2026-12-02T10:00:00");
    const s = (sec: number) => new Date(t0.getTime() + sec * 1000);
    records.started({ id: "c1", did: "+34910000001", hotline: "admissions", callerNumber: "600", startedAt: t0 });
    records.answered("c1", s(1));
    records.update("c1", { topic: "fees", menu_path: "2", queue_entered_at: s(10), language: "es" });
    records.update("c1", { answered_by: "ana", operator_answered_at: s(25), queue_left_at: s(25), wait_seconds: 15 });
    records.room.disposition({ callId: "c1", disposition: "resolved", by: "ana", at: s(200), notes: "sent the form" });
    records.ended("c1", { endedAt: s(180), outcome: { kind: "answered", operator: "ana", endedBy: "caller" } });
    records.started({ id: "c2", hotline: "admissions", callerNumber: "601", startedAt: s(30) });
    records.ended("c2", { endedAt: s(40), outcome: { kind: "abandoned", hotline: "admissions" } });
    await records.flush();
    const stored = (await db("calls").orderBy("id")) as Row[];
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      const { duration_seconds: _d, cost: _c, currency: _cur, billed_seconds: _b, ...rest } = row;
      const mirrored = today.row(String(row.id)) ?? {};
      const present = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
      expect(mirrored).toMatchObject(present);
    }
    expect(today.calls().map((c) => [c.id, c.outcome?.kind, c.answeredBy])).toEqual([
      ["c1", "answered", "ana"],
      ["c2", "abandoned", null],
    ]);
  });
});
