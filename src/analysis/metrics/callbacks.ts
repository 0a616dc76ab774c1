import type { CallRecord } from "../types.ts";
import { mean } from "./math.ts";

/** One callback request as the report reads it (instants in epoch ms). */
export interface CallbackRequestRecord {
  id: string;
  hotline: string | null;
  requestedAt: number;
  /** The caller's place in line: their queue arrival (or the request). */
  placeAt: number;
  status: string;
  attempts: number;
  reachedAt: number | null;
  givenUpAt: number | null;
}

export interface CallbackWeek {
  /** Requests made this week. */
  requested: number;
  /** Of those, dialled at least once. */
  made: number;
  reached: number;
  /** Given up after every attempt. */
  failed: number;
  /** Still to be made (or retried) at the end of the data. */
  pending: number;
  /** Request → reached, seconds: mean and median of the reached ones. */
  timeToCallback: { mean: number | null; median: number | null };
  /** Place in line (queue arrival) → reached: how long the caller waited in all, seconds. */
  timeToServed: { mean: number | null; median: number | null };
  /** The week's mean wait of callers answered live, seconds. */
  answeredWait: number | null;
  /** Whether callbacks served their callers no later than live callers were answered, on average; null when either is unknown. */
  beatWaiting: boolean | null;
}

/** The virtual queue's week: callbacks requested, made, reached and failed, and how fast compared with waiting. */
export function callbackWeek(requests: readonly CallbackRequestRecord[], calls: readonly CallRecord[]): CallbackWeek {
  const reached = requests.filter((r) => r.reachedAt !== null);
  const toCallback = reached.map((r) => ((r.reachedAt as number) - r.requestedAt) / 1000);
  const toServed = reached.map((r) => ((r.reachedAt as number) - r.placeAt) / 1000);
  const waits = calls
    .filter((c) => c.outcome?.kind === "answered" && c.waitSeconds !== null)
    .map((c) => c.waitSeconds as number);
  const answeredWait = mean(waits);
  const served = mean(toServed);
  return {
    requested: requests.length,
    made: requests.filter((r) => r.attempts > 0).length,
    reached: reached.length,
    failed: requests.filter((r) => r.status === "given-up").length,
    pending: requests.filter((r) => r.status === "pending" || r.status === "failed" || r.status === "dialing").length,
    timeToCallback: summary(toCallback),
    timeToServed: summary(toServed),
    answeredWait,
    beatWaiting: served === null || answeredWait === null ? null : served <= answeredWait,
  };
}

function summary(values: number[]): { mean: number | null; median: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? (sorted[mid] as number)
        : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { mean: mean(values), median };
}
