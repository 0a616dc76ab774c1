import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { AuditEntry } from "../../../src/records/audit-records.ts";
import { WebConsole } from "../../../src/web/console.ts";
import { hashPassword } from "../../../src/web/passwords.ts";
import type { ConsoleActions, RoomViews } from "../../../src/web/types.ts";

/** A browser's cookies, by hand: what the server set is sent back. */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  /** The page's CSRF token, from its boot data. */
  async token(page: string): Promise<string> {
    const { text } = await this.request("GET", page);
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(text)?.[1] ?? "{}";
    return (JSON.parse(boot) as { csrf: string }).csrf;
  }

  async signIn(user: string, password: string) {
    const { text } = await this.request("GET", "/login");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? "";
    return this.request("POST", "/login", { form: { _csrf: csrf, user, password } });
  }
}

describe("the console's HTTP layer (Fastify with fake room views and actions)", () => {
  let web: WebConsole;
  const audit: AuditEntry[] = [];
  const done: unknown[][] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "console-"));
    const file = join(dir, "hotline.yaml");
    await writeFile(
      file,
      `organization: { name: Org, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello, es: Hola } }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en] }
web: { listen: "127.0.0.1:0", loginAttempts: 4 }
users:
  ana: { role: operator, password: "${await hashPassword("ana-password")}" }
  boss: { role: supervisor, password: "${await hashPassword("boss-password")}" }
`,
    );
    const loaded = loadConfigSync(file, { env: {} });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const config: HotlineConfig = loaded.config;
    const views: RoomViews = {
      desk: async (operator) => ({ me: { operator } }),
      wallboard: async () => ({ hotlines: [] }),
      onChange: () => () => undefined,
    };
    const actions = {
      operatorState: (...args: unknown[]) => {
        done.push(args);
        return { ok: true };
      },
    } as unknown as ConsoleActions;
    web = new WebConsole({
      config: () => config,
      views,
      actions,
      audit: (e) => audit.push(e),
      secret: "a test secret of some length",
      logger: silentLogger,
    });
    await web.start();
  });
  afterAll(async () => {
    await web?.stop();
  });

  it("signs in with the right password only; each page for its own role", async () => {
    const ana = new Client(web.address.replace(/\/$/, ""));
    expect((await ana.request("GET", "/desk")).status).toBe(302);
    expect((await ana.signIn("ana", "wrong-password")).status).toBe(401);
    const ok = await ana.signIn("ana", "ana-password");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/");
    expect((await ana.request("GET", "/desk")).status).toBe(200);
    expect((await ana.request("GET", "/wallboard")).status).toBe(403);
    expect((await ana.request("GET", "/report")).status).toBe(403);
    expect(audit.map((e) => [e.user, e.action, e.result])).toEqual([
      ["ana", "login", "refused"],
      ["ana", "login", "ok"],
      ["ana", "GET /wallboard", "refused"],
      ["ana", "GET /report", "refused"],
    ]);
  });

  it("carries out a write only with the page's CSRF token, and audits it", async () => {
    const ana = new Client(web.address.replace(/\/$/, ""));
    await ana.signIn("ana", "ana-password");
    expect((await ana.request("POST", "/api/desk/pause", { body: { reason: "break" } })).status).toBe(403);
    expect(done).toEqual([]);
    const token = await ana.token("/desk");
    const paused = await ana.request("POST", "/api/desk/pause", {
      body: { reason: "break" },
      headers: { "x-csrf-token": token },
    });
    expect(paused.status).toBe(200);
    expect(done).toEqual([["ana", "pause", "break"]]);
    expect(audit.at(-1)).toMatchObject({
      user: "ana",
      action: "desk-state",
      target: "ana",
      result: "ok",
      detail: { reason: "break" },
    });
    const bad = await ana.request("POST", "/api/desk/pause", {
      body: { reason: "nap" },
      headers: { "x-csrf-token": token },
    });
    expect(bad.status).toBe(400);
    expect(audit.at(-1)).toMatchObject({ action: "desk-state", result: "refused" });
  });

  it("sends a strict content security policy and no framing", async () => {
    const page = await new Client(web.address.replace(/\/$/, "")).request("GET", "/login");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.text).toContain('<html lang="en">');
    const es = await new Client(web.address.replace(/\/$/, "")).request("GET", "/login", {
      headers: { "accept-language": "es-ES,es;q=0.9" },
    });
    expect(es.text).toContain('<html lang="es">');
    expect(es.text).toContain("Iniciar sesión");
  });

  it("refuses sign-ins beyond web.loginAttempts a minute from one address", async () => {
    const probe = new Client(web.address.replace(/\/$/, ""));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await probe.signIn("boss", `guess-${i}`)).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect((await probe.signIn("boss", "boss-password")).status).toBe(429);
  });
});
