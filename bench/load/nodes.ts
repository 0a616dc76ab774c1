/**
 * `--nodes 2`: the hotline app over one Asterisk node at R calls/s against the same app over two
 * nodes at R/2 each, the same operators and desk phones, the same total rate. Each node is a
 * sandbox rendering of its own (distinct systemname, own port block); every operator's contact on
 * both points at the one desk-phone SIPp, as a SIP edge would give both nodes the phones' registration.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Knex } from "knex";
import { parseDocument } from "yaml";
import { sandboxForConfig } from "../../src/asterisk/sandbox/from-config.ts";
import { freePortBlock } from "../../src/asterisk/sandbox/ports.ts";
import { formatIssue, type HotlineConfig, loadConfig } from "../../src/config/index.ts";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { createKnex } from "../../src/records/db.ts";
import { buildPrompts } from "../../src/sounds/build.ts";
import { HotlineProcess } from "./app.ts";
import { BenchAsterisk } from "./asterisk.ts";
import { type BenchOptions, killOnExit, log } from "./harness.ts";
import { CallProbe } from "./probe.ts";
import { cpuMeter } from "./proc.ts";
import { type BenchPorts, BLOCK, benchPorts, DID, hotlineConfig, TRUNK } from "./sides.ts";
import { startDeskPhones, startSipp } from "./sipp.ts";

const NODE_NAMES = ["a", "b"] as const;

interface BenchNode {
  name: string;
  ports: BenchPorts;
  asterisk: BenchAsterisk;
  probe: CallProbe;
}

export interface P50P95 {
  n: number;
  p50: number;
  p95: number;
}

export interface NodesStep {
  /** Nodes the app drove in this step (1: node a only; 2: a and b). */
  nodes: number;
  operators: number;
  /** Total calls per second offered, over all nodes. */
  rate: number;
  placed: number;
  /** Callers whose SIPp call passed and who shared a bridge with an operator. */
  answered: number;
  failed: number;
  perNode: {
    name: string;
    /** Caller channels this node's AMI saw. */
    callers: number;
    cpuS: number;
    cpuMsPerCall: number | undefined;
  }[];
  asteriskMsPerCall: number;
  appCpuS: number;
  appMsPerCall: number;
  /** Callers' wait in the records (wait_seconds), s. */
  wait: P50P95;
  /** Operator's answer → caller and operator in one bridge (Asterisk's timestamps), ms. */
  answerToBridged: P50P95;
  /** Closed records of this step's caller, by the node that carried them. */
  recordsByNode: Record<string, number>;
  seconds: number;
  errors: string;
}

export function p50p95(values: number[]): P50P95 {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95) };
}

