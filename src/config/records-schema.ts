import { z } from "zod";

/** How the records behave when their journal's disk refuses writes (docs/records.md). */
export const recordsSchema = z
  .strictObject({
    onJournalFull: z
      .enum(["refuse-new-calls", "keep-in-memory"])
      .default("refuse-new-calls")
      .describe(
        "While the records journal cannot be written (disk full), writes are held in memory only and a crash would lose them: refuse-new-calls turns new calls away busy until it can; keep-in-memory takes them regardless.",
      ),
    maxPending: z
      .number()
      .int()
      .min(1000)
      .max(10_000_000)
      .default(100_000)
      .describe("Most record writes waiting in memory; beyond it new calls are refused busy whatever the policy."),
  })
  .describe("Keeping call records safe (docs/records.md).");
