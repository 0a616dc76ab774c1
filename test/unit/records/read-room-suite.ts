import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallRecords } from "../../../src/records/call-records.ts";
import type { Knex } from "../../../src/records/db.ts";
import {
  callerHistory,
  openCallbacksFor,
  todayCallRows,
  voicemailsFor,
  worklist,
} from "../../../src/records/read-room.ts";

/** How the suite gets a migrated, empty database of one kind, and gives it back. */
export interface RoomBackend {
  open(): Promise<Knex>;
  close(db: Knex): Promise<void>;
}

const T0 = new Date("2026-12-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The room's reads, written through CallRecords as the app writes, on `backend`'s database. */
export function readRoomSuite(name: string, backend: RoomBackend): void {
  describe(`the room's reads (${name})`, () => {
    let db: Knex;
    let records: CallRecords;
    beforeEach(async () => {
      db = await backend.open();
      records = new CallRecords(db);
    });
    afterEach(async () => {
      await records.close();
      await backend.close(db);
    });

    /** A finished call from `number`, `minutes` after T0. */
    function call(id: string, number: string, minutes: number, extra: { topic?: string; operator?: string } = {}) {
      records.started({ id, hotline: "admissions", callerNumber: number, startedAt: at(minutes) });
      if (extra.topic) records.update(id, { topic: extra.topic });
      if (extra.operator) records.update(id, { answered_by: extra.operator, operator_answered_at: at(minutes + 1) });
      records.ended(id, {
        endedAt: at(minutes + 5),
        outcome: extra.operator
          ? { kind: "answered", operator: extra.operator }
          : { kind: "abandoned", hotline: "admissions" },
      });
    }

    describe("callerHistory", () => {
      it("lists the number's calls since the date, newest first, with outcome, operator, disposition and notes", async () => {
        call("old", "600", -60 * 24 * 40, { topic: "fees" }); // 40 days ago: outside the window
        call("a", "600", 0, { topic: "fees", operator: "ana" });
        call("b", "600", 30);
        call("other", "601", 10);
        records.room.disposition({ callId: "a", disposition: "resolved", by: "ana", at: at(6), notes: "form sent" });
        await records.flush();
        const history = await callerHistory(db, "600", { since: at(-60 * 24 * 30) });
        expect(history).toEqual([
          {
            callId: "b",
            startedAt: at(30).toISOString(),
            hotline: "admissions",
            topic: null,
            outcome: "abandoned",
            answeredBy: null,
            disposition: null,
            notes: null,
          },
          {
            callId: "a",
            startedAt: at(0).toISOString(),
            hotline: "admissions",
            topic: "fees",
            outcome: "answered",
            answeredBy: "ana",
            disposition: "resolved",
            notes: "form sent",
          },
        ]);
      });

      it("leaves out the call on the line and keeps to the limit", async () => {
        for (let i = 0; i < 5; i++) call(`c${i}`, "600", i);
        await records.flush();
        const history = await callerHistory(db, "600", { since: at(-1), excludeCallId: "c4", limit: 2 });
        expect(history.map((h) => h.callId)).toEqual(["c3", "c2"]);
        expect((await callerHistory(db, "600", { since: at(-1) })).map((h) => h.callId)).toHaveLength(5);
      });
    });

    describe("open callbacks and voicemails of a number", () => {
      it("openCallbacksFor: only callbacks still to make (not reached, done or given up), oldest place first", async () => {
        const request = (id: string, number: string, minutes: number) =>
          records.callbacks.requested({
            id,
            callId: `call-${id}`,
            hotline: "admissions",
            language: "es",
            topic: "fees",
            number,
            reason: "overflow",
            requestedAt: at(minutes),
            placeAt: at(minutes - 2),
          });
        request("later", "600", 20);
        request("first", "600", 10);
        request("retrying", "600", 15);
        request("reached", "600", 5);
        request("gone", "600", 6);
        request("someone-else", "601", 1);
        records.callbacks.retryAt("retrying", at(40), 1);
        records.callbacks.reached("reached", at(30), "ana");
        records.callbacks.givenUp("gone", at(30), 3);
        await records.flush();
        const open = await openCallbacksFor(db, "600");
        expect(open.map((c) => [c.id, c.status])).toEqual([
          ["first", "pending"],
          ["retrying", "failed"],
          ["later", "pending"],
        ]);
        expect(open[1]).toMatchObject({
          callId: "call-retrying",
          number: "600",
          topic: "fees",
          language: "es",
          attempts: 1,
          requestedAt: at(15).toISOString(),
          placeAt: at(13).toISOString(),
          nextAttemptAt: at(40).toISOString(),
        });
      });

      it("voicemailsFor: the number's messages, unheard first, newest first within each", async () => {
        const message = (id: string, number: string, minutes: number) =>
          records.voicemail({
            id,
            callId: `call-${id}`,
            hotline: "admissions",
            language: "en",
            callerNumber: number,
            topic: "fees",
            reason: "closed",
            recording: `vm-${id}`,
            durationSeconds: 14.5,
            createdAt: at(minutes),
          });
        message("heard", "600", 30);
        message("old", "600", 0);
        message("new", "600", 10);
        message("theirs", "601", 5);
        await records.flush();
        await db("voicemails")
          .where({ id: "heard" })
          .update({ heard_at: at(40).toISOString() });
        const list = await voicemailsFor(db, "600");
        expect(list.map((v) => v.id)).toEqual(["new", "old", "heard"]);
        expect(list[2]).toMatchObject({
          recording: "vm-heard",
          durationSeconds: 14.5,
          createdAt: at(30).toISOString(),
          heardAt: at(40).toISOString(),
        });
      });
    });

    describe("worklist", () => {
      it("holds open callbacks and unheard messages of my topics and of none, oldest first", async () => {
        const request = (id: string, topic: string | undefined, minutes: number) =>
          records.callbacks.requested({
            id,
            callId: `call-${id}`,
            hotline: "admissions",
            language: "en",
            ...(topic ? { topic } : {}),
            number: "600",
            reason: "closed",
            requestedAt: at(minutes),
            placeAt: at(minutes),
          });
        const message = (id: string, topic: string | undefined, minutes: number) =>
          records.voicemail({
            id,
            callId: `call-${id}`,
            hotline: "admissions",
            language: "en",
            callerNumber: "601",
            ...(topic ? { topic } : {}),
            reason: "closed",
            recording: `vm-${id}`,
            durationSeconds: 3,
            createdAt: at(minutes),
          });
        request("cb-fees", "fees", 20);
        request("cb-none", undefined, 5);
        request("cb-grants", "grants", 1);
        request("cb-done", "fees", 2);
        message("vm-fees", "fees", 10);
        message("vm-heard", "fees", 3);
        message("vm-grants", "grants", 4);
        records.callbacks.reached("cb-done", at(8), "ana");
        await records.flush();
        await db("voicemails")
          .where({ id: "vm-heard" })
          .update({ heard_at: at(9).toISOString() });
        const items = await worklist(db, { topics: ["fees"] });
        expect(items.map((i) => [i.kind, i.id, i.at])).toEqual([
          ["callback", "cb-none", at(5).toISOString()],
          ["voicemail", "vm-fees", at(10).toISOString()],
          ["callback", "cb-fees", at(20).toISOString()],
        ]);
        expect(items[1]).toMatchObject({
          number: "601",
          topic: "fees",
          recording: "vm-vm-fees",
          callId: "call-vm-fees",
        });
        expect(items[0]).toMatchObject({ number: "600", topic: null, status: "pending" });
        // No topics of my own: only what belongs to no topic.
        expect((await worklist(db, { topics: [] })).map((i) => i.id)).toEqual(["cb-none"]);
      });
    });

    describe("todayCallRows", () => {
      it("returns the raw rows started since the instant, oldest first, dates as ISO text", async () => {
        call("yesterday", "600", -60 * 10);
        call("b", "600", 20, { topic: "fees", operator: "ana" });
        call("a", "601", 10);
        await records.flush();
        const rows = await todayCallRows(db, at(-60));
        expect(rows.map((r) => r.id)).toEqual(["a", "b"]);
        expect(rows[1]).toMatchObject({
          id: "b",
          caller_number: "600",
          topic: "fees",
          answered_by: "ana",
          started_at: at(20).toISOString(),
          operator_answered_at: at(21).toISOString(),
          ended_at: at(25).toISOString(),
          outcome: "answered",
          duration_seconds: 300,
        });
      });
    });
  });
}
