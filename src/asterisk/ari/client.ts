import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { type Logger, silentLogger } from "../../logger.ts";
import { type HttpAnswer, httpRequest } from "../http-request.ts";
import { waitForEvent } from "../wait-for.ts";
import { backoffDelay } from "./backoff.ts";
import { AriError, AriUnavailableError } from "./errors.ts";
import type { Application, AriEvent, AriOperationKey, AriOperations } from "./generated.ts";

export interface AriClientOptions {
  /** Asterisk's HTTP server, e.g. http://127.0.0.1:8088 */
  url: string;
  username: string;
  password: string;
  /** The Stasis application this client registers. */
  app: string;
  logger?: Logger;
  requestTimeoutMs?: number;
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /** A socket silent for this long (no pong) is considered dead and replaced. */
  pingIntervalMs?: number;
  /** Told of every REST request once it is answered or has failed (the request-latency metric). */
  onRequest?: (request: AriRequestTiming) => void;
}

export interface AriRequestTiming {
  method: string;
  /** The path with its ids as :id, e.g. /channels/:id/answer: few distinct values, fit for a label. */
  path: string;
  seconds: number;
  /** Asterisk's status code; undefined when it was not reached or did not answer in time. */
  status?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

/** Arguments of one ARI operation, as Asterisk's spec types them (required where the spec says so). */
export type AriCallArgs<K extends AriOperationKey> = (AriOperations[K]["params"] extends Record<string, never>
  ? { params?: undefined }
  : { params: AriOperations[K]["params"] }) &
  (Record<string, never> extends AriOperations[K]["query"]
    ? { query?: AriOperations[K]["query"] }
    : { query: AriOperations[K]["query"] }) &
  ([AriOperations[K]["body"]] extends [never] ? { body?: undefined } : { body?: AriOperations[K]["body"] }) & {
    timeoutMs?: number;
  };

interface ClientEvents {
  /** The WebSocket is up and `application` is Asterisk's view of our app right now (resync from it). */
  connected: [application: Application];
  disconnected: [reason: string];
  event: [event: AriEvent];
}

/**
 * A small ARI client on `ws` + node:http: credentials in a header (never the URL), every request with a
 * timeout, a WebSocket that reconnects forever with jittered backoff and resyncs after each connect.
 */
export class AriClient extends EventEmitter<ClientEvents> {
  private socket: WebSocket | undefined;
  private running = false;
  private connected = false;
  private stopSleep = new AbortController();
  private loopDone: Promise<void> | undefined;
  private readonly log: Logger;
  private readonly auth: string;
  private readonly base: string;

  constructor(private readonly options: AriClientOptions) {
    super();
    this.log = (options.logger ?? silentLogger).child({ component: "ari" });
    this.auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
    this.base = `${options.url.replace(/\/+$/, "")}/ari`;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Start the connect loop; returns at once. Listen for 'connected'. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopSleep = new AbortController();
    this.loopDone = this.connectLoop();
  }

  /** Resolves on the next (or current) connection. */
  waitConnected(timeoutMs = 10_000): Promise<void> {
    if (this.connected) return Promise.resolve();
    return waitForEvent(
      this,
      "connected",
      timeoutMs,
      () => new Error(`ARI not connected after ${timeoutMs} ms (${this.options.url})`),
    );
  }

  async close(): Promise<void> {
    this.running = false;
    this.stopSleep.abort();
    this.socket?.close();
    this.socket?.terminate();
    await this.loopDone;
  }

