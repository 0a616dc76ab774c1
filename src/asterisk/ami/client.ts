import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import Manager, { type ManagerInstance, type ManagerMessage } from "asterisk-manager";
import { type Logger, silentLogger } from "../../logger.ts";
import { backoffDelay } from "../ari/backoff.ts";
import { waitForEvent } from "../wait-for.ts";
import { AmiAuthError, AmiConnectError, AmiError, AmiNotConnectedError, AmiTimeoutError } from "./errors.ts";
import {
  type AmiMessage,
  type CoreStatus,
  type EndpointStatus,
  header,
  parseCoreStatus,
  parseEndpointDetail,
  parseEndpointListEvent,
} from "./parse.ts";
import { type AmiAction, sanitizeAction, stripCrLf } from "./sanitize.ts";

export interface AmiClientOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  logger?: Logger;
  /** Log in with `Events: on` and re-emit Asterisk's events as 'event' (default off: actions only). */
  events?: boolean;
  /** TCP connect + Login, per attempt (default 5000). */
  connectTimeoutMs?: number;
  /** Default per-action timeout (default 10000). */
  actionTimeoutMs?: number;
  /** Jittered exponential backoff between reconnect attempts (defaults 250 ms … 5000 ms). */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  /** Send a Ping this often and drop a connection that doesn't answer (default 15000; 0 disables). */
  pingIntervalMs?: number;
}

export interface ActionOptions {
  timeoutMs?: number;
}

export interface AmiClientEvents {
  /** Logged in (first time or after a reconnect). */
  connected: [];
  /** The logged-in connection was lost; the client is already reconnecting. */
  disconnected: [reason: string];
  /** An Asterisk event not claimed by a list action (only with `events: true`). */
  event: [event: AmiMessage];
}

interface Pending {
  action: string;
  fail(err: Error): void;
}

/** One asterisk-manager instance = one TCP connection + login. Never reused after it is lost. */
interface Connection {
  mgr: ManagerInstance;
  lost: boolean;
  lastError?: Error;
  pending: Map<string, Pending>;
  collectors: Map<string, (event: AmiMessage) => void>;
  onLost: (reason: string) => void;
  pinger?: NodeJS.Timeout;
}

let clientSeq = 0;

