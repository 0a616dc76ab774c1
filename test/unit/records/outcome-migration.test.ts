import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKnex, type Knex } from "../../../src/records/db.ts";
import { outcomeFromProse } from "../../../src/records/migrations/007_outcome_columns.ts";
import { describeOutcome } from "../../../src/records/outcome.ts";
import { LIVE, outcomeMigrationSuite } from "./outcome-migration-suite.ts";

const dirs = new Map<Knex, string>();

outcomeMigrationSuite(
  async () => {
    const dir = await mkdtemp(join(tmpdir(), "hotline-migration-"));
    const db = createKnex({ client: "sqlite", filename: join(dir, "records.sqlite") });
    dirs.set(db, dir);
    return db;
  },
  async (db) => {
    await db.destroy();
    await rm(dirs.get(db) as string, { recursive: true, force: true });
  },
);

describe("the journey's sentences read back as typed outcomes", () => {
  it("gives every live sentence back word for word from its typed outcome", () => {
    for (const [outcome, detail] of LIVE) {
      const typed = outcomeFromProse(outcome, detail, { hotline: "exams" });
      expect(typed?.kind, `${outcome} / ${detail}`).toBe(outcome);
      expect(describeOutcome(typed ?? { kind: "error" }) ?? null, `${outcome} / ${detail}`).toBe(
        outcome === "lost" ? "channel lost" : detail,
      );
    }
  });

  it("keeps what the columns cannot hold: the cause of an unanswered transfer", () => {
    expect(outcomeFromProse("no-answer", "overflow to +34915550000 not answered, cause 19 (timeout)")).toEqual({
      kind: "no-answer",
      reason: "timeout",
      why: "not-answered",
      to: "+34915550000",
      cause: 19,
    });
  });
});
