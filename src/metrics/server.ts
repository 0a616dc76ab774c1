/**
 * GET /metrics for Prometheus, on the address in `metrics.listen`. No token: it is read-only figures,
 * with no caller numbers or operator names, and listens on loopback unless the configuration says
 * otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ListenAddress, parseListen } from "../config/metrics-schema.ts";
import { type Logger, silentLogger } from "../logger.ts";

export interface MetricsText {
  text(): Promise<string>;
  readonly contentType: string;
}

export class MetricsServer {
  private server: Server | undefined;
  private bound: string | undefined;
  private readonly listen: ListenAddress;
  private readonly log: Logger;

  /** listen: `host:port` as in `metrics.listen`. */
  constructor(
    private readonly metrics: MetricsText,
    listen: string,
    logger: Logger = silentLogger,
  ) {
    const address = parseListen(listen);
    if (!address) throw new Error(`metrics.listen: expected host:port, got "${listen}"`);
    this.listen = address;
    this.log = logger.child({ component: "metrics" });
  }

  /** host:port it listens on (the port the system chose, for port 0); undefined until started. */
  get address(): string | undefined {
    return this.bound;
  }

  async start(): Promise<string> {
    if (this.bound) return this.bound;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err) => this.send(res, 500, `${(err as Error).message}\n`));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.listen.port, this.listen.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port, family } = server.address() as AddressInfo;
    this.bound = family === "IPv6" ? `[${address}]:${port}` : `${address}:${port}`;
    this.log.info({ address: this.bound }, "metrics: GET /metrics");
    return this.bound;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://metrics").pathname;
    if (path !== "/metrics") return this.send(res, 404, "not found: Prometheus metrics are at /metrics\n");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return this.send(res, 405, "use GET /metrics\n");
    }
    const body = await this.metrics.text();
    res.writeHead(200, { "content-type": this.metrics.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private send(res: ServerResponse, status: number, text: string): void {
    if (res.headersSent) return;
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(text);
  }
}
