import { describe, expect, it } from "vitest";
import type { Knex } from "../../../src/records/db.ts";
import { migrationSource } from "../../../src/records/migrations/index.ts";

/** [outcome, outcome_detail, extra columns] as rows before migration 007 had them → the columns it fills. */
type Case = [
  outcome: string | null,
  detail: string | null,
  expected: [outcome: string | null, reason: string | null, to: string | null, result: string | null],
  extra?: Record<string, string>,
];

/** Every sentence the live journey wrote (src/calls/steps, CallService.refuseBusy). */
export const LIVE: Case[] = [
  ["closed", "closed", ["closed", "closed", null, null]],
  ["closed", "closed: no message left", ["closed", "closed", "voicemail", "declined"]],
  ["closed", "closed: no callback number confirmed", ["closed", "closed", "callback", "declined"]],
  ["voicemail", "closed: message left", ["voicemail", "closed", "voicemail", null]],
  ["callback", "closed: callback requested", ["callback", "closed", "callback", null]],
  ["closed", "the hotline closed while the caller waited", ["closed", "closing", null, null]],
  [
    "closed",
    "the hotline closed while the caller waited: no message left",
    ["closed", "closing", "voicemail", "declined"],
  ],
  [
    "closed",
    "the hotline closed while the caller waited: no callback number confirmed",
    ["closed", "closing", "callback", "declined"],
  ],
  [
    "voicemail",
    "the hotline closed while the caller waited: message left",
    ["voicemail", "closing", "voicemail", null],
  ],
  [
    "callback",
    "the hotline closed while the caller waited: callback requested",
    ["callback", "closing", "callback", null],
  ],
  ["overflowed", "overflowed to voicemail (timeout)", ["overflowed", "timeout", "voicemail", null]],
  ["overflowed", "overflowed to voicemail (full): no message left", ["overflowed", "full", "voicemail", "declined"]],
  ["voicemail", "overflowed to voicemail (timeout): message left", ["voicemail", "timeout", "voicemail", null]],
  ["overflowed", "overflowed to a callback request (no-operators)", ["overflowed", "no-operators", "callback", null]],
  [
    "overflowed",
    "overflowed to a callback request (timeout): no callback number confirmed",
    ["overflowed", "timeout", "callback", "declined"],
  ],
  ["callback", "overflowed to a callback request (full): callback requested", ["callback", "full", "callback", null]],
  ["overflowed", "overflowed to +34915550000 (timeout)", ["overflowed", "timeout", "+34915550000", null]],
  ["no-answer", "no overflow configured (full)", ["no-answer", "full", null, "no-overflow"]],
  ["no-answer", "overflow transfer without a destination (timeout)", ["no-answer", "timeout", null, "no-destination"]],
  ["no-answer", "overflow to exams would loop (timeout)", ["no-answer", "timeout", "exams", "loop"]],
  [
    "no-answer",
    "no trunk to overflow to +34915550000 (no-operators)",
    ["no-answer", "no-operators", "+34915550000", "no-trunk"],
  ],
  [
    "no-answer",
    "overflow to +34915550000 not answered, cause 19 (timeout)",
    ["no-answer", "timeout", "+34915550000", "not-answered"],
  ],
  [
    "no-answer",
    "overflow to +34915550000 not answered, cause ? (full)",
    ["no-answer", "full", "+34915550000", "not-answered"],
  ],
  ["answered", null, ["answered", null, null, null], { operator_answered_at: "2026-11-16T08:01:00.000Z" }],
  ["answered", "answered in the admissions queue", ["answered", null, "admissions", null]],
  ["busy", "trunk main-trunk at its 30-channel limit", ["busy", "trunk-limit", "main-trunk", "30"]],
  ["abandoned", null, ["abandoned", null, "exams", null], { hotline: "exams" }],
  ["completed", null, ["completed", null, null, null]],
  ["caller-hangup", null, ["caller-hangup", null, null, null]],
  ["lost", null, ["lost", null, null, null]],
  ["error", null, ["error", null, null, null]],
];

