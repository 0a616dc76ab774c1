import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWeek } from "../../../src/analysis/seed/generate.ts";
import { seedWeek } from "../../../src/analysis/seed/index.ts";
import { seedPlan } from "../../../src/analysis/seed/plan.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { type HotlineConfig, loadConfig } from "../../../src/config/index.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import { queueLogLines } from "../../../src/records/export/queue-log.ts";
import { readRange } from "../../../src/records/read.ts";

let config: HotlineConfig;
let dir: string;
let db: Knex;

beforeAll(async () => {
  const loaded = await loadConfig(join(import.meta.dirname, "../../../config/hotline.example.yaml"));
  if (!loaded.ok) throw new Error("example configuration does not load");
  config = loaded.config;
  dir = await mkdtemp(join(tmpdir(), "hotline-seed-"));
  db = await openDatabase({ client: "sqlite", filename: join(dir, "records.sqlite") });
});

afterAll(async () => {
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe("the seeded week", () => {
  it("rings operators who do not answer, and every answered call ends with someone hanging up", () => {
    const week = generateWeek(seedPlan(config), isoWeek("2026-W47", config.organization.timezone));
    const results = new Set(week.attempts.map((a) => a.result));
    expect([...results].sort()).toEqual(["answered", "caller-gone", "no-answer"]);
    const answered = week.calls.filter((c) => c.outcome?.kind === "answered");
    const completes = week.queueEvents.filter((e) => e.event === "complete");
    expect(completes).toHaveLength(answered.length);
    expect(new Set(completes.map((e) => e.detail))).toEqual(new Set(["caller", "operator"]));
    // A missed ring happens within the caller's wait, before the answering leg.
    for (const a of week.attempts) {
      const call = week.calls.find((c) => c.id === a.callId);
      expect(a.startedAt).toBeGreaterThanOrEqual(call?.queueEnteredAt ?? Number.NaN);
      if (a.result !== "answered") expect(a.endedAt).toBeLessThanOrEqual(call?.queueLeftAt ?? Number.NaN);
    }
  });

  it("exports as a queue_log with RINGNOANSWER, COMPLETEAGENT and COMPLETECALLER lines", async () => {
    const week = isoWeek("2026-W47", config.organization.timezone);
    await seedWeek(db, config, week);
    const range = { from: new Date(week.start), to: new Date(week.end) };
    const events = new Set(queueLogLines(await readRange(db, range), range).map((l) => l.event));
    for (const e of ["RINGNOANSWER", "RINGCANCELED", "COMPLETEAGENT", "COMPLETECALLER", "CONNECT", "ADDMEMBER"])
      expect(events).toContain(e);
  });
});
