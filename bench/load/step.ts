import { setTimeout as sleep } from "node:timers/promises";
import type { Knex } from "knex";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { cpuMeter, rssBytes } from "./proc.ts";
import type { Side } from "./sides.ts";
import { DID } from "./sides.ts";
import { startDeskPhones, startSipp } from "./sipp.ts";

export interface StepSpec {
  operators: number;
  /** Calls per second offered. */
  rate: number;
  calls: number;
  ringMs: number;
  talkMs: number;
  maxWait: number;
  /** Distinct caller number of this step: its records are found by it. */
  caller: string;
  workDir: string;
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
}

export interface StepResult {
  side: "native" | "hotline";
  operators: number;
  rate: number;
  calls: number;
  /** Callers whose SIPp call passed and who shared a bridge with an operator. */
  ok: number;
  failed: number;
  sippFailed: number;
  deskPhoneFailed: number;
  inviteTo200: Percentiles;
  answerToBridged: Percentiles;
  cpu: { asterisk: number; node?: number };
  /** CPU seconds per second with no call at all, just before the step. */
  idleCpu: { asterisk: number; node?: number };
  peakLive: number;
  /**
   * Node's RSS with the most calls live (no GC forced then: it would pause live calls) less its
   * RSS idle after a full GC, per live call: an upper bound, garbage of the calls included.
   */
  rssPerLiveCallKb?: number;
  rssIdleMb?: number;
  /** Closed call records of this step's caller (hotline side). */
  records?: number;
  seconds: number;
  errors: string;
}

/** The idle measurement before each step. */
const IDLE_MS = 2000;

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99) };
}

/**
 * One step on one side: the desk phones answer after ringMs and hang up after talkMs; `calls`
 * callers at `rate` per second listen until the hotline (or the dialplan) hangs up. Measured
 * between the first call and the last hang-up; every wait is bounded.
 */
export async function runStep(side: Side, spec: StepSpec, db?: Knex): Promise<StepResult> {
  const { probe, asterisk, app } = side;
  await waitIdle(side, 30_000);
  const asteriskPid = await asterisk.pid();
  if (!asteriskPid) throw new Error(`${side.kind}: Asterisk is not running`);
  const idleAsterisk = cpuMeter(() => asteriskPid);
  const idleNode = app ? cpuMeter(() => app.pid) : undefined;
  await sleep(IDLE_MS);
  const idleCpu = {
    asterisk: idleAsterisk() / (IDLE_MS / 1000),
    ...(idleNode ? { node: idleNode() / (IDLE_MS / 1000) } : {}),
  };
  await app?.collectGarbage();
  const rssIdle = app?.pid ? rssBytes(app.pid) : undefined;
  const placing = spec.calls / spec.rate;
  const callLength = spec.maxWait + spec.ringMs / 1000 + spec.talkMs / 1000 + 30;
  const timeoutSeconds = Math.ceil(placing + callLength + 30);
  const desk = await startDeskPhones({
    name: `${side.kind}-${spec.caller}-desk`,
    workDir: spec.workDir,
    scenario: deskPhoneScenario({ ringMs: spec.ringMs, action: "answer", talkMs: spec.talkMs }),
    ports: side.ports,
    timeoutSeconds: timeoutSeconds + 30,
  });
  probe.reset();
  const asteriskCpu = cpuMeter(() => asteriskPid);
  const nodeCpu = app ? cpuMeter(() => app.pid) : undefined;
  const started = Date.now();
  const callers = await startCallers(side, {
    name: `${side.kind}-${spec.caller}-callers`,
    workDir: spec.workDir,
    scenario: callerScenario([{ expectHangup: Math.ceil(callLength * 1000) }]),
    caller: spec.caller,
    calls: spec.calls,
    rate: spec.rate,
    timeoutSeconds,
  });
  // Node's memory while calls are live: sampled with how many are live at that moment.
  const samples: { rss: number; live: number }[] = [];
  const sampler = setInterval(() => {
    const rss = app?.pid ? rssBytes(app.pid) : undefined;
    if (rss !== undefined) samples.push({ rss, live: probe.liveCallers });
  }, 250);
  const calls = await callers.done;
  clearInterval(sampler);
  await waitIdle(side, 15_000);
  const cpu = { asterisk: asteriskCpu(), ...(nodeCpu ? { node: nodeCpu() } : {}) };
  const seconds = (Date.now() - started) / 1000;
  const phones = await desk.stop();
  const seen = probe.current;
  const ok = Math.min(calls.successful, seen.bridged);
  const result: StepResult = {
    side: side.kind,
    operators: spec.operators,
    rate: spec.rate,
    calls: spec.calls,
    ok,
    failed: spec.calls - ok,
    sippFailed: calls.failed,
    deskPhoneFailed: phones?.failed ?? -1,
    inviteTo200: percentiles(calls.rtt.map((r) => r.ms)),
    answerToBridged: percentiles(seen.answerToBridged),
    cpu,
    idleCpu,
    peakLive: seen.peakLive,
    seconds,
    errors: [calls.errors, phones?.errors ? `desk phones: ${phones.errors}` : ""]
      .filter(Boolean)
      .join("\n")
      .slice(0, 1500),
  };
  if (rssIdle !== undefined) {
    result.rssIdleMb = rssIdle / 2 ** 20;
    result.rssPerLiveCallKb = perLiveCall(samples, rssIdle);
  }
  if (db) result.records = await closedRecords(db, spec.caller, spec.calls);
  return result;
}

/**
 * Node's memory per live call: the samples taken with the most calls live (at least 90 % of the
 * peak), their median RSS above the idle RSS, divided by the calls live then.
 */
export function perLiveCall(samples: { rss: number; live: number }[], idle: number): number | undefined {
  const peak = Math.max(0, ...samples.map((s) => s.live));
  if (peak === 0) return undefined;
  const busy = samples.filter((s) => s.live >= 0.9 * peak).map((s) => (s.rss - idle) / s.live);
  busy.sort((a, b) => a - b);
  return (busy[Math.floor(busy.length / 2)] ?? 0) / 1024;
}

/** Callers on this side's trunk: SIPp dialling the hotline's number as `caller`, at `rate` per second. */
export function startCallers(
  side: Side,
  o: {
    name: string;
    workDir: string;
    scenario: string;
    caller: string;
    calls: number;
    rate: number;
    timeoutSeconds: number;
  },
) {
  return startSipp({
    name: o.name,
    workDir: o.workDir,
    scenario: o.scenario,
    target: `127.0.0.1:${side.ports.sip}`,
    port: side.ports.sipp(0),
    mediaPort: side.ports.media(0),
    service: DID,
    keys: { caller: o.caller },
    calls: o.calls,
    rate: o.rate,
    timeoutSeconds: o.timeoutSeconds,
  });
}

/** Until no caller or operator channel is left on this side's Asterisk, or timeoutMs. */
export async function waitIdle(side: Side, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (side.probe.liveCallers <= 0 && side.probe.liveOperatorLegs <= 0) return true;
    await sleep(200);
  }
  return false;
}

/** The step's call records, once closed (the writer batches): polled until all are there, bounded. */
export async function closedRecords(db: Knex, caller: string, expected: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while (Date.now() < deadline) {
    const row = await db("calls").where({ caller_number: caller }).whereNotNull("ended_at").count({ n: "*" }).first();
    count = Number(row?.n ?? 0);
    if (count >= expected) return count;
    await sleep(500);
  }
  return count;
}
