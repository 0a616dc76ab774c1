import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { HotlineConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import type { AuditEntry } from "../records/audit-records.ts";
import { assetRoutes } from "./assets.ts";
import { authRoutes } from "./auth-routes.ts";
import { deskRoutes } from "./desk-routes.ts";
import { hoursRoutes } from "./hours-routes.ts";
import { liveRoutes } from "./live.ts";
import { pageRoutes } from "./pages.ts";
import { roomRoutes } from "./room-routes.ts";
import { SessionTokens } from "./session.ts";
import type { ConsoleActions, ConsoleUser, RoomViews } from "./types.ts";

export const SESSION_COOKIE = "hotline_session";

export interface ConsoleDeps {
  config: () => HotlineConfig;
  views: RoomViews;
  actions: ConsoleActions;
  audit: (entry: AuditEntry) => void;
  /** Signs session cookies (web.secret, or the one kept in state.dir). */
  secret: string;
  logger: Logger;
}

/** What each route module gets: the app's pieces and the request helpers. */
export interface ConsoleContext extends ConsoleDeps {
  tokens: SessionTokens;
  /** The signed-in user of a request, checked against the configuration in force. */
  userOf(request: FastifyRequest): ConsoleUser | undefined;
  /** Audit an action of the request's user. */
  record(request: FastifyRequest, action: string, result: AuditEntry["result"], target?: string, detail?: object): void;
  /** The user, or a refusal sent (401 not signed in, 403 wrong role): `undefined` means stop. */
  require(request: FastifyRequest, reply: FastifyReply, role?: ConsoleUser["role"]): ConsoleUser | undefined;
}

/**
 * The room's screens in the browser: Fastify inside the app on `web.listen`. Pages are rendered on
 * the server and kept live over one WebSocket each; every write needs a signed-in user of the right
 * role and a CSRF token, and goes to the audit log. No business logic here: views and actions come
 * from src/room.
 */
export class WebConsole {
  private app: FastifyInstance | undefined;
  private url = "";

  constructor(private readonly deps: ConsoleDeps) {}

  /** The console's address once listening, e.g. http://127.0.0.1:8090/. */
  get address(): string {
    return this.url;
  }

  async start(): Promise<void> {
    const config = this.deps.config();
    const web = config.web;
    if (!web) throw new Error("the configuration has no web: section");
    const https = web.tls
      ? {
          cert: await readFile(resolveFrom(config.dir, web.tls.cert)),
          key: await readFile(resolveFrom(config.dir, web.tls.key)),
        }
      : null;
    const app = Fastify({
      logger: false,
      trustProxy: web.behindProxy,
      bodyLimit: 64 * 1024,
      ...(https ? { https } : {}),
    }) as unknown as FastifyInstance;
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const secure = Boolean(web.tls) || web.behindProxy;
    await app.register(fastifyCookie, { secret: this.deps.secret });
    await app.register(fastifyCsrf, {
      sessionPlugin: "@fastify/cookie",
      cookieOpts: { signed: true, httpOnly: true, sameSite: "strict", path: "/", secure },
    });
    await app.register(fastifyRateLimit, { global: false });
    await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });
    app.addHook("onSend", async (_request, reply, payload) => {
      reply.header("x-content-type-options", "nosniff");
      reply.header("x-frame-options", "DENY");
      reply.header("referrer-policy", "same-origin");
      // A page that sets its own policy (the self-contained report) keeps it.
      if (!reply.hasHeader("content-security-policy"))
        reply.header(
          "content-security-policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
        );
      return payload;
    });

    const tokens = new SessionTokens(this.deps.secret, web.sessionHours * 3_600_000);
    // A request's user is checked once (signature, expiry, the configuration) however often it is asked for.
    const users = new WeakMap<FastifyRequest, ConsoleUser | undefined>();
    const requestUser = (request: FastifyRequest): ConsoleUser | undefined => {
      if (!users.has(request)) users.set(request, userOf(this.deps.config(), tokens, request.cookies[SESSION_COOKIE]));
      return users.get(request);
    };
    const ctx: ConsoleContext = {
      ...this.deps,
      tokens,
      userOf: requestUser,
      record: (request, action, result, target, detail) => {
        const user = requestUser(request);
        this.deps.audit({
          at: new Date(),
          user: user?.name ?? null,
          role: user?.role ?? null,
          action,
          target,
          detail: detail as Record<string, unknown> | undefined,
          address: request.ip,
          result,
        });
      },
      require: (request, reply, role) => {
        const user = ctx.userOf(request);
        if (!user) {
          if (request.method === "GET" && !request.url.startsWith("/api/")) void reply.redirect("/login");
          else void reply.code(401).send({ error: "sign in first" });
          return undefined;
        }
        if (role && user.role !== role) {
          ctx.record(request, `${request.method} ${request.routeOptions.url ?? request.url}`, "refused", undefined, {
            why: "role",
          });
          void reply.code(403).type("text/plain; charset=utf-8").send("forbidden: not for your role");
          return undefined;
        }
        return user;
      },
    };
    assetRoutes(app);
    authRoutes(app, ctx, web.loginAttempts);
    pageRoutes(app, ctx);
    deskRoutes(app, ctx);
    roomRoutes(app, ctx);
    liveRoutes(app, ctx);
    hoursRoutes(app, ctx);
    const [host, port] = splitListen(web.listen);
    await app.listen({ host, port });
    const bound = app.server.address();
    const actualPort = typeof bound === "object" && bound ? bound.port : port;
    this.url = `${https ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${actualPort}/`;
    this.app = app;
    this.deps.logger.info({ url: this.url }, "console listening");
  }

  /** Cut every page's live connection (they reconnect and catch up): what a restart does to them. */
  dropConnections(): void {
    for (const client of this.app?.websocketServer?.clients ?? []) client.terminate();
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    if (!app) return;
    for (const client of app.websocketServer?.clients ?? []) client.terminate();
    await app.close();
  }
}

function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : join(dir, path);
}

function splitListen(listen: string): [string, number] {
  const i = listen.lastIndexOf(":");
  return [listen.slice(0, i).replace(/^\[|\]$/g, ""), Number(listen.slice(i + 1))];
}

/** The configuration's user behind a session cookie, if the token is valid and the user still exists. */
function userOf(config: HotlineConfig, tokens: SessionTokens, cookie: string | undefined): ConsoleUser | undefined {
  const claims = tokens.verify(cookie, (name) => config.users[name]?.password);
  if (!claims) return undefined;
  return consoleUser(config, claims.user);
}

function consoleUser(config: HotlineConfig, name: string): ConsoleUser | undefined {
  const u = config.users[name];
  if (!u) return undefined;
  return {
    name,
    role: u.role,
    ...(u.role === "operator" ? { operator: u.operator ?? name } : {}),
    ...(u.role === "supervisor" && u.supervisor ? { supervisor: u.supervisor } : {}),
    ...(u.language ? { language: u.language } : {}),
  };
}
