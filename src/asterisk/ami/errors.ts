/** Asterisk answered the action with `Response: Error`; `message` is Asterisk's own Message header. */
export class AmiError extends Error {
  constructor(
    readonly action: string,
    readonly amiMessage: string,
  ) {
    super(`AMI ${action}: ${amiMessage || "error (no message)"}`);
    this.name = "AmiError";
  }
}

/** The action got no (complete) answer in time. */
export class AmiTimeoutError extends Error {
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`AMI ${action}: no answer within ${timeoutMs} ms`);
    this.name = "AmiTimeoutError";
  }
}

/** There is no logged-in AMI connection right now (never connected, reconnecting, or closed), or it died mid-action. */
export class AmiNotConnectedError extends Error {
  constructor(
    readonly action: string,
    reason: string,
  ) {
    super(`AMI ${action}: ${reason}`);
    this.name = "AmiNotConnectedError";
  }
}

/** Asterisk refused the username/secret. */
export class AmiAuthError extends Error {
  constructor(
    readonly address: string,
    readonly username: string,
    amiMessage: string,
  ) {
    super(`AMI login to ${address} as "${username}" refused: ${amiMessage || "Authentication failed"}`);
    this.name = "AmiAuthError";
  }
}

/** The TCP connection (or the login exchange) could not be completed. */
export class AmiConnectError extends Error {
  constructor(
    readonly address: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`AMI connection to ${address} failed: ${reason}`, options);
    this.name = "AmiConnectError";
  }
}
