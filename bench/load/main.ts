/**
 * The load bench: native Asterisk (dialplan + Queue()) against the hotline on the same unpacked
 * Asterisk, the same SIPp callers and SIPp desk phones, A/B alternating in one run.
 * Run: npm run bench:load [-- --quick | --nodes 2 | --soak | --fault app-kill | --fault asterisk-kill]
 * Every option: npm run bench:load -- --help
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { asteriskVersion, ensureTools, installAsterisk } from "../../src/asterisk/sandbox/install.ts";
import { createKnex } from "../../src/records/db.ts";
import { runFault } from "./fault.ts";
import { type BenchOptions, log, profileDir, startSides } from "./harness.ts";
import { nodesTable, runNodes } from "./nodes.ts";
import { machine } from "./proc.ts";
import { type ProfileSummary, profileText, summarizeProfile } from "./profile.ts";
import { headerLines, stepTable, verdicts, verdictTable } from "./report.ts";
import type { Side } from "./sides.ts";
import { runSoak } from "./soak.ts";
import { runStep, type StepResult } from "./step.ts";

const ROOT = resolve(import.meta.dirname, "../..");

const HELP = `npm run bench:load -- [options]
  --quick                one step (8 operators, 2 calls/s, 10 s) after a short warm-up: about 1.5 minutes
  --operators 8,160      operator counts (default 8,160)
  --rates "8:1,2,3,4,6 160:10,15,20,30,40,50"
                         the ladder per operator count; a side stops at its first step with a failure
  --step-seconds 20      seconds of calls per step
  --ring 1 --talk 3      seconds a desk phone rings before answering, and talks before hanging up
  --max-wait 15          seconds a caller waits for an operator; longer is a failed call
  --cpu-prof             write a V8 CPU profile of the hotline (results/) and print its top frames
  --log-level info       the hotline's log level (as shipped: info)
  --soak                 10,000 calls at 5/s, 80 operators, random caller hang-ups (--calls, --rate, --operators)
  --fault app-kill       kill -9 of the app with 50 live calls, then restart it
  --fault asterisk-kill  SIGKILL of Asterisk under load, then restart it
  --nodes 2              the app over one Asterisk node at R calls/s against the app over two nodes at R/2 each,
                         same operators and total rate (default 24 operators, rates 2,4, 20 s steps; with
                         --quick rate 4, 10 s steps: about 2 minutes); per node Asterisk CPU per call, the app's
                         CPU per call, the records' node split
Traffic stays on 127.0.0.1. Results: the table on stdout, JSON in bench/load/results/.`;

function options(): {
  o: BenchOptions;
  mode: "ab" | "soak" | "app-kill" | "asterisk-kill" | "nodes";
  raw: Record<string, unknown>;
} {
  const { values } = parseArgs({
    options: {
      help: { type: "boolean" },
      quick: { type: "boolean" },
      soak: { type: "boolean" },
      fault: { type: "string" },
      nodes: { type: "string" },
      operators: { type: "string" },
      rates: { type: "string" },
      "step-seconds": { type: "string" },
      ring: { type: "string" },
      talk: { type: "string" },
      "max-wait": { type: "string" },
      "cpu-prof": { type: "boolean" },
      "log-level": { type: "string" },
      calls: { type: "string" },
      rate: { type: "string" },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (v: string | undefined, d: number) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${v}`);
    return n;
  };
  const quick = values.quick === true;
  if (values.nodes !== undefined && values.nodes !== "2") throw new Error(`--nodes compares 1 and 2 nodes: --nodes 2`);
  const nodes = values.nodes === "2";
  const operators = (values.operators ?? (nodes ? "24" : quick ? "8" : "8,160")).split(",").map((v) => num(v, 0));
  const ladder = new Map<number, number[]>([
    [8, quick ? [2] : [1, 2, 3, 4, 6]],
    [160, [10, 15, 20, 30, 40, 50]],
    [24, nodes ? (quick ? [4] : [2, 4]) : [3]],
  ]);
  for (const part of (values.rates ?? "").split(/\s+/).filter(Boolean)) {
    const [ops, list] = part.split(":");
    ladder.set(
      num(ops, 0),
      (list ?? "").split(",").map((v) => num(v, 0)),
    );
  }
  for (const ops of operators) if (!ladder.has(ops)) ladder.set(ops, [Math.max(1, Math.round(ops / 8))]);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const mode = nodes
    ? "nodes"
    : values.soak
      ? "soak"
      : values.fault === "app-kill" || values.fault === "asterisk-kill"
        ? values.fault
        : "ab";
  if (values.fault && mode === "ab") throw new Error(`--fault is app-kill or asterisk-kill, not ${values.fault}`);
  return {
    mode,
    raw: values,
    o: {
      operators,
      ladder,
      stepSeconds: num(values["step-seconds"], quick ? 10 : 20),
      warmup: quick ? { rate: 4, calls: 4 } : { rate: 2, calls: 10 },
      ringMs: num(values.ring, 1) * 1000,
      talkMs: num(values.talk, 3) * 1000,
      maxWait: num(values["max-wait"], 15),
      // The hotline's shortest ring timeout (5 s); the phones answer after `ring`, well within it.
      ringTimeout: 5,
      cpuProf: values["cpu-prof"] === true,
      logLevel: values["log-level"] ?? "info",
      work: join(ROOT, "var/bench-load", stamp),
      soundsDir: join(ROOT, "var/bench-load/sounds"),
      resultsDir: join(ROOT, "bench/load/results"),
      stamp,
    },
  };
}

interface AbRun {
  steps: StepResult[];
  warmups: StepResult[];
  notes: string[];
  profiles: ProfileSummary[];
}

async function abRun(o: BenchOptions): Promise<AbRun> {
  const steps: StepResult[] = [];
  const warmups: StepResult[] = [];
  const profiles: ProfileSummary[] = [];
  const notes = new Set<string>();
  let n = 0;
  for (const operators of o.operators) {
    log(`${operators} operators: starting native Asterisk and the hotline`);
    const { sides, stop } = await startSides(o, operators, ["hotline", "native"]);
    const hotline = sides.find((s) => s.kind === "hotline");
    const native = sides.find((s) => s.kind === "native");
    for (const note of hotline?.notes ?? []) notes.add(note);
    const db = hotline?.config
      ? createKnex({ client: "sqlite", filename: hotline.config.database.filename })
      : undefined;
    const step = (side: Side, rate: number, calls: number) =>
      runStep(
        side,
        {
          operators,
          rate,
          calls,
          ringMs: o.ringMs,
          talkMs: o.talkMs,
          maxWait: o.maxWait,
          caller: `7${String(++n).padStart(4, "0")}`,
          workDir: join(o.work, "sipp"),
        },
        side.kind === "hotline" ? db : undefined,
      );
    try {
      // A few calls first on each side: JIT, caches and the heap settle before anything is measured.
      for (const side of [native, hotline]) {
        if (!side) continue;
        log(`${operators} operators, ${side.kind}: warm-up`);
        warmups.push(await step(side, o.warmup.rate, o.warmup.calls));
      }
      const failed = new Set<string>();
      for (const [i, rate] of (o.ladder.get(operators) ?? []).entries()) {
        // ABBA: neither side always runs first on a warmer machine.
        const order = (i % 2 === 0 ? [native, hotline] : [hotline, native]).filter((s): s is Side => s !== undefined);
        for (const side of order) {
          if (failed.has(side.kind)) continue;
          const calls = Math.max(1, Math.round(rate * o.stepSeconds));
          log(`${operators} operators, ${side.kind}: ${calls} calls at ${rate}/s`);
          const result = await step(side, rate, calls);
          log(
            `  ${result.ok} ok, ${result.failed} failed; INVITE→200 p99 ${result.inviteTo200.p99} ms; bridged p99 ${Math.round(result.answerToBridged.p99)} ms; CPU Asterisk ${result.cpu.asterisk.toFixed(2)} s${result.cpu.node === undefined ? "" : `, node ${result.cpu.node.toFixed(2)} s`}`,
          );
          if (result.failed > 0 && result.errors)
            log(`  errors: ${result.errors.split("\n").slice(0, 4).join("\n    ")}`);
          steps.push(result);
          if (result.failed > 0) failed.add(side.kind);
        }
        if (failed.size === order.length) break;
      }
    } finally {
      await db?.destroy();
      await stop();
    }
    if (o.cpuProf && hotline?.app) {
      const profile = await summarizeProfile(profileDir(o), hotline.app.startupMs);
      if (profile) profiles.push(profile);
    }
  }
  return { steps, warmups, notes: [...notes], profiles };
}

async function main(): Promise<void> {
  const { o, mode, raw } = options();
  // Ctrl-C or a kill: exit through process.exit, so the exit hooks kill the sandboxes' Asterisk
  // (detached, in its own process group); the app and SIPp share the bench's group.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  await installAsterisk();
  await ensureTools((msg) => log(msg));
  await mkdir(o.resultsDir, { recursive: true });
  await mkdir(o.work, { recursive: true });
  const header = {
    date: new Date().toISOString(),
    machine: machine(),
    asterisk: `Asterisk ${await asteriskVersion()}`,
    settings: `desk phones ring ${o.ringMs / 1000} s, talk ${o.talkMs / 1000} s; ${o.stepSeconds} s of calls per step; a caller not with an operator within ${o.maxWait} s is a failed call`,
    notes: [] as string[],
  };
  if (mode === "soak" || mode === "app-kill" || mode === "asterisk-kill") {
    const run = mode === "soak" ? runSoak : runFault;
    const report = await run(o, mode, raw);
    header.notes.push(...report.notes);
    const text = `${headerLines(header)}\n\n${report.text}\n`;
    process.stdout.write(text);
    const file = join(o.resultsDir, `${mode}-${o.stamp}.json`);
    await writeFile(file, `${JSON.stringify({ ...header, mode, ...report.json }, null, 2)}\n`);
    log(`results: ${file}`);
    return;
  }
  if (mode === "nodes") {
    const run = await runNodes(o);
    header.notes.push(...run.notes);
    process.stdout.write(`${headerLines(header)}\n\n${nodesTable(run.steps)}\n`);
    const file = join(o.resultsDir, `nodes-${o.stamp}.json`);
    await writeFile(file, `${JSON.stringify({ ...header, mode, ...run }, null, 2)}\n`);
    log(`results: ${file}`);
    return;
  }
  const { steps, warmups, notes, profiles } = await abRun(o);
  header.notes.push(...notes);
  const list = verdicts(steps);
  const text = [
    headerLines(header),
    stepTable(steps),
    "Targets (ratios to native in the same run):",
    verdictTable(list),
    ...profiles.map(profileText),
  ].join("\n\n");
  process.stdout.write(`${text}\n`);
  const file = join(o.resultsDir, `ab-${o.stamp}.json`);
  await writeFile(file, `${JSON.stringify({ ...header, mode, steps, warmups, verdicts: list, profiles }, null, 2)}\n`);
  log(`results: ${file}`);
}

await main();
