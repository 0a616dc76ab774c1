import { describe, expect, it } from "vitest";
import { snapshotFrom } from "../../../src/calls/queue/restore.ts";
import type { OperatorStateRow } from "../../../src/records/rows.ts";

describe("the operators' saved states after a restart", () => {
  const row = (operator: string, snapshot: string | null) => ({ operator, snapshot }) as OperatorStateRow;

  it("come back as the engine's snapshot; a row without a snapshot is left out", () => {
    const saved = { state: "available", since: "2027-03-03T09:00:00.000Z" };
    const snapshot = snapshotFrom([row("ana", JSON.stringify(saved)), row("ben", null)], () => {});
    expect(snapshot.operators).toEqual({ ana: saved });
    expect(snapshot.lastRung).toEqual({});
  });

  it("an unreadable row is said and left out: that operator starts logged out", () => {
    const unreadable: string[] = [];
    const snapshot = snapshotFrom([row("ana", "{not json")], (op) => unreadable.push(op));
    expect(snapshot.operators).toEqual({});
    expect(unreadable).toEqual(["ana"]);
  });
});
