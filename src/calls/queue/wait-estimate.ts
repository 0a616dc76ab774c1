/** Until a hotline has handled a call, a conversation is assumed to take this long. */
export const DEFAULT_HANDLED_SECONDS = 180;

/**
 * The estimated wait announced to a caller, in whole minutes: their position times the average
 * handled time so far, rounded up, and never "0 minutes" (nobody believes that while on hold).
 */
export function estimateWaitMinutes(position: number, averageHandledSeconds = DEFAULT_HANDLED_SECONDS): number {
  const seconds = Math.max(1, position) * Math.max(0, averageHandledSeconds);
  return Math.max(1, Math.ceil(seconds / 60));
}

/** A running average of how long conversations took (answer → hang-up), per hotline. */
export class HandledTimes {
  private readonly totals = new Map<string, { seconds: number; calls: number }>();

  add(hotline: string, seconds: number): void {
    const t = this.totals.get(hotline) ?? { seconds: 0, calls: 0 };
    t.seconds += seconds;
    t.calls += 1;
    this.totals.set(hotline, t);
  }

  /** Average handled seconds, or the default before the first call ends. */
  average(hotline: string): number {
    const t = this.totals.get(hotline);
    return t && t.calls > 0 ? t.seconds / t.calls : DEFAULT_HANDLED_SECONDS;
  }
}
