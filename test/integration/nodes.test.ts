import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxConnection, sandboxForConfig } from "../../src/asterisk/sandbox/from-config.ts";
import type { SandboxInstance } from "../../src/asterisk/sandbox/instance.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { callerScenario, type DeskPhoneBehaviour, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { type HotlineApp, startHotline } from "../../src/main.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { eventually, generalQueueHotline, type LogLine, testConfigYaml, testLogger } from "../support/app.ts";
import { endedRecord, expectSippOk } from "../support/calls.ts";
import { testPortBlock } from "../support/ports.ts";
import { runForTest, type TestPorts, testPorts } from "../support/sandbox.ts";

const QUEUE = "{ maxWait: 60, maxLength: 5, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 0 }";

/**
 * Two real Asterisk nodes, each with its own trunk line and the same two desk phones (static contacts
 * on SIPp ports of node a's block, as a SIP edge would give both nodes the phones' one registration).
 */
function yaml(own: TestPorts, phones: TestPorts): string {
  const phone = (op: string, i: number) => `contact: "sip:op-${op}@127.0.0.1:${phones.sipp(i)}"`;
  const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 5 }, ${phone("ana", 10)} }
  ben: { name: Ben, endpoint: op-ben, languages: [en, es], competences: { general: 2 }, ${phone("ben", 11)} }
