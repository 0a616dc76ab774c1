import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import { languageOf } from "./auth-routes.ts";
import type { ConsoleContext } from "./console.ts";
import type { ConsoleUser } from "./types.ts";

/** After a change, views are pushed this soon (changes in a burst go out as one)… */
const PUSH_DELAY_MS = 80;
/** …and at most this often: a busy room (the wallboard's view costs ~40 ms at 5,000 calls a day) stays cheap. */
const PUSH_INTERVAL_MS = 250;
const PING_MS = 15_000;

interface Client {
  socket: WebSocket;
  user: ConsoleUser;
  lang: string;
  last: string;
  alive: boolean;
}

/**
 * GET /live: the page's WebSocket. It gets its view at once (so a page that reconnects catches up),
 * then again whenever the room changes — from the app's own events, never by polling. An operator's
 * socket carries only their desk; a supervisor's the wallboard.
 */
export function liveRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const clients = new Set<Client>();
  let timer: NodeJS.Timeout | undefined;

  const viewOf = (client: Client, cache: Map<string, Promise<unknown>>): Promise<unknown> => {
    const key =
      client.user.role === "supervisor" ? `wall:${client.lang}` : `desk:${client.user.operator}:${client.lang}`;
    let view = cache.get(key);
    if (!view) {
      view =
        client.user.role === "supervisor"
          ? ctx.views.wallboard(client.lang)
          : ctx.views.desk(client.user.operator ?? client.user.name, client.lang);
      cache.set(key, view);
    }
    return view;
  };

  const send = async (client: Client, cache: Map<string, Promise<unknown>>) => {
    try {
      const text = JSON.stringify({
        type: client.user.role === "supervisor" ? "wallboard" : "desk",
        view: await viewOf(client, cache),
      });
      if (text !== client.last && client.socket.readyState === client.socket.OPEN) {
        client.last = text;
        client.socket.send(text);
      }
    } catch (err) {
      ctx.logger.warn({ err: (err as Error).message }, "console: could not build a view");
    }
  };

  let lastPush = 0;
  const push = () => {
    timer = undefined;
    lastPush = Date.now();
    const cache = new Map<string, Promise<unknown>>();
    for (const client of clients) void send(client, cache);
  };
  const off = ctx.views.onChange(() => {
    timer ??= setTimeout(push, Math.max(PUSH_DELAY_MS, PUSH_INTERVAL_MS - (Date.now() - lastPush)));
  });
  const ping = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, PING_MS);
  ping.unref();
  app.addHook("onClose", async () => {
    off();
    clearInterval(ping);
    if (timer) clearTimeout(timer);
  });

  app.get("/live", { websocket: true }, (socket, request) => {
    const user = ctx.userOf(request);
    // A page of another site may open a WebSocket with our cookie: only our own pages are served.
    const origin = request.headers.origin;
    const host = request.headers.host;
    const sameOrigin = origin !== undefined && host !== undefined && new URL(origin).host === host;
    if (!user || !sameOrigin) {
      socket.close(4401, user ? "cross-origin" : "sign in first");
      return;
    }
    const client: Client = { socket, user, lang: languageOf(request, user.language), last: "", alive: true };
    clients.add(client);
    socket.on("pong", () => {
      client.alive = true;
    });
    socket.on("close", () => clients.delete(client));
    socket.on("message", (data) => {
      // A page asks for its view again after it reconnected or woke up.
      if (String(data) === "refresh") {
        client.last = "";
        void send(client, new Map());
      }
    });
    void send(client, new Map());
  });
}