/**
 * Typed promise wrapper around asterisk-manager. The library's own reconnect (keepConnected: fixed
 * 10…60 s steps, pending actions hang forever, writes to a dead socket are silently lost) is not used:
 * every connection attempt gets a fresh Manager instance, and this class owns timeouts, the
 * pending-action table and the reconnect loop.
 */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  private readonly log: Logger;
  private readonly address: string;
  private readonly idPrefix: string;
  private seq = 0;
  private conn: Connection | undefined;
  private readonly attempts = new Set<Connection>();
  private connecting: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private everConnected = false;
  private stopSleep = new AbortController();

  constructor(private readonly options: AmiClientOptions) {
    super();
    this.address = `${options.host}:${options.port}`;
    this.log = (options.logger ?? silentLogger).child({ component: "ami" });
    this.idPrefix = `hotline-${process.pid}-${++clientSeq}-`;
  }

  get isConnected(): boolean {
    return this.conn !== undefined && !this.conn.lost;
  }

  /**
   * Connects and logs in. Rejects with AmiAuthError on bad credentials and AmiConnectError when Asterisk
   * can't be reached (no retry for the first connection: the caller decides). Once connected, the client
   * reconnects by itself forever until close().
   */
  connect(): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    if (this.loop) return this.waitConnected(this.options.connectTimeoutMs ?? 5000);
    this.stopped = false;
    this.stopSleep = new AbortController();
    this.connecting = this.openConnection()
      .then((conn) => {
        if (this.stopped) {
          this.lose(conn, "client closed");
          throw new AmiConnectError(this.address, "client closed while connecting");
        }
        this.adopt(conn);
        this.log.info({ address: this.address }, "AMI connected");
        this.emit("connected");
      })
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  /** Resolves on the next (or current) login; rejects after timeoutMs. */
  waitConnected(timeoutMs = 10_000): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return waitForEvent(
      this,
      "connected",
      timeoutMs,
      () => new AmiConnectError(this.address, `not connected after ${timeoutMs} ms`),
    );
  }

  /** Stops reconnecting, fails pending actions, closes the socket. */
  async close(): Promise<void> {
    this.stopped = true;
    this.stopSleep.abort();
    for (const attempt of this.attempts) this.lose(attempt, "client closed");
    const conn = this.conn;
    this.conn = undefined;
    if (conn) {
      const socketClosed = conn.mgr.isConnected()
        ? new Promise<void>((resolve) => {
            conn.mgr.once("close", () => resolve());
            setTimeout(resolve, 1000).unref();
          })
        : Promise.resolve();
      this.lose(conn, "client closed");
      await socketClosed;
    }
    await this.loop;
    await this.connecting?.catch(() => undefined);
  }

  /**
   * Sends one action (CR/LF stripped from every key and value, our own ActionID) and resolves with
   * Asterisk's response (keys lowercased). Rejects with AmiError on `Response: Error` (Asterisk's
   * Message), AmiTimeoutError, or AmiNotConnectedError at once when there is no connection.
   */
  action<T extends AmiMessage = AmiMessage>(action: AmiAction, options: ActionOptions = {}): Promise<T> {
    return this.send(action, options).then(({ response }) => response as T);
  }

  /**
   * An action Asterisk answers with a response, then events carrying our ActionID, then `completeEvent`
   * (e.g. PJSIPShowEndpoints → EndpointList… EndpointListComplete). Resolves with the events between.
   */
  async listAction(action: AmiAction, completeEvent: string, options: ActionOptions = {}): Promise<AmiMessage[]> {
    const { events } = await this.send(action, options, completeEvent);
    return events;
  }

  /** "22.10.1+dfsg…" (CoreSettings → AsteriskVersion). */
  async coreVersion(options: ActionOptions = {}): Promise<string> {
    const response = await this.action({ Action: "CoreSettings" }, options);
    const version = header(response, "AsteriskVersion");
    if (!version) throw new AmiError("CoreSettings", "response has no AsteriskVersion");
    return version;
  }

  async coreStatus(options: ActionOptions = {}): Promise<CoreStatus> {
    return parseCoreStatus(await this.action({ Action: "CoreStatus" }, options));
  }

  /** Every PJSIP endpoint with its device state (PJSIPShowEndpoints). */
  async listEndpoints(options: ActionOptions = {}): Promise<EndpointStatus[]> {
    try {
      const events = await this.listAction({ Action: "PJSIPShowEndpoints" }, "EndpointListComplete", options);
      return events.filter((e) => header(e, "Event") === "EndpointList").map(parseEndpointListEvent);
    } catch (err) {
      if (err instanceof AmiError && /no endpoints found/i.test(err.amiMessage)) return [];
      throw err;
    }
  }

  /** One endpoint with its contacts' qualify status (PJSIPShowEndpoint); undefined if it doesn't exist. */
  async endpointStatus(endpoint: string, options: ActionOptions = {}): Promise<EndpointStatus | undefined> {
    try {
      const events = await this.listAction(
        { Action: "PJSIPShowEndpoint", Endpoint: endpoint },
        "EndpointDetailComplete",
        options,
      );
      return parseEndpointDetail(events);
    } catch (err) {
      if (err instanceof AmiError && /unable to retrieve endpoint/i.test(err.amiMessage)) return undefined;
      throw err;
    }
  }

  private send(
    action: AmiAction,
    options: ActionOptions,
    completeEvent?: string,
  ): Promise<{ response: AmiMessage; events: AmiMessage[] }> {
    const name = stripCrLf(String(action.Action ?? ""));
    const conn = this.conn;
    if (!conn || conn.lost) {
      const why = this.stopped
        ? "client closed"
        : this.everConnected
          ? `not connected to ${this.address} (reconnecting)`
          : `not connected to ${this.address} (call connect() first)`;
      return Promise.reject(new AmiNotConnectedError(name, why));
    }
    let wire: Record<string, string>;
    try {
      wire = {};
      for (const [key, value] of Object.entries(sanitizeAction(action))) {
        const lower = key.toLowerCase();
        if (lower !== "actionid") wire[lower] = value;
      }
    } catch (err) {
      return Promise.reject(err);
    }
    const id = `${this.idPrefix}${++this.seq}`;
    wire.actionid = id;
    const timeoutMs = options.timeoutMs ?? this.options.actionTimeoutMs ?? 10_000;
    const complete = completeEvent?.toLowerCase();

    return new Promise((resolve, reject) => {
      const events: AmiMessage[] = [];
      let response: AmiMessage | undefined;
      let listDone = complete === undefined;
      const cleanup = () => {
        clearTimeout(timer);
        conn.pending.delete(id);
        conn.collectors.delete(id);
        conn.mgr.removeAllListeners(id);
      };
      const fail = (err: Error) => {
        cleanup();
        reject(err);
      };
      const maybeDone = () => {
        if (response === undefined || !listDone) return;
        cleanup();
        resolve({ response, events });
      };
      const timer = setTimeout(() => fail(new AmiTimeoutError(name, timeoutMs)), timeoutMs);
      conn.pending.set(id, { action: name, fail });
      if (complete !== undefined) {
        conn.collectors.set(id, (event) => {
          if (header(event, "Event")?.toLowerCase() === complete) listDone = true;
          else events.push(event);
          maybeDone();
        });
      }
      conn.mgr.action(wire, (err: ManagerMessage | undefined, res: ManagerMessage) => {
        if (err) {
          fail(new AmiError(name, header(err, "Message") ?? ""));
          return;
        }
        response = res;
        // A list action that answers without "EventList: start" sends no events.
        if (complete !== undefined && !header(res, "EventList")) listDone = true;
        maybeDone();
      });
    });
  }

  /** One TCP connection + Login on a fresh asterisk-manager instance. */
  private openConnection(): Promise<Connection> {
    const { host, port, username, password } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? 5000;
    // A falsy port keeps the library from connecting (and logging in with a broken callback) by itself.
    const mgr = Manager(undefined, host, username, password, this.options.events ?? false);
    return new Promise<Connection>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.attempts.delete(conn);
        this.lose(conn, err.message);
        reject(err);
      };
      const conn: Connection = {
        mgr,
        lost: false,
        pending: new Map(),
        collectors: new Map(),
        onLost: (reason) => fail(new AmiConnectError(this.address, reason, { cause: conn.lastError })),
      };
      this.attempts.add(conn);
      const timer = setTimeout(
        () => fail(new AmiConnectError(this.address, `no login within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // The library emits socket errors as 'error': without a listener they would crash the process.
      mgr.on("error", (err: Error) => {
        conn.lastError = err;
        this.log.debug({ err: err.message, address: this.address }, "AMI socket error");
      });
      mgr.on("close", () => {
        // An Asterisk event named "Close" would also arrive as 'close': only a closed socket counts.
        if (mgr.isConnected()) return;
        this.lose(conn, conn.lastError ? conn.lastError.message : "connection closed");
      });
      mgr.on("managerevent", (event: ManagerMessage) => this.onManagerEvent(conn, event));
      mgr.connect(port, host, () => {
        if (settled) return;
        mgr.login((err?: ManagerMessage) => {
          if (settled) return;
          if (err) {
            fail(new AmiAuthError(this.address, username, header(err, "Message") ?? ""));
            return;
          }
          settled = true;
          clearTimeout(timer);
          this.attempts.delete(conn);
          resolve(conn);
        });
      });
    });
  }

  private adopt(conn: Connection): void {
    this.conn = conn;
    this.everConnected = true;
    conn.onLost = (reason) => this.connectionLost(conn, reason);
    const every = this.options.pingIntervalMs ?? 15_000;
    if (every > 0) {
      let inFlight = false;
      conn.pinger = setInterval(() => {
        if (inFlight || conn.lost) return;
        inFlight = true;
        this.action({ Action: "Ping" }, { timeoutMs: Math.min(every, 5000) })
          .catch((err: unknown) => {
            if (err instanceof AmiTimeoutError && this.conn === conn) this.lose(conn, "no answer to Ping");
          })
          .finally(() => {
            inFlight = false;
          });
      }, every);
      conn.pinger.unref();
    }
  }

  private connectionLost(conn: Connection, reason: string): void {
    if (this.conn === conn) this.conn = undefined;
    if (this.stopped) return;
    this.log.warn({ reason, address: this.address }, "AMI connection lost; reconnecting");
    this.emit("disconnected", reason);
    this.loop ??= this.reconnectLoop().finally(() => {
      this.loop = undefined;
    });
  }

  private async reconnectLoop(): Promise<void> {
    const minMs = this.options.reconnect?.minDelayMs ?? 250;
    const maxMs = this.options.reconnect?.maxDelayMs ?? 5000;
    for (let attempt = 0; !this.stopped; attempt++) {
      await sleep(backoffDelay(attempt, minMs, maxMs), undefined, { signal: this.stopSleep.signal }).catch(
        () => undefined,
      );
      if (this.stopped) return;
      try {
        const conn = await this.openConnection();
        if (this.stopped) {
          this.lose(conn, "client closed");
          return;
        }
        this.adopt(conn);
        this.log.info({ address: this.address, attempts: attempt + 1 }, "AMI reconnected");
        this.emit("connected");
        return;
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof AmiAuthError) this.log.error({ err: message }, "AMI login refused; retrying");
        else this.log.debug({ err: message, attempt }, "AMI reconnect attempt failed");
      }
    }
  }

  /** Marks a connection dead (once): fails its pending actions, closes its socket, tells its owner. */
  private lose(conn: Connection, reason: string): void {
    if (conn.lost) return;
    conn.lost = true;
    clearInterval(conn.pinger);
    for (const [, pending] of conn.pending) {
      pending.fail(new AmiNotConnectedError(pending.action, `connection lost (${reason})`));
    }
    conn.pending.clear();
    conn.collectors.clear();
    // disconnect() only ends an open socket; one still connecting is closed once it connects.
    if (conn.mgr.isConnected()) conn.mgr.disconnect();
    else conn.mgr.once("connect", () => conn.mgr.disconnect());
    conn.onLost(reason);
  }

  private onManagerEvent(conn: Connection, raw: ManagerMessage): void {
    const event = raw as AmiMessage;
    const id = header(event, "ActionID");
    const collector = id === undefined ? undefined : conn.collectors.get(id);
    if (collector) collector(event);
    else if (this.options.events && !conn.lost) this.emit("event", event);
  }
}
