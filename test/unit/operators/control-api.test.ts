import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../../src/acd/settings.ts";
import { ControlApi, HttpError } from "../../../src/operators/control-api.ts";
import { ControlClient, HotlineNotRunning } from "../../../src/operators/control-client.ts";
import { type ControlInfo, controlFilePath, writeControlFile } from "../../../src/operators/control-file.ts";
import { EngineCommands } from "../../support/engine-commands.ts";

const T0 = new Date("2027-03-03T09:00:00Z");

function engineCommands(): EngineCommands {
  const op = (key: string) => ({ key, languages: ["en"], competences: {} });
  return new EngineCommands(
    { timezone: "Europe/Madrid", operators: [op("maria"), op("john")], topics: {}, hotlines: { main: DEFAULT_RULES } },
    T0,
  );
}

describe("the control API (real HTTP on 127.0.0.1)", () => {
  let dir: string;
  let acd: EngineCommands;
  let api: ControlApi;
  let info: ControlInfo;

  const request = async (method: string, path: string, options: { body?: string; token?: string | null } = {}) => {
    const token = options.token === undefined ? info.token : options.token;
    const response = await fetch(`${info.url}${path}`, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-control-"));
    acd = engineCommands();
    api = new ControlApi({ commands: acd, stateDir: join(dir, "state") });
    info = await api.start();
  });

  afterEach(async () => {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 and writes url, token and pid to control.json, readable by its user only", async () => {
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.pid).toBe(process.pid);
    expect(info.token.length).toBeGreaterThanOrEqual(32);
    const file = controlFilePath(join(dir, "state"));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(info);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("serves a service's own routes with their path parameters and JSON body, behind the same token", async () => {
    await api.stop();
    api = new ControlApi({
      commands: acd,
      stateDir: join(dir, "state"),
      routes: [
        { method: "POST", path: /^\/calls\/([^/]+)\/echo$/, handle: (params, body) => ({ params, body }) },
        {
          method: "GET",
          path: /^\/refused$/,
          handle: () => {
            throw new HttpError(409, "not now");
          },
        },
      ],
    });
    info = await api.start();
    expect(await request("POST", "/calls/a%20b/echo", { body: '{"to":"grants"}' })).toEqual({
      status: 200,
      body: { params: ["a b"], body: { to: "grants" } },
    });
    expect(await request("GET", "/calls/x/echo")).toMatchObject({ status: 405 });
    expect(await request("GET", "/refused")).toEqual({ status: 409, body: { error: "not now" } });
    expect(await request("POST", "/calls/x/echo", { body: "{}", token: null })).toMatchObject({ status: 401 });
    const client = await ControlClient.connect(join(dir, "state"));
    expect(await client.request("POST", "/calls/c1/echo", { n: 1 })).toEqual({ params: ["c1"], body: { n: 1 } });
  });

  it("refuses requests without the token, or with another one (401)", async () => {
    expect(await request("GET", "/operators", { token: null })).toMatchObject({ status: 401 });
    const wrong = await request("GET", "/operators", { token: "not-the-token" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/token/);
    expect(acd.sources).toEqual([]);
  });

  it("lists every operator's state, dates as ISO strings", async () => {
    acd.login("maria", "phone");
    const { status, body } = await request("GET", "/operators");
    expect(status).toBe(200);
    expect(body).toEqual([
      expect.objectContaining({ operator: "maria", state: "available", since: T0.toISOString(), callsToday: 0 }),
      expect.objectContaining({ operator: "john", state: "logged-out", since: T0.toISOString() }),
    ]);
  });

  it("logs in, pauses with a reason, resumes and logs out, as the CLI (source cli)", async () => {
    expect(await request("POST", "/operators/maria/login")).toMatchObject({
      status: 200,
      body: { outcome: "done", status: { operator: "maria", state: "available" } },
    });
    expect(await request("POST", "/operators/maria/pause", { body: '{"reason":"lunch"}' })).toMatchObject({
      body: { outcome: "done", status: { state: "paused", reason: "lunch" } },
    });
    expect(await request("POST", "/operators/maria/resume")).toMatchObject({
      body: { outcome: "done", status: { state: "available" } },
    });
    expect(await request("POST", "/operators/maria/logout")).toMatchObject({
      body: { outcome: "done", status: { state: "logged-out" } },
    });
    expect(await request("POST", "/operators/maria/logout")).toMatchObject({ body: { outcome: "ignored" } });
    expect(new Set(acd.sources)).toEqual(new Set(["cli"]));
  });

  it("a pause during a call is pending: the call is not cut", async () => {
    acd.login("maria", "phone");
    acd.answer("maria", "call-1");
    expect(await request("POST", "/operators/maria/pause", { body: '{"reason":"break"}' })).toMatchObject({
      body: { outcome: "pending", status: { state: "on-call", pending: { kind: "pause", reason: "break" } } },
    });
  });

  it("says what is wrong with a request: 400 reason, 404 operator or endpoint, 405 method", async () => {
    const bad = await request("POST", "/operators/maria/pause", { body: '{"reason":"coffee"}' });
    expect(bad).toEqual({
      status: 400,
      body: { error: 'unknown pause reason "coffee": use lunch, break, training, other' },
    });
    const acds = await request("POST", "/operators/maria/pause", { body: '{"reason":"missed-calls"}' });
    expect(acds.status).toBe(400);
    const none = await request("POST", "/operators/maria/pause");
    expect(none).toMatchObject({ status: 400, body: { error: expect.stringContaining('{"reason":"lunch"}') } });
    expect((await request("POST", "/operators/maria/pause", { body: "lunch" })).status).toBe(400);
    expect(await request("POST", "/operators/mraia/login")).toEqual({
      status: 404,
      body: { error: 'unknown operator "mraia" — known: maria, john' },
    });
    expect((await request("POST", "/operators/maria/dance")).status).toBe(404);
    expect((await request("GET", "/calls")).status).toBe(404);
    expect((await request("GET", "/operators/maria/login")).status).toBe(405);
    expect((await request("DELETE", "/operators")).status).toBe(405);
    expect(acd.sources).toEqual([]);
  });

  it("removes control.json on stop, unless another app has replaced it since", async () => {
    const file = controlFilePath(join(dir, "state"));
    await api.stop();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);

    const second = new ControlApi({ commands: acd, stateDir: join(dir, "state") });
    await second.start();
    const third = new ControlApi({ commands: acd, stateDir: join(dir, "state") });
    const thirdInfo = await third.start(); // on the same state.dir: its file wins
    await second.stop();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(thirdInfo);
    await third.stop();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });
});

describe("the CLI's client", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-control-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads statuses with dates and sends commands", async () => {
    const acd = engineCommands();
    const api = new ControlApi({ commands: acd, stateDir: dir });
    await api.start();
    try {
      const client = await ControlClient.connect(dir);
      expect(await client.command("john", "login")).toMatchObject({ outcome: "done", status: { state: "available" } });
      expect(await client.command("john", "pause", "training")).toMatchObject({ outcome: "done" });
      const [, john] = await client.statuses();
      expect(john).toMatchObject({ operator: "john", state: "paused", reason: "training", since: T0 });
      expect(john?.since).toBeInstanceOf(Date);
    } finally {
      await api.stop();
    }
  });

  it("knows the hotline is not running: no control.json, a dead process, or nobody listening", async () => {
    await expect(ControlClient.connect(dir)).rejects.toBeInstanceOf(HotlineNotRunning);
    await expect(ControlClient.connect(dir)).rejects.toThrow(
      "the hotline is not running (start it with `hotline start`)",
    );

    // A control.json left by a process that is gone.
    await writeControlFile(dir, { url: "http://127.0.0.1:9", token: "t", pid: 2 ** 22 + 12345 });
    await expect(ControlClient.connect(dir)).rejects.toBeInstanceOf(HotlineNotRunning);

    // Our own pid, but nothing listens on the port any more (the app's API stopped).
    const api = new ControlApi({ commands: engineCommands(), stateDir: dir });
    const { url, token } = await api.start();
    await api.stop();
    await writeFile(join(dir, "control.json"), JSON.stringify({ url, token, pid: process.pid }));
    const client = await ControlClient.connect(dir);
    await expect(client.statuses()).rejects.toBeInstanceOf(HotlineNotRunning);
  });
});