`;
  return testConfigYaml(own, extra, generalQueueHotline(QUEUE, ""));
}

interface Node {
  name: string;
  ports: TestPorts;
  instance: SandboxInstance;
  config: HotlineConfig;
  stop(): Promise<void>;
}

async function startNode(name: string, phones?: TestPorts): Promise<Node> {
  const dir = await mkdtemp(join(tmpdir(), `hotline-${name}-`));
  const ports = testPorts(await testPortBlock(400));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, yaml(ports, phones ?? ports));
  const loaded = await loadConfig(file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => formatIssue(e)).join("\n"));
  await buildPrompts(loaded.config);
  const instance = await sandboxForConfig(loaded.config);
  // Distinct systemnames keep the two nodes' channel ids apart.
  instance.spec.systemName = `ast-${name}`;
  return { name, ports, instance, config: loaded.config, stop: await runForTest(instance, dir) };
}

describe("one hotline app, one ACD, over two Asterisk nodes (two real Asterisks, SIPp callers on each)", () => {
  let a: Node;
  let b: Node;
  let app: HotlineApp;
  const logs: LogLine[] = [];
  let n = 0;

  beforeAll(async () => {
    a = await startNode("a");
    b = await startNode("b", a.ports);
    const node = (x: Node) => ({ name: x.name, ...sandboxConnection(x.instance) });
    app = await startHotline(a.config, {
      connection: { ...sandboxConnection(a.instance), nodes: [node(a), node(b)] },
      waitConnectedMs: 10_000,
      logger: testLogger(logs),
    });
    await eventually(() => app.acd.statuses().every((s) => s.state === "available"), 20_000);
  }, 120_000);
  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await Promise.all([a?.stop(), b?.stop()]);
  });

  const state = (op: string) => app.acd.statuses().find((s) => s.operator === op)?.state;

  function phone(op: "ana" | "ben", behaviour: DeskPhoneBehaviour, calls = 1): Promise<SippResult> {
    const i = op === "ana" ? 10 : 11;
    return runSipp({
      scenario: deskPhoneScenario(behaviour),
      port: a.ports.sipp(i),
      mediaPort: a.ports.media(i),
      calls,
      timeoutSeconds: 60,
    });
  }

  /** A caller on `node`'s trunk who takes the menu's default and waits for the hotline's hang-up. */
  function caller(node: Node, timeoutSeconds = 50): { number: string; done: Promise<SippResult> } {
    const number = `61400${String(++n).padStart(4, "0")}`;
    const line = n % 5;
    const done = runSipp({
      scenario: callerScenario([{ wait: 1000 }, { expectHangup: 60_000 }]),
      target: `127.0.0.1:${node.ports.sip}`,
      port: node.ports.sipp(line),
      mediaPort: node.ports.media(line),
      service: "+34910000001",
      keys: { caller: number },
      timeoutSeconds,
    });
    return { number, done };
  }

  const record = (number: string) => endedRecord(app, number, { flush: true });

  it("each node's systemname is read and accepted", () => {
    expect(logs.filter((l) => /systemname/.test(String(l.msg)))).toEqual([]);
    expect(app.nodes.nodes.map((x) => x.name)).toEqual(["a", "b"]);
  });

  it("a caller on node b waits for the operator busy with a caller on node a, and is rung through node b", async () => {
    app.acd.pause("ben", "other", "cli");
    const ana = phone("ana", { ringMs: 300, action: "answer", talkMs: 5000 }, 2);
    const first = caller(a);
    await eventually(() => state("ana") === "on-call", 20_000);
    const second = caller(b);
    expectSippOk(await first.done);
    expectSippOk(await second.done);
    const result = await ana;
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(2);
    const [r1, r2] = [await record(first.number), await record(second.number)];
    expect(r1).toMatchObject({ node: "a", outcome: "answered", answered_by: "ana", trunk: "test-trunk" });
    expect(r2).toMatchObject({ node: "b", outcome: "answered", answered_by: "ana", trunk: "test-trunk" });
    // One ACD: the second caller waited for Ana although node b had her phone free all along.
    expect(r2.wait_seconds ?? 0).toBeGreaterThanOrEqual(2);
    app.acd.resume("ben", "cli");
  }, 90_000);

  it("a node killed mid-call takes only its calls: its operator is freed, node a's call goes on, new calls are served", async () => {
    app.acd.pause("ben", "other", "cli");
    // Ana talks to a caller on node b and waits for a BYE that never comes once b is gone.
    const anaOnB = phone("ana", { ringMs: 300, action: "answer", byeTimeoutMs: 9000 });
    const onB = caller(b, 15);
    await eventually(() => state("ana") === "on-call", 20_000);
    app.acd.resume("ben", "cli");
    const benOnA = phone("ben", { ringMs: 300, action: "answer", talkMs: 9000 });
    const onA = caller(a);
    await eventually(() => state("ben") === "on-call", 20_000);
    await sleep(1000);
    const killedAt = Date.now();
    await b.instance.kill();
    // The app declares node b lost after 3 s without an answer; Ana's call with it is over.
    await eventually(() => state("ana") !== "on-call", 15_000);
    const freedMs = Date.now() - killedAt;
    expect(freedMs).toBeLessThan(10_000);
    const rB = await record(onB.number);
    expect(rB).toMatchObject({ node: "b", answered_by: "ana" });
    await onB.done; // the caller's SIPp lost its Asterisk: its result says nothing about the hotline
    await anaOnB;
    // Node a's call was untouched: Ben hangs up after 9 s, the caller hears the BYE.
    expectSippOk(await onA.done);
    expectSippOk(await benOnA);
    const rA = await record(onA.number);
    expect(rA).toMatchObject({ node: "a", outcome: "answered", answered_by: "ben" });
    expect(rA.duration_seconds ?? 0).toBeGreaterThanOrEqual(9);
    // A new call after the loss is served on the surviving node by the freed operator (who talks past
    // the whisper of topic and campaign).
    await eventually(() => state("ana") === "available", 15_000);
    app.acd.pause("ben", "other", "cli");
    const ana = phone("ana", { ringMs: 300, action: "answer", talkMs: 5000 });
    const next = caller(a);
    expectSippOk(await next.done);
    expectSippOk(await ana);
    expect(await record(next.number)).toMatchObject({ node: "a", outcome: "answered", answered_by: "ana" });
    console.log(`node b killed: operator freed after ${freedMs} ms`);
  }, 120_000);
});