/** Both Asterisk nodes, from the sandbox rendering, with the app's configurations for one and for two nodes. */
async function startNodes(o: BenchOptions, operators: number) {
  const base = await freePortBlock(NODE_NAMES.length * BLOCK);
  const desk = benchPorts(base);
  const common = { operators, ringTimeout: o.ringTimeout, maxWait: o.maxWait, soundsDir: o.soundsDir };
  const nodes: BenchNode[] = [];
  const stopNodes = async () => {
    for (const n of nodes) {
      await n.probe.close().catch(() => undefined);
      await n.asterisk.stop().catch(() => n.asterisk.kill());
    }
  };
  const root = join(o.work, `nodes-${operators}-operators`);
  let first: { config: HotlineConfig; file: string; notes: string[] } | undefined;
  try {
    for (const [i, name] of NODE_NAMES.entries()) {
      // Each node its own block; the desk phones are node a's, for both.
      const ports = { ...benchPorts(base + i * BLOCK), desk: desk.desk, deskMedia: desk.deskMedia };
      const made = await hotlineConfig({ ...common, dir: join(root, name), ports });
      first ??= made;
      await buildPrompts(made.config);
      const { spec } = await sandboxForConfig(made.config);
      // Distinct systemnames keep the two nodes' channel ids apart.
      spec.systemName = `ast-${name}`;
      const asterisk = new BenchAsterisk(spec);
      const probe = new CallProbe(ports.ami, asterisk.benchAmi, TRUNK);
      nodes.push({ name, ports, asterisk, probe });
      await asterisk.start();
      await probe.connect();
    }
  } catch (err) {
    await stopNodes();
    throw err;
  }
  const forget = killOnExit(await Promise.all(nodes.map((n) => n.asterisk.pid())));
  if (!first) throw new Error("no node");
  // The app's configurations sit beside node a's: the same records, state and sounds for both runs.
  const appConfigs: { file: string; config: HotlineConfig }[] = [];
  for (const count of [1, 2]) {
    const doc = parseDocument(await readFile(first.file, "utf8"));
    const list = nodes.slice(0, count).map((n) => ({
      name: n.name,
      ari: { url: n.asterisk.ariUrl, ...n.asterisk.spec.ari },
      ami: { host: "127.0.0.1", port: n.asterisk.spec.amiPort, ...n.asterisk.spec.ami },
    }));
    doc.setIn(["asterisk"], doc.createNode({ mode: "external", app: "hotline", nodes: list }));
    const file = join(root, NODE_NAMES[0], `app-${count}-node.yaml`);
    await writeFile(file, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
    const loaded = await loadConfig(file);
    if (!loaded.ok) throw new Error(`bench configuration:\n${loaded.errors.map((e) => formatIssue(e)).join("\n")}`);
    appConfigs.push({ file, config: loaded.config });
  }
  return {
    nodes,
    appConfigs,
    notes: first.notes,
    async stop() {
      forget();
      await stopNodes();
    },
  };
}

async function waitIdle(nodes: BenchNode[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (nodes.every((n) => n.probe.liveCallers <= 0 && n.probe.liveOperatorLegs <= 0)) return true;
    await sleep(200);
  }
  return false;
}

/**
 * One step: `calls` callers at `rate` per second in all, split evenly over the first `active`
 * nodes; the desk phones answer after ringMs and hang up after talkMs. CPU is measured from the
 * first call to the last hang-up, per Asterisk and for the app; every wait is bounded.
 */
async function runNodesStep(
  all: BenchNode[],
  active: number,
  app: HotlineProcess,
  db: Knex,
  spec: { operators: number; rate: number; calls: number; caller: string; workDir: string },
  o: BenchOptions,
): Promise<NodesStep> {
  const used = all.slice(0, active);
  // Node a's block holds the one desk-phone SIPp of both nodes.
  const deskPorts = all[0]?.ports;
  if (!deskPorts) throw new Error("no Asterisk node");
  await waitIdle(all, 30_000);
  const pids = await Promise.all(all.map((n) => n.asterisk.pid()));
  const placing = spec.calls / spec.rate;
  const callLength = o.maxWait + o.ringMs / 1000 + o.talkMs / 1000 + 30;
  const timeoutSeconds = Math.ceil(placing + callLength + 30);
  const desk = await startDeskPhones({
    name: `nodes${active}-${spec.caller}-desk`,
    workDir: spec.workDir,
    scenario: deskPhoneScenario({ ringMs: o.ringMs, action: "answer", talkMs: o.talkMs }),
    ports: deskPorts,
    timeoutSeconds: timeoutSeconds + 30,
  });
  for (const n of all) n.probe.reset();
  const cpu = pids.map((pid) => cpuMeter(() => pid));
  const appCpu = cpuMeter(() => app.pid);
  const started = Date.now();
  const callers = await Promise.all(
    used.map((n, i) => {
      // The first nodes take the odd call.
      const calls = Math.floor(spec.calls / active) + (i < spec.calls % active ? 1 : 0);
      return startSipp({
        name: `nodes${active}-${spec.caller}-callers-${n.name}`,
        workDir: spec.workDir,
        scenario: callerScenario([{ expectHangup: Math.ceil(callLength * 1000) }]),
        target: `127.0.0.1:${n.ports.sip}`,
        port: n.ports.sipp(0),
        mediaPort: n.ports.media(0),
        service: DID,
        keys: { caller: spec.caller },
        calls,
        rate: spec.rate / active,
        timeoutSeconds,
      });
    }),
  );
  const results = await Promise.all(callers.map((c) => c.done));
  await waitIdle(all, 15_000);
  const cpuS = cpu.map((m) => m());
  const appCpuS = appCpu();
  const seconds = (Date.now() - started) / 1000;
  const phones = await desk.stop();
  const seen = all.map((n) => n.probe.current);
  const successful = results.reduce((s, r) => s + r.successful, 0);
  const bridged = seen.reduce((s, c) => s + c.bridged, 0);
  const answered = Math.min(successful, bridged);
  const rows = await closedRows(db, spec.caller, spec.calls);
  const recordsByNode: Record<string, number> = {};
  // The app names the node in its records only when it drives several.
  for (const r of rows) recordsByNode[r.node ?? "unnamed"] = (recordsByNode[r.node ?? "unnamed"] ?? 0) + 1;
  const perCall = (s: number, calls: number) => (calls > 0 ? (s * 1000) / calls : undefined);
  return {
    nodes: active,
    operators: spec.operators,
    rate: spec.rate,
    placed: spec.calls,
    answered,
    failed: spec.calls - answered,
    perNode: all.map((n, i) => ({
      name: n.name,
      callers: seen[i]?.callers ?? 0,
      cpuS: cpuS[i] ?? 0,
      cpuMsPerCall: perCall(cpuS[i] ?? 0, seen[i]?.callers ?? 0),
    })),
    // The nodes that carried calls: an idle node's few ticks are shown in its own column.
    asteriskMsPerCall: (cpuS.slice(0, active).reduce((s, v) => s + v, 0) * 1000) / spec.calls,
    appCpuS,
    appMsPerCall: (appCpuS * 1000) / spec.calls,
    wait: p50p95(rows.flatMap((r) => (r.wait_seconds == null ? [] : [Number(r.wait_seconds)]))),
    answerToBridged: p50p95(seen.flatMap((c) => c.answerToBridged)),
    recordsByNode,
    seconds,
    errors: [...results.map((r) => r.errors), phones?.errors ? `desk phones: ${phones.errors}` : ""]
      .filter(Boolean)
      .join("\n")
      .slice(0, 1500),
  };
}

/** The step's closed call records (the writer batches): polled until all are there, bounded. */
async function closedRows(
  db: Knex,
  caller: string,
  expected: number,
  timeoutMs = 20_000,
): Promise<{ node: string | null; wait_seconds: number | null }[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: { node: string | null; wait_seconds: number | null }[] = [];
  while (Date.now() < deadline) {
    rows = await db("calls").where({ caller_number: caller }).whereNotNull("ended_at").select("node", "wait_seconds");
    if (rows.length >= expected) return rows;
    await sleep(500);
  }
  return rows;
}

export interface NodesRun {
  steps: NodesStep[];
  warmups: NodesStep[];
  notes: string[];
}

/** The whole comparison: the app over node a alone, then over a and b, each after a warm-up. */
export async function runNodes(o: BenchOptions): Promise<NodesRun> {
  const operators = o.operators[0] ?? 24;
  const rates = o.ladder.get(operators) ?? [2];
  log(`--nodes 2, ${operators} operators: starting two Asterisk nodes`);
  const setup = await startNodes(o, operators);
  const steps: NodesStep[] = [];
  const warmups: NodesStep[] = [];
  let n = 0;
  try {
    for (const [i, { file, config }] of setup.appConfigs.entries()) {
      const active = i + 1;
      const logDir = join(o.work, `nodes-${operators}-operators`, "logs", `${active}-node`);
      await mkdir(logDir, { recursive: true });
      const app = new HotlineProcess({
        config: file,
        stateDir: config.state.dir,
        logDir,
        logLevel: o.logLevel,
        inspectPort: setup.nodes[0]?.ports.inspect ?? 0,
      });
      const db = createKnex({ client: "sqlite", filename: config.database.filename });
      try {
        log(`app over ${active} node(s): starting`);
        app.start();
        await app.ready(operators);
        const step = (rate: number, calls: number) =>
          runNodesStep(
            setup.nodes,
            active,
            app,
            db,
            { operators, rate, calls, caller: `8${String(++n).padStart(4, "0")}`, workDir: join(o.work, "sipp") },
            o,
          );
        log(`app over ${active} node(s): warm-up`);
        warmups.push(await step(o.warmup.rate, o.warmup.calls));
        for (const rate of rates) {
          const calls = Math.max(1, Math.round(rate * o.stepSeconds));
          log(`app over ${active} node(s): ${calls} calls at ${rate}/s in all`);
          const result = await step(rate, calls);
          log(
            `  ${result.answered} answered, ${result.failed} failed; Asterisk ${result.perNode.map((p) => `${p.name} ${p.cpuS.toFixed(2)} s`).join(", ")}; app ${result.appCpuS.toFixed(2)} s`,
          );
          if (result.failed > 0 && result.errors)
            log(`  errors: ${result.errors.split("\n").slice(0, 4).join("\n    ")}`);
          steps.push(result);
        }
      } finally {
        await db.destroy();
        await app.stop();
      }
    }
  } finally {
    await setup.stop();
  }
  return { steps, warmups, notes: setup.notes };
}

const fixed = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits));

