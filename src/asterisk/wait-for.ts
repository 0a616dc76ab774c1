import { type EventEmitter, once } from "node:events";

/** Resolves on the emitter's next `event`; after timeoutMs rejects with the caller's own error. */
export async function waitForEvent(
  emitter: EventEmitter,
  event: string,
  timeoutMs: number,
  timeoutError: () => Error,
): Promise<void> {
  try {
    await once(emitter, event, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw timeoutError();
    throw err;
  }
}
