import { expect } from "vitest";
import type { SippResult } from "../../src/demo/sipp.ts";
import type { HotlineApp } from "../../src/main.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually } from "./app.ts";

/** The SIPp run played its one call to the end; its last output shows why not. */
export function expectSippOk(result: SippResult): void {
  expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
  expect(result.successful).toBe(1);
}

/** The record of a caller's call once it has ended (the app's writes flushed first when asked). */
export function endedRecord(
  app: Pick<HotlineApp, "db" | "records">,
  caller: string,
  options: { flush?: boolean; timeoutMs?: number } = {},
): Promise<CallRow> {
  return eventually(async () => {
    if (options.flush) await app.records.flush();
    const row = await app.db<CallRow>("calls").where({ caller_number: caller }).first();
    return row?.ended_at ? row : undefined;
  }, options.timeoutMs ?? 30_000);
}