/** One row per step, one node and two nodes side by side at each total rate. */
export function nodesTable(steps: NodesStep[]): string {
  const names = [...new Set(steps.flatMap((s) => s.perNode.map((p) => p.name)))];
  const head = [
    "calls/s total",
    "nodes",
    "placed/answered/failed",
    ...names.map((name) => `node ${name}: calls, Asterisk CPU ms/call`),
    "Asterisk CPU ms/call total",
    "app CPU ms/call",
    "wait p50/p95 s",
    "answer→bridged p50/p95 ms",
    "records by node",
  ];
  const sorted = [...steps].sort((a, b) => a.rate - b.rate || a.nodes - b.nodes);
  const rows = sorted.map((s) => [
    String(s.rate),
    String(s.nodes),
    `${s.placed}/${s.answered}/${s.failed}`,
    ...names.map((name) => {
      const p = s.perNode.find((x) => x.name === name);
      return p && p.callers > 0 ? `${p.callers}, ${fixed(p.cpuMsPerCall, 0)}` : `0 (idle ${fixed(p?.cpuS, 2)} s)`;
    }),
    fixed(s.asteriskMsPerCall, 0),
    fixed(s.appMsPerCall, 1),
    `${fixed(s.wait.p50, 2)}/${fixed(s.wait.p95, 2)}`,
    `${fixed(s.answerToBridged.p50, 0)}/${fixed(s.answerToBridged.p95, 0)}`,
    Object.entries(s.recordsByNode)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "–",
  ]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}