/** What `hotline seed` wrote (src/analysis/seed/generate.ts before it wrote typed outcomes). */
export const SEED: Case[] = [
  ["voicemail", "closed: message of 14 s", ["voicemail", "closed", "voicemail", null]],
  ["closed", "closed: goodbye", ["closed", "closed", null, null]],
  ["closed", "closed: voicemail offered", ["closed", "closed", "voicemail", "declined"]],
  ["closed", "closed: callback offered", ["closed", "closed", "callback", "declined"]],
  // An operator took the call: the seed said "completed", the journey "answered".
  [
    "completed",
    null,
    ["answered", null, null, null],
    { operator_answered_at: "2026-11-16T08:01:00.000Z", answered_by: "maria" },
  ],
  ["abandoned", null, ["abandoned", null, "admissions", null], { hotline: "admissions" }],
  ["voicemail", "closing: message of 12 s", ["voicemail", "closing", "voicemail", null]],
  ["callback", "closing: callback requested", ["callback", "closing", "callback", null]],
  ["overflowed", "overflowed to +34911000000", ["overflowed", "timeout", "+34911000000", null]],
  ["callback", "overflow: callback requested", ["callback", "timeout", "callback", null]],
  ["overflowed", "overflow: no callback number confirmed", ["overflowed", "timeout", "callback", "declined"]],
  ["voicemail", "overflow: message of 40 s", ["voicemail", "timeout", "voicemail", null]],
];

/** Wordings older tests used for the same things. */
export const OLDER: Case[] = [
  ["overflowed", "overflowed to a callback request (queue full)", ["overflowed", "full", "callback", null]],
  ["overflowed", "overflowed to voicemail (nobody there)", ["overflowed", "no-operators", "voicemail", null]],
  ["overflowed", "overflowed to +34911000000 (waited 600 s)", ["overflowed", "timeout", "+34911000000", null]],
  [
    "completed",
    "overflowed to admissions",
    ["answered", "timeout", "admissions", null],
    { operator_answered_at: "2026-11-16T08:01:00.000Z", hotline: "exams" },
  ],
  // Still in progress, and an outcome this version does not know: left alone.
  [null, null, [null, null, null, null]],
  ["from-the-future", "something", ["from-the-future", null, null, null]],
];

const before007: Knex.MigrationSource<string> = {
  ...migrationSource,
  getMigrations: async (extensions) => (await migrationSource.getMigrations(extensions)).filter((n) => n < "007"),
};

/**
 * Migration 007 on a database the previous schema made: rows of every dialect in, structured columns
 * out. `open` gives an empty database with no migrations run; `close` disposes of it.
 */
export function outcomeMigrationSuite(open: () => Promise<Knex>, close: (db: Knex) => Promise<void>): void {
  describe("migration 007: the outcome in structured columns", () => {
    it("converts rows of the live, the seed and older dialects; outcome_detail stays as written", async () => {
      const db = await open();
      try {
        await db.migrate.latest({ migrationSource: before007 });
        expect(await db.schema.hasColumn("calls", "outcome_reason")).toBe(false);
        const cases = [...LIVE, ...SEED, ...OLDER];
        const rows = cases.map(([outcome, detail, , extra], i) => ({
          id: `m${i}`,
          started_at: "2026-11-16T08:00:00.000Z",
          hotline: "main",
          outcome,
          outcome_detail: detail,
          ...extra,
        }));
        for (let i = 0; i < rows.length; i += 20) await db("calls").insert(rows.slice(i, i + 20));

        await db.migrate.latest({ migrationSource });

        const got = new Map(
          (
            (await db("calls").select(
              "id",
              "outcome",
              "outcome_reason",
              "outcome_to",
              "outcome_result",
              "outcome_detail",
            )) as Record<string, string | null>[]
          ).map((r) => [r.id, r]),
        );
        cases.forEach(([outcome, detail, expected], i) => {
          const row = got.get(`m${i}`);
          const label = `${outcome} / ${detail}`;
          expect([row?.outcome, row?.outcome_reason, row?.outcome_to, row?.outcome_result], label).toEqual(expected);
          expect(row?.outcome_detail, label).toBe(detail);
        });
        const [, pending] = (await db.migrate.list({ migrationSource })) as [unknown[], unknown[]];
        expect(pending).toEqual([]);
      } finally {
        await close(db);
      }
    });
  });
}
