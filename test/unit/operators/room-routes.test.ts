import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AriResources } from "../../../src/asterisk/ari/resources.ts";
import { ChannelHub } from "../../../src/asterisk/channels/hub.ts";
import { DISPOSITION_WINDOW_MS, Dispositions } from "../../../src/calls/disposition/dispositions.ts";
import { MonitorService } from "../../../src/calls/monitor/monitor-service.ts";
import { type LiveCall, LiveCalls } from "../../../src/calls/queue/live-calls.ts";
import { type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";
import { silentLogger } from "../../../src/logger.ts";
import { ControlApi } from "../../../src/operators/control-api.ts";
import type { ControlInfo } from "../../../src/operators/control-file.ts";
import { roomRoutes } from "../../../src/operators/room-routes.ts";
import { CallRecords } from "../../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../../src/records/db.ts";
import { EngineCommands } from "../../support/engine-commands.ts";

const YAML = `organization: { name: Org, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello } }
operators:
  ana: { name: Ana, endpoint: op-ana, code: "101", languages: [en] }
supervisors:
  eva: { name: Eva, endpoint: sup-eva, languages: [en] }
database: { filename: ./calls.sqlite }
`;

describe("the supervisors' room behind the control API (real HTTP, records in SQLite)", () => {
  let dir: string;
  let config: HotlineConfig;
  let db: Knex;
  let records: CallRecords;
  let api: ControlApi;
  let info: ControlInfo;
  let clock = new Date("2027-03-03T09:00:00Z");
  const live = new LiveCalls();
  let dispositions: Dispositions;

  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${info.token}` },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-room-"));
    await writeFile(join(dir, "hotline.yaml"), YAML);
    const loaded = loadConfigSync(join(dir, "hotline.yaml"), { env: {} });
    if (!loaded.ok) throw new Error("config");
    config = loaded.config;
    db = await openDatabase(config.database);
    records = new CallRecords(db);
    const deps = { live, records, config: () => config, logger: silentLogger, now: () => clock };
    // Nothing here reaches Asterisk: every request below is refused before a phone would ring.
    const hub = new ChannelHub({} as AriResources);
    const monitor = new MonitorService({ ...deps, hub, app: "hotline" });
    dispositions = new Dispositions({ ...deps, db });
    dispositions.attach();
    const acd = new EngineCommands({ timezone: "Europe/Madrid", operators: [], topics: {}, hotlines: {} }, clock);
    api = new ControlApi({
      commands: acd,
      stateDir: join(dir, "state"),
      routes: roomRoutes({ monitor, dispositions }),
    });
    info = await api.start();
  });
  afterAll(async () => {
    await api?.stop();
    await records?.close({ timeoutMs: 2000 });
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses monitoring with the reason: bad mode, no phone, not a supervisor's phone, unknown operator, not on a call", async () => {
    const monitor = (operator: string, body: unknown) => request("POST", `/operators/${operator}/monitor`, body);
    expect(await monitor("ana", { mode: "spy", to: "sup-eva" })).toEqual({
      status: 400,
      body: { error: "give a mode: listen, whisper, barge" },
    });
    expect((await monitor("ana", { mode: "listen" })).status).toBe(400);
    expect(await monitor("ana", { mode: "listen", to: "op-ana" })).toEqual({
      status: 400,
      body: { error: "op-ana is not a supervisor's desk phone" },
    });
    expect((await monitor("zoe", { mode: "barge", to: "sup-eva" })).status).toBe(404);
    expect(await monitor("ana", { mode: "whisper", to: "sup-eva" })).toEqual({
      status: 409,
      body: { error: "ana is not on a call" },
    });
    expect(await request("GET", "/monitor")).toEqual({ status: 200, body: [] });
    expect((await request("DELETE", "/monitor/nope")).status).toBe(404);
  });

  it("*5<d>: the current call, the last one within the window, none after it; an unknown digit is refused", async () => {
    const call = { callId: "call-1", operator: "ana" } as LiveCall;
    expect(await dispositions.disposeLast("ana", "1")).toEqual({ ok: false, reason: "no-recent-call" });
    live.started(call);
    expect(await dispositions.disposeLast("ana", "3")).toEqual({
      ok: true,
      callId: "call-1",
      disposition: "complaint",
    });
    live.ended(call);
    clock = new Date(clock.getTime() + DISPOSITION_WINDOW_MS - 1000);
    expect(await dispositions.disposeLast("ana", "1")).toEqual({ ok: true, callId: "call-1", disposition: "resolved" });
    expect(await dispositions.disposeLast("ana", "7")).toEqual({ ok: false, reason: "unknown-code" });
    clock = new Date(clock.getTime() + 2000);
    expect(await dispositions.disposeLast("ana", "1")).toEqual({ ok: false, reason: "no-recent-call" });
  });

  it("POST /calls/:id/disposition by digit or name, with notes; an unknown call or code is refused", async () => {
    records.started({ id: "call-2", did: "+34910000001", hotline: "main", language: "en", startedAt: clock });
    expect(await request("POST", "/calls/call-2/disposition", { code: "escalated", notes: "to the dean" })).toEqual({
      status: 200,
      body: { callId: "call-2", disposition: "escalated" },
    });
    await records.flush();
    expect(await db("calls").where({ id: "call-2" }).first()).toMatchObject({
      disposition: "escalated",
      disposition_by: "api",
      notes: "to the dean",
    });
    expect((await request("POST", "/calls/nope/disposition", { code: "1" })).status).toBe(404);
    expect((await request("POST", "/calls/call-2/disposition", { code: "8" })).status).toBe(400);
    expect((await request("POST", "/calls/call-2/disposition", {})).status).toBe(400);
  });
});
