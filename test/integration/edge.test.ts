import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxConnection, sandboxForConfig } from "../../src/asterisk/sandbox/from-config.ts";
import type { SandboxInstance } from "../../src/asterisk/sandbox/instance.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { callerScenario, deskPhoneScenario, featureCodeScenario, registerScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { renderKamailio } from "../../src/deploy/kamailio.ts";
import { type HotlineApp, startHotline } from "../../src/main.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { eventually, generalQueueHotline, type LogLine, testConfigYaml, testLogger } from "../support/app.ts";
import { endedRecord, expectSippOk } from "../support/calls.ts";
import { testPortBlock } from "../support/ports.ts";
import { runForTest, type TestPorts, testPorts } from "../support/sandbox.ts";

const KAMAILIO = "/usr/sbin/kamailio";
/** Luis has no fixed contact: his phone registers at the edge, with this password there. */
const LUIS_PIN = "4711";
const LUIS_EDGE_PASSWORD = "luis-edge-password";
const QUEUE = "{ maxWait: 60, maxLength: 5, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 0 }";

function edgeOf(config: HotlineConfig) {
  if (!config.edge) throw new Error("the test's configuration has no edge");
  return { edge: config.edge, trunks: config.trunks, phones: [{ endpoint: "op-luis", password: LUIS_EDGE_PASSWORD }] };
}

interface Node {
  name: string;
  ports: TestPorts;
  instance: SandboxInstance;
  config: HotlineConfig;
  stop(): Promise<void>;
}

/**
 * Kamailio (Debian's) in front of two real Asterisk nodes and one app: the SIPp trunk calls the edge
 * only; the nodes see every call come from the edge and learn the trunk from its header.
 */
