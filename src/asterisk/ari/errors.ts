/** An ARI REST call that Asterisk answered with an error status. */
export class AriError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`ARI ${method} ${path}: ${status}${detail ? ` ${detail}` : ""}`);
    this.name = "AriError";
  }
}

/** Asterisk did not answer in time, or could not be reached at all. */
export class AriUnavailableError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`ARI ${method} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "AriUnavailableError";
  }
}

/**
 * 404 (channel/playback gone) and 409 (channel not in Stasis any more) are what a caller hanging up
 * looks like from the REST side: normal events, not failures.
 */
export function isGone(err: unknown): boolean {
  return err instanceof AriError && (err.status === 404 || err.status === 409 || err.status === 422);
}

/** removeChannel of a caller who hung up: 400 "Channel not found" (the bridge itself exists), or 404/422. */
export function notInBridge(err: unknown): boolean {
  return isGone(err) || (err instanceof AriError && err.status === 400 && /not found/i.test(err.detail));
}
