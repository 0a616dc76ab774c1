/**
 * One small HTTP request to Asterisk's HTTP server (ARI), on node:http. Not the global fetch: its
 * engine (undici) added some 12 MB to the running app's resident memory, for small JSON requests.
 */
import http from "node:http";

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpRequestOptions {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, the answer's body included. */
  timeoutMs: number;
}

/**
 * Kept-alive connections, at most this many at once: under load requests wait their turn instead of
 * opening more sessions than Asterisk's HTTP server takes (its sessionlimit, 100 by default), which
 * it answers by closing them.
 */
const MAX_CONNECTIONS = 32;
const agents = new Map<string, http.Agent>();

function agentFor(transport: typeof http): http.Agent {
  const key = transport === http ? "http" : "https";
  let agent = agents.get(key);
  if (!agent) {
    agent = new transport.Agent({ keepAlive: true, maxSockets: MAX_CONNECTIONS });
    agents.set(key, agent);
  }
  return agent;
}

/** Rejects when Asterisk cannot be reached or does not answer in time; any status resolves. */
export async function httpRequest(url: URL, options: HttpRequestOptions): Promise<HttpAnswer> {
  // An external Asterisk may serve ARI over TLS; the sandbox never does, so TLS loads only then.
  const transport = url.protocol === "https:" ? await import("node:https") : http;
  const headers = { ...options.headers };
  if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = (done: () => void) => {
      clearTimeout(timer);
      done();
    };
    const agent = agentFor(transport as typeof http);
    const request = transport.request(url, { method: options.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        settle(() => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") })),
      );
      response.on("error", (err) => settle(() => reject(err)));
    });
    timer = setTimeout(() => {
      const err = new Error(`no answer within ${options.timeoutMs} ms`);
      request.destroy(err);
      reject(err);
    }, options.timeoutMs);
    request.on("error", (err) => settle(() => reject(err)));
    request.end(options.body);
  });
}
