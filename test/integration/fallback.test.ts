import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmiClient } from "../../src/asterisk/ami/index.ts";
import { header } from "../../src/asterisk/ami/parse.ts";
import { sandboxConnection } from "../../src/asterisk/sandbox/from-config.ts";
import { OverrideStore } from "../../src/config/override-store.ts";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import {
  type ConfiguredSandbox,
  defaultHotline,
  eventually,
  startAppProcess,
  startConfiguredSandbox,
  testConfigYaml,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** Ana (no PIN: logged in from the start) and Luis (a PIN: logged out until he types it). */
function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 20, maxLength: 5, announceEvery: 0, ringTimeout: 15, strategy: linear, wrapUp: 0 }`;
  const extra = `operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
  luis: { name: Luis, endpoint: op-luis, languages: [en], pin: "4711", contact: "sip:op-luis@127.0.0.1:${ports.sipp(11)}" }
`;
  return testConfigYaml(ports, extra, hotline);
}

async function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exit = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exit;
}

describe("no app connected: Asterisk serves the hotline natively (real Asterisk, app_queue, SIPp)", () => {
  let s: ConfiguredSandbox;
  let ami: AmiClient;
  let app: ChildProcess | undefined;
  let db: Knex | undefined;

  const caller = (line: number, number: string, did = "+34910000001") =>
    runSipp({
      scenario: callerScenario([{ expectHangup: 60_000 }]),
      target: `127.0.0.1:${s.ports.sip}`,
      port: s.ports.sipp(line),
      mediaPort: s.ports.media(line),
      service: did,
      keys: { caller: number },
      timeoutSeconds: 70,
    });
  const notes = async () =>
    (await ami.listAction({ Action: "DBGetTree", Family: "hotline-fallback" }, "DBGetTreeComplete").catch(() => []))
      .filter((e) => header(e, "Event") === "DBGetTreeResponse")
      .map((e) => `${header(e, "Key")}=${header(e, "Val")}`);

  beforeAll(async () => {
    s = await startConfiguredSandbox({ yaml });
    ami = new AmiClient({ ...sandboxConnection(s.instance).ami, pingIntervalMs: 0 });
    await ami.connect();
  });
  afterAll(async () => {
    app?.kill("SIGKILL");
    await db?.destroy();
    await ami?.close();
    await s?.stop();
  });

  it("the app keeps the queue's members and the hours in Asterisk; killed, a caller still reaches an operator; back, the call is in the records", async () => {
    const first: string[] = [];
    app = await startAppProcess(s, first);
    // Ana is logged in and Luis is not: only Ana is in the native queue, and the number knows its hotline.
    const members = await eventually(async () => {
      const events = await ami.listAction({ Action: "QueueStatus", Queue: "hotline-fallback" }, "QueueStatusComplete");
      const found = events.filter((e) => header(e, "Event") === "QueueMember").map((e) => header(e, "Location"));
      return found.length > 0 && found;
    });
    expect(members).toEqual(["PJSIP/op-ana"]);
    const route = await ami.action({ Action: "DBGet", Family: "hotline-number", Key: "34910000001" }).catch(() => ({}));
    expect(header(route, "Response")).toBe("Success");
    const hours = await eventually(async () => {
      const events = await ami.listAction({ Action: "DBGetTree", Family: "hotline-hours" }, "DBGetTreeComplete");
      return events.find((e) => header(e, "Event") === "DBGetTreeResponse");
    });
    // Always open: one window, open already (0) until the horizon.
    expect(header(hours, "Val")).toMatch(/^0-\d+$/);

    await stopped(app, "SIGKILL");
    app = undefined;

    // Nobody drives Asterisk now. Ana's phone rings through app_queue, she answers and hangs up after 2 s.
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer", talkMs: 2000 }),
      port: s.ports.sipp(10),
      mediaPort: s.ports.media(10),
      timeoutSeconds: 60,
    });
    const call = await caller(0, "612000301");
    expect(call.errors || "", await s.instance.logTail(40)).toBe("");
    expect(call.successful).toBe(1);
    const phone = await ana;
    expect(phone.errors || "", phone.stdout.slice(-1500)).toBe("");
    expect(phone.successful).toBe(1);
    // The dialplan's notes of the call wait in AstDB for the app.
    const noted = await eventually(async () => {
      const n = await notes();
      return n.some((line) => line.includes("/end=")) && n;
    });
    expect(noted.some((line) => /\/answer=\d+\|op-ana$/.test(line))).toBe(true);

    // The app is back: it imports the call and clears the notes.
    const second: string[] = [];
    app = await startAppProcess(s, second);
    await eventually(() => second.join("").includes("call taken natively imported"), 20_000);
    await eventually(async () => (await notes()).length === 0 || undefined, 20_000);
    await stopped(app, "SIGTERM");
    app = undefined;

    db = await openDatabase(s.config.database);
    const row = await db<CallRow>("calls").where({ caller_number: "612000301" }).first();
    expect(row).toMatchObject({
      source: "native",
      outcome: "answered",
      answered_by: "ana",
      hotline: "main",
      did: "+34910000001",
      trunk: "test-trunk",
      language: "en",
    });
    expect(row?.answered_at).not.toBeNull();
    expect(row?.ended_at).not.toBeNull();
    expect(row?.queue_entered_at).not.toBeNull();
    expect(Number(row?.duration_seconds)).toBeGreaterThanOrEqual(2);
    // Imported once, however many rounds saw the notes.
    expect(await db("calls").where({ source: "native" }).count({ n: "*" })).toEqual([{ n: 1 }]);
  }, 150_000);

  it("closed by hand before the app went: the caller hears the closed message; the record says closed", async () => {
    const output: string[] = [];
    app = await startAppProcess(s, output);
    await new OverrideStore(s.config.state.dir).set(undefined, { state: "closed", reason: "test" });
    // Closed until cleared: no window at all within the horizon.
    await eventually(async () => {
      const events = await ami.listAction({ Action: "DBGetTree", Family: "hotline-hours" }, "DBGetTreeComplete");
      const value = header(events.find((e) => header(e, "Event") === "DBGetTreeResponse") ?? {}, "Val");
      return value === "" || undefined;
    }, 20_000);
    await stopped(app, "SIGKILL");
    app = undefined;

    const call = await caller(1, "612000302");
    expect(call.errors || "", await s.instance.logTail(40)).toBe("");
    await eventually(async () => (await notes()).some((line) => line.includes("/end=")) || undefined);
    expect((await notes()).some((line) => /\/route=\d+\|closed\|main\|en$/.test(line))).toBe(true);

    await new OverrideStore(s.config.state.dir).clear(undefined);
    const back: string[] = [];
    app = await startAppProcess(s, back);
    await eventually(async () => (await notes()).length === 0 || undefined, 20_000);
    await stopped(app, "SIGTERM");
    app = undefined;
    db ??= await openDatabase(s.config.database);
    const row = await db<CallRow>("calls").where({ caller_number: "612000302" }).first();
    expect(row).toMatchObject({ source: "native", outcome: "closed", outcome_reason: "closed", hotline: "main" });
    expect(row?.queue_entered_at).toBeNull();
  }, 120_000);
});
