/**
 * The CLI's side of the control API: finds the running app through `<state.dir>/control.json` and
 * sends it supervisors' commands. "Not running" (no file, a dead process, a refused connection)
 * is its own error, so `hotline operators list` can fall back to the last recorded states.
 */
import type { OperatorStatus, Outcome, PauseReason } from "../acd/types.ts";
import { controlFilePath, readControlFile } from "./control-file.ts";

export class HotlineNotRunning extends Error {
  override readonly name = "HotlineNotRunning";
  constructor() {
    super("the hotline is not running (start it with `hotline start`)");
  }
}

/** The API answered with an error: its status code and message. */
export class ControlApiError extends Error {
  override readonly name = "ControlApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type OperatorAction = "login" | "logout" | "pause" | "resume";

/** What a supervisor may pause an operator for; missed-calls is the ACD's own. */
export const SUPERVISOR_PAUSE_REASONS = ["lunch", "break", "training", "other"] as const;

export interface CommandResult {
  readonly outcome: Outcome;
  readonly status?: OperatorStatus;
}

export class ControlClient {
  private constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly file: string,
  ) {}

  /** The running app's API; throws HotlineNotRunning when there is none. */
  static async connect(stateDir: string): Promise<ControlClient> {
    const info = await readControlFile(stateDir);
    if (!info || !alive(info.pid)) throw new HotlineNotRunning();
    return new ControlClient(info.url, info.token, controlFilePath(stateDir));
  }

  async statuses(): Promise<OperatorStatus[]> {
    const body = (await this.request("GET", "/operators")) as Record<string, unknown>[];
    return body.map(toStatus);
  }

  async command(operator: string, action: OperatorAction, reason?: PauseReason): Promise<CommandResult> {
    const path = `/operators/${encodeURIComponent(operator)}/${action}`;
    const body = (await this.request("POST", path, action === "pause" ? { reason } : undefined)) as {
      outcome: Outcome;
      status?: Record<string, unknown>;
    };
    return { outcome: body.outcome, ...(body.status ? { status: toStatus(body.status) } : {}) };
  }

  /** Any endpoint of the API (a service's own); the parsed JSON answer. */
  async request(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code === "ECONNREFUSED" || code === "ECONNRESET") throw new HotlineNotRunning();
      throw new Error(`the hotline's control API at ${this.url} did not answer (${(err as Error).message})`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed;
    const message = (parsed as { error?: string } | undefined)?.error ?? `${response.status} ${response.statusText}`;
    if (response.status === 401) throw new ControlApiError(401, `the hotline refused the token in ${this.file}`);
    throw new ControlApiError(response.status, message);
  }
}

/** Whether the process still exists (EPERM: it does, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** JSON back to the ACD's shape: dates from their ISO strings. */
function toStatus(json: Record<string, unknown>): OperatorStatus {
  return {
    ...(json as unknown as OperatorStatus),
    since: new Date(json.since as string),
    idleSince: new Date(json.idleSince as string),
  };
}
