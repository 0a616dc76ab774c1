/**
 * The app's control API for supervisors (`hotline operators`): list operators' states, log them
 * in and out, pause and resume them. HTTP on 127.0.0.1 only, every request with the bearer token
 * the app writes to `<state.dir>/control.json` (mode 0600), so only the app's own user gets in.
 *
 *   GET  /operators                      → OperatorStatus[] (dates as ISO strings)
 *   POST /operators/:key/login|logout|resume → { outcome, status }
 *   POST /operators/:key/pause {"reason":"lunch"} → { outcome, status }
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AcdError, type Outcome, type PauseReason } from "../acd/types.ts";
import { type Logger, silentLogger } from "../logger.ts";
import type { OperatorCommands } from "./commands.ts";
import { SUPERVISOR_PAUSE_REASONS } from "./control-client.ts";
import { type ControlInfo, removeControlFile, writeControlFile } from "./control-file.ts";

const ACTIONS = ["login", "logout", "pause", "resume"] as const;
type Action = (typeof ACTIONS)[number];

const MAX_BODY_BYTES = 16 * 1024;

/**
 * One endpoint of a service (transfers, callbacks, monitoring…): matched by method and path; the
 * handler gets the path's groups and the JSON body, returns what is sent back (200) or throws HttpError.
 */
export interface ControlRoute {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: RegExp;
  handle(params: readonly string[], body: unknown): unknown | Promise<unknown>;
}

export interface ControlApiOptions {
  readonly commands: OperatorCommands;
  /** The services' endpoints, tried before the operators' own. */
  readonly routes?: readonly ControlRoute[];
  /** control.json goes here (the configuration's state.dir). */
  readonly stateDir: string;
  readonly logger?: Logger;
  /** Default 0: a free port chosen by the system. */
  readonly port?: number;
}

/** A request the API refuses, with its status code and a message for the supervisor. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ControlApi {
  private readonly commands: OperatorCommands;
  private readonly stateDir: string;
  private readonly log: Logger;
  private readonly port: number;
  private readonly routes: readonly ControlRoute[];
  private readonly token = randomBytes(32).toString("base64url");
  private server: Server | undefined;
  private info: ControlInfo | undefined;

  constructor(options: ControlApiOptions) {
    this.commands = options.commands;
    this.stateDir = options.stateDir;
    this.log = (options.logger ?? silentLogger).child({ component: "control" });
    this.port = options.port ?? 0;
    this.routes = options.routes ?? [];
  }

  /** Listens, then writes control.json; returns what it wrote. */
  async start(): Promise<ControlInfo> {
    if (this.info) return this.info;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err) => this.send(res, 500, { error: (err as Error).message }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const info = { url: `http://127.0.0.1:${port}`, token: this.token, pid: process.pid };
    await writeControlFile(this.stateDir, info);
    this.info = info;
    this.log.info({ url: info.url }, "control API listening");
    return info;
  }

  /** Removes control.json (if it is still ours) and closes the server. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.info = undefined;
    await removeControlFile(this.stateDir, this.token).catch(() => false);
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (!this.authorized(req.headers.authorization)) {
        res.setHeader("www-authenticate", "Bearer");
        throw new HttpError(401, "missing or wrong token (see control.json in the state folder)");
      }
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname.replace(/\/+$/, "");
      for (const route of this.routes) {
        const found = route.path.exec(path);
        if (!found) continue;
        if (req.method !== route.method) throw new HttpError(405, `use ${route.method} ${path}`);
        const params = found.slice(1).map((p) => decodeURIComponent(p ?? ""));
        const body = route.method === "GET" ? undefined : await readJson(req);
        return this.send(res, 200, await route.handle(params, body));
      }
      if (path === "/operators") {
        if (req.method !== "GET") throw new HttpError(405, "use GET /operators");
        return this.send(res, 200, this.commands.statuses());
      }
      const match = /^\/operators\/([^/]+)\/([^/]+)$/.exec(path);
      const action = match?.[2] as Action | undefined;
      if (!match || !action || !ACTIONS.includes(action)) throw new HttpError(404, `no such endpoint: ${path}`);
      if (req.method !== "POST") throw new HttpError(405, `use POST ${path}`);
      const operator = decodeURIComponent(match[1] ?? "");
      const reason = action === "pause" ? pauseReason(await readJson(req)) : undefined;
      return this.send(res, 200, this.command(operator, action, reason));
    } catch (err) {
      if (err instanceof HttpError) return this.send(res, err.status, { error: err.message });
      throw err;
    }
  }

  private command(operator: string, action: Action, reason: PauseReason | undefined) {
    const known = this.commands.statuses().map((s) => s.operator);
    if (!known.includes(operator))
      throw new HttpError(404, `unknown operator "${operator}" — known: ${known.join(", ") || "none"}`);
    let outcome: Outcome;
    try {
      if (action === "pause") outcome = this.commands.pause(operator, reason ?? "other", "cli");
      else outcome = this.commands[action](operator, "cli");
    } catch (err) {
      // The configuration changed between the check above and the command.
      if (err instanceof AcdError) throw new HttpError(404, err.message);
      throw err;
    }
    this.log.info({ operator, action, ...(reason ? { reason } : {}), outcome }, `control: ${action}`);
    return { outcome, status: this.commands.statuses().find((s) => s.operator === operator) };
  }

  private authorized(header: string | undefined): boolean {
    const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.headersSent) return;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(`${JSON.stringify(body)}\n`);
  }
}

function pauseReason(body: unknown): PauseReason {
  const reasons = SUPERVISOR_PAUSE_REASONS.join(", ");
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (reason === undefined) throw new HttpError(400, `give a pause reason, e.g. {"reason":"lunch"} (${reasons})`);
  if (typeof reason !== "string" || !(SUPERVISOR_PAUSE_REASONS as readonly string[]).includes(reason))
    throw new HttpError(400, `unknown pause reason ${JSON.stringify(reason)}: use ${reasons}`);
  return reason as PauseReason;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not JSON; send e.g. {"reason":"lunch"}');
  }
}