describe("Kamailio in front of two Asterisk nodes, one app (real Kamailio, Asterisks, SIPp)", () => {
  let a: Node;
  let b: Node;
  let app: HotlineApp;
  let kamailio: ChildProcess;
  let edge: string;
  const kamailioOut: string[] = [];
  const logs: LogLine[] = [];
  let n = 0;

  async function startNode(name: string, ports: TestPorts, phones: TestPorts, edgeYaml: string): Promise<Node> {
    const dir = await mkdtemp(join(tmpdir(), `hotline-edge-${name}-`));
    const file = join(dir, "hotline.yaml");
    const phone = (op: string, i: number) => `contact: "sip:op-${op}@127.0.0.1:${phones.sipp(i)}"`;
    const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 5 }, ${phone("ana", 10)} }
  luis: { name: Luis, endpoint: op-luis, languages: [en, es], competences: { general: 5 }, pin: "${LUIS_PIN}" }
${edgeYaml}`;
    // The trunk's addresses are the callers' SIPp ports of the first block: the edge checks them.
    const yaml = testConfigYaml(phones, extra, generalQueueHotline(QUEUE, "")).replace(
      /sandbox: \{ sipPort: \d+, httpPort: \d+, amiPort: \d+, rtpStart: \d+, rtpEnd: \d+/,
      `sandbox: { sipPort: ${ports.sip}, httpPort: ${ports.http}, amiPort: ${ports.ami}, rtpStart: ${ports.sip + 100}, rtpEnd: ${ports.sip + 299}`,
    );
    await writeFile(file, yaml);
    const loaded = await loadConfig(file);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => formatIssue(e)).join("\n"));
    await buildPrompts(loaded.config);
    const instance = await sandboxForConfig(loaded.config);
    instance.spec.systemName = `ast-${name}`;
    return { name, ports, instance, config: loaded.config, stop: await runForTest(instance, dir) };
  }

  beforeAll(async () => {
    const pa = testPorts(await testPortBlock(400));
    const pb = testPorts(await testPortBlock(400));
    edge = `127.0.0.1:${pa.sipp(40)}`;
    const edgeYaml = `edge:
  listen: "${edge}"
  probeSeconds: 1
  nodes:
    - { name: a, sip: "127.0.0.1:${pa.sip}" }
    - { name: b, sip: "127.0.0.1:${pb.sip}" }
`;
    a = await startNode("a", pa, pa, edgeYaml);
    b = await startNode("b", pb, pa, edgeYaml);
    const dir = await mkdtemp(join(tmpdir(), "hotline-kamailio-"));
    const files = renderKamailio(edgeOf(a.config), { dir });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    // Its own process group: Kamailio's workers outlive a killed main process and would keep the port.
    kamailio = spawn(KAMAILIO, ["-f", join(dir, "kamailio.cfg"), "-DD", "-E"], { cwd: dir, detached: true });
    kamailio.stderr?.on("data", (d: Buffer) => kamailioOut.push(d.toString()));
    kamailio.stdout?.on("data", (d: Buffer) => kamailioOut.push(d.toString()));
    const node = (x: Node) => ({ name: x.name, ...sandboxConnection(x.instance) });
    app = await startHotline(a.config, {
      connection: { ...sandboxConnection(a.instance), nodes: [node(a), node(b)] },
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
    await eventually(() => app.acd.statuses().find((s) => s.operator === "ana")?.state === "available", 20_000);
  }, 120_000);
  afterAll(async () => {
    if (kamailio?.pid) process.kill(-kamailio.pid, "SIGKILL");
    await app?.stop().catch(() => undefined);
    await Promise.all([a?.stop(), b?.stop()]);
  });

  /** A caller on the trunk, through the edge, who hangs up after `ms` (or waits for the hotline's BYE). */
  function caller(ms?: number): { number: string; done: Promise<SippResult> } {
    const number = `61500${String(++n).padStart(4, "0")}`;
    const line = n % 5;
    const done = runSipp({
      scenario: callerScenario(ms ? [{ wait: ms }, { hangup: true }] : [{ wait: 1000 }, { expectHangup: 60_000 }]),
      target: edge,
      port: a.ports.sipp(line),
      mediaPort: a.ports.media(line),
      service: "+34910000001",
      keys: { caller: number },
      timeoutSeconds: 50,
    });
    return { number, done };
  }

  const record = (number: string) => endedRecord(app, number, { flush: true });

  it("the rendered configuration is accepted by kamailio -c", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hotline-kamailio-check-"));
    const files = renderKamailio(edgeOf(a.config), { dir });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const code = await new Promise<number | null>((resolve) =>
      spawn(KAMAILIO, ["-c", "-f", join(dir, "kamailio.cfg")]).once("exit", resolve),
    );
    expect(code).toBe(0);
  });

  it("trunk calls are dispatched over both nodes; each record names its node and the trunk the edge named", async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const call = caller(1500);
      expectSippOk(await call.done);
      numbers.push(call.number);
    }
    const rows = await Promise.all(numbers.map(record));
    expect(new Set(rows.map((r) => r.node))).toEqual(new Set(["a", "b"]));
    // Every call came from the edge's address: only its header can have named the trunk.
    for (const row of rows) expect(row.trunk).toBe("test-trunk");
  }, 90_000);

  it("an operator answers a call that came through the edge, wherever it landed", async () => {
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer", talkMs: 3000 }),
      port: a.ports.sipp(10),
      mediaPort: a.ports.media(10),
      calls: 2,
      timeoutSeconds: 60,
    });
    const first = caller();
    expectSippOk(await first.done);
    const second = caller();
    expectSippOk(await second.done);
    const phone = await ana;
    expect(phone.successful, phone.stdout.slice(-1500)).toBe(2);
    const rows = [await record(first.number), await record(second.number)];
    for (const row of rows) expect(row).toMatchObject({ outcome: "answered", answered_by: "ana" });
    expect(new Set(rows.map((r) => r.node))).toEqual(new Set(["a", "b"]));
  }, 90_000);

  it("a desk phone registers at the edge, logs in with *1 through it, and is rung through it", async () => {
    const luis = { port: a.ports.sipp(11), mediaPort: a.ports.media(11) };
    // A wrong password is refused (the edge challenges again; SIPp gives up).
    const wrong = await runSipp({
      scenario: registerScenario({ endpoint: "op-luis", password: "not-his" }),
      target: edge,
      ...luis,
      timeoutSeconds: 10,
    });
    expect(wrong.successful).toBe(0);
    expectSippOk(
      await runSipp({
        scenario: registerScenario({ endpoint: "op-luis", password: LUIS_EDGE_PASSWORD }),
        target: edge,
        ...luis,
        timeoutSeconds: 10,
      }),
    );
    // *1 with his PIN, through the edge to whichever node: the app logs him in.
    expect(app.acd.statuses().find((s) => s.operator === "luis")?.state).toBe("logged-out");
    expectSippOk(
      await runSipp({
        scenario: featureCodeScenario({ code: `*1${LUIS_PIN}`, endpoint: "op-luis", password: LUIS_EDGE_PASSWORD }),
        target: edge,
        ...luis,
        timeoutSeconds: 30,
      }),
    );
    expect(app.acd.statuses().find((s) => s.operator === "luis")?.state).toBe("available");
    expect(logs.some((l) => l.msg === "feature code from a phone that belongs to no operator")).toBe(false);

    // Ana on a break: the next caller is Luis's, rung through the edge at the address he registered from
    // (long enough a talk for the whisper to end and the caller to be put through).
    expect(app.acd.pause("ana", "break", "cli")).toBe("done");
    const phone = runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer", talkMs: 5000 }),
      ...luis,
      timeoutSeconds: 40,
    });
    const call = caller();
    expectSippOk(await call.done);
    expectSippOk(await phone);
    expect(await record(call.number)).toMatchObject({ outcome: "answered", answered_by: "luis" });
    app.acd.resume("ana", "cli");
    app.acd.logout("luis", "cli");
  }, 90_000);

  it("with node b killed, new calls all go to node a and are served", async () => {
    const killedAt = Date.now();
    await b.instance.kill();
    const setups: number[] = [];
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const placed = Date.now();
      const call = caller(1500);
      expectSippOk(await call.done);
      setups.push(Date.now() - placed);
      numbers.push(call.number);
    }
    const rows = await Promise.all(numbers.map(record));
    for (const row of rows) expect(row).toMatchObject({ node: "a", trunk: "test-trunk" });
    console.log(
      `edge: node b killed; the next calls took ${setups.join(", ")} ms each (1.5 s of talk), the last ended ${Date.now() - killedAt} ms after the kill`,
    );
    expect(kamailioOut.join("")).not.toMatch(/CRITICAL|ERROR: <core>/);
  }, 90_000);
});
