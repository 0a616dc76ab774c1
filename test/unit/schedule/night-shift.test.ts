import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeWeek } from "../../../src/analysis/analyze.ts";
import { loadWeek } from "../../../src/analysis/load.ts";
import { settingsFromConfig } from "../../../src/analysis/settings.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { formatIssue, type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";
import { OperatorActivity } from "../../../src/operators/activity.ts";
import { RosterScheduler } from "../../../src/operators/roster-scheduler.ts";
import { CallRecords } from "../../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import { EngineCommands } from "../../support/engine-commands.ts";

/**
 * One night shift, three readers: `22:00-06:00+1` with a `02:00-02:15` break. `hotline check`, the
 * roster scheduler and the weekly report's adherence must agree that the break is part of the shift.
 */
const FIXTURE = join(import.meta.dirname, "../../fixtures/config/night-shift.yaml");
const WEEK = isoWeek("2027-W09", "Europe/Madrid"); // Monday 2027-03-01 … Sunday 2027-03-07, CET
const madrid = (local: string) => new Date(`${local}:00+01:00`);

function load(): HotlineConfig {
  const result = loadConfigSync(FIXTURE, { env: {} });
  if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join("\n"));
  return result.config;
}

describe("a night shift with a break after midnight", () => {
  let dir: string;
  let db: Knex;
  /** What the roster scheduler logged, and the state after each of its wake-ups. */
  const log: { msg: string; [key: string]: unknown }[] = [];
  const states: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-night-"));
    db = await openDatabase({ client: "sqlite", filename: join(dir, "records.sqlite") });
    const config = load();
    const acd = new EngineCommands(config, new Date(WEEK.start));
    const records = new CallRecords(db);
    const activity = new OperatorActivity(records.operators);
    let wake: { at: Date; task: () => void } | undefined;
    const scheduler = new RosterScheduler({
      commands: acd,
      config,
      logger: pino({ level: "info" }, { write: (line: string) => log.push(JSON.parse(line)) }),
      now: () => acd.now,
      timer: (at, task) => {
        wake = { at, task };
        return { cancel: () => {} };
      },
    });
    // The week as it happens: every wake-up of the scheduler, with what it did recorded as the app does.
    scheduler.start();
    while (wake && wake.at.getTime() < WEEK.end) {
      const { at, task } = wake;
      acd.now = at;
      task();
      activity.record(acd.engine.takeChanges(), acd.engine.snapshot().operators, "roster", () => "op-nora");
      states[at.toISOString()] = acd.status("nora").state;
    }
    scheduler.stop();
    await records.close();
  });

  afterAll(async () => {
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("hotline check: no warning that the break never applies", () => {
    const result = loadConfigSync(FIXTURE, { env: {} });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => formatIssue(w))).toEqual([]);
  });

  it("the roster scheduler pauses Nora for her break at 02:00 and resumes her at 02:15", () => {
    expect(states[madrid("2027-03-01T22:00").toISOString()]).toBe("available");
    expect(states[madrid("2027-03-02T02:00").toISOString()]).toBe("paused");
    expect(states[madrid("2027-03-02T02:15").toISOString()]).toBe("available");
    expect(states[madrid("2027-03-02T06:00").toISOString()]).toBe("logged-out");
    const pauses = log.filter((l) => l.msg === "roster: paused");
    expect(pauses).toHaveLength(5); // Monday to Friday nights, Friday's break early on Saturday
    expect(pauses[0]).toMatchObject({ operator: "nora", planned: "break", reason: "break", outcome: "done" });
    expect(pauses.at(-1)?.until).toBe(madrid("2027-03-06T02:15").toISOString());
  });

  it("adherence: the break is planned time off, so the pause is no shortfall", async () => {
    const config = load();
    const analysis = analyzeWeek(await loadWeek(db, WEEK), settingsFromConfig(config));
    expect(analysis.pauses).toEqual([{ reason: "break", pauses: 5, planned: 5, unplanned: 0, seconds: 5 * 15 * 60 }]);
    // Five nights of 8 h, each less its 15-minute break.
    const nora = analysis.operators.find((o) => o.operator === "nora");
    expect(nora).toMatchObject({
      plannedSeconds: 5 * (8 * 3600 - 15 * 60),
      adheringSeconds: 5 * (8 * 3600 - 15 * 60),
      adherence: 1,
    });
  });
});
