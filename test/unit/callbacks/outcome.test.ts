import { describe, expect, it } from "vitest";
import {
  type CallOutcome,
  describeOutcome,
  outcomeColumns,
  outcomeFromColumns,
  overflowDestination,
} from "../../../src/records/outcome.ts";

describe("the outcome of a caller who left the queue for a callback", () => {
  const kept: CallOutcome = { kind: "callback", context: "queue" };

  it("is stored and read back as callback{queue}", () => {
    const columns = outcomeColumns(kept);
    expect(columns).toEqual({
      outcome: "callback",
      outcome_reason: "queue",
      outcome_to: "callback",
      outcome_result: null,
    });
    expect(outcomeFromColumns(columns)).toEqual(kept);
  });

  it("is no overflow, and says so in words", () => {
    expect(overflowDestination(kept)).toBeNull();
    expect(describeOutcome(kept)).toBe("left the queue for a callback request, keeping the place: callback requested");
  });
});