  /** A typed ARI operation: `call("POST /channels/{channelId}/answer", { params: { channelId } })`. */
  call<K extends AriOperationKey>(operation: K, args: AriCallArgs<K>): Promise<AriOperations[K]["response"]> {
    const space = operation.indexOf(" ");
    const method = operation.slice(0, space) as "GET" | "POST" | "PUT" | "DELETE";
    const params = (args.params ?? {}) as Record<string, string>;
    const path = operation.slice(space + 1).replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`ARI ${operation}: missing ${name}`);
      return encodeURIComponent(value);
    });
    const query: Query = {};
    for (const [key, value] of Object.entries((args.query ?? {}) as Record<string, unknown>)) {
      // allowMultiple parameters travel comma-joined, as Asterisk splits them.
      if (value !== undefined)
        query[key] = Array.isArray(value) ? value.join(",") : (value as string | number | boolean);
    }
    const template = operation.slice(space + 1).replace(/\{\w+\}/g, ":id");
    return this.request(method, path, { query, body: args.body, timeoutMs: args.timeoutMs, template });
  }

  async request<T = unknown>(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    /** template: the path with its ids as :id, for onRequest (default: the path itself). */
    options: { query?: Query; body?: unknown; timeoutMs?: number; template?: string } = {},
  ): Promise<T> {
    const url = new URL(this.base + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const started = performance.now();
    const timed = (status?: number) =>
      this.options.onRequest?.({
        method,
        path: options.template ?? path,
        seconds: (performance.now() - started) / 1000,
        ...(status !== undefined ? { status } : {}),
      });
    let answer: HttpAnswer;
    try {
      answer = await httpRequest(url, {
        method,
        headers: {
          authorization: this.auth,
          ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        timeoutMs: options.timeoutMs ?? this.options.requestTimeoutMs ?? 5000,
      });
    } catch (err) {
      timed();
      throw new AriUnavailableError(method, path, err);
    }
    const { status, text } = answer;
    timed(status);
    if (status < 200 || status > 299) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // plain-text error body
      }
      throw new AriError(method, path, status, detail.trim());
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async connectLoop(): Promise<void> {
    const minMs = this.options.reconnect?.minDelayMs ?? 250;
    const maxMs = this.options.reconnect?.maxDelayMs ?? 10_000;
    let attempt = 0;
    while (this.running) {
      try {
        const { closed } = await this.openSocket();
        attempt = 0;
        const application = await this.fetchApplication();
        this.connected = true;
        this.log.info({ url: this.options.url, app: this.options.app }, "ARI connected");
        this.emit("connected", application);
        const reason = await closed;
        this.connected = false;
        if (this.running) {
          this.log.warn({ reason }, "ARI connection lost; reconnecting");
          this.emit("disconnected", reason);
        }
      } catch (err) {
        this.connected = false;
        this.socket?.terminate();
        const level = attempt === 0 ? "warn" : "debug";
        this.log[level]({ err: (err as Error).message, attempt }, "ARI connect failed; retrying");
      }
      if (!this.running) break;
      const delay = backoffDelay(attempt++, minMs, maxMs);
      await sleep(delay, undefined, { signal: this.stopSleep.signal }).catch(() => undefined);
    }
  }

  /**
   * Asterisk registers the application a moment after the WebSocket opens: a 404 right after
   * connecting means "not yet", so ask again briefly before calling the connection failed.
   */
  private async fetchApplication(): Promise<Application> {
    const path = `/applications/${encodeURIComponent(this.options.app)}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request<Application>("GET", path, { template: "/applications/:id" });
      } catch (err) {
        if (!(err instanceof AriError && err.status === 404) || attempt >= 40) throw err;
        await sleep(25);
      }
    }
  }

  /**
   * Resolves once the socket is open, with a promise of the reason it later closes (wrapped: resolving
   * with a bare promise would adopt it and wait for the close).
   */
  private openSocket(): Promise<{ closed: Promise<string> }> {
    const wsUrl = new URL(`${this.base.replace(/^http/, "ws")}/events`);
    wsUrl.searchParams.set("app", this.options.app);
    wsUrl.searchParams.set("subscribeAll", "false");
    const socket = new WebSocket(wsUrl, { headers: { authorization: this.auth }, handshakeTimeout: 5000 });
    this.socket = socket;
    return new Promise((resolveOpen, rejectOpen) => {
      let open = false;
      let resolveClosed: (reason: string) => void = () => {};
      const closed = new Promise<string>((r) => {
        resolveClosed = r;
      });
      let alive = true;
      const pingEvery = this.options.pingIntervalMs ?? 15_000;
      const pinger = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, pingEvery);
      socket.on("pong", () => {
        alive = true;
      });
      socket.on("open", () => {
        open = true;
        resolveOpen({ closed });
      });
      socket.on("message", (data) => {
        let event: AriEvent;
        try {
          event = JSON.parse(data.toString()) as AriEvent;
        } catch (err) {
          this.log.warn({ err: (err as Error).message }, "ARI sent a message that is not JSON");
          return;
        }
        try {
          this.emit("event", event);
        } catch (err) {
          // A bug in one handler must not take down the socket and with it every other call.
          this.log.error({ err, type: event.type }, "ARI event handler failed");
        }
      });
      socket.on("unexpected-response", (_req, res) => {
        rejectOpen(new Error(`ARI WebSocket refused: HTTP ${res.statusCode}`));
        socket.terminate();
      });
      socket.on("error", (err) => {
        if (!open) rejectOpen(err);
      });
      socket.on("close", (code, reason) => {
        clearInterval(pinger);
        if (!open) rejectOpen(new Error(`ARI WebSocket closed before opening (${code})`));
        resolveClosed(`closed (${code}${reason.length ? ` ${reason.toString()}` : ""})`);
      });
    });
  }
}
