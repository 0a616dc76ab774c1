import { setTimeout as sleep } from "node:timers/promises";
import { createKnex } from "../../src/records/db.ts";
import {
  leftLine,
  leftovers,
  operatorStates,
  operatorsText,
  outcomesText,
  recordsSummary,
  sippLines,
} from "./aftermath.ts";
import { type BenchOptions, log, startSides } from "./harness.ts";
import { cpuMeter, rssBytes } from "./proc.ts";
import { impatientCaller, patientDeskPhone } from "./scenarios.ts";
import { startDeskPhones } from "./sipp.ts";
import { percentiles, startCallers, waitIdle } from "./step.ts";

export interface ModeReport {
  text: string;
  json: Record<string, unknown>;
  notes: string[];
}

const int = (v: unknown, d: number) => (typeof v === "string" && Number(v) > 0 ? Number(v) : d);

/**
 * The soak: 10,000 calls on the hotline at a steady rate, 30 % of the callers hanging up at a
 * random moment (in the greeting, waiting, ringing, talking). At the end: what was lost (failed
 * calls, missing or open records, channels or bridges left) and every operator's state.
 */
export async function runSoak(o: BenchOptions, _mode: string, raw: Record<string, unknown>): Promise<ModeReport> {
  const calls = int(raw.calls, 10_000);
  // A rate the hotline keeps up with on 2 cores: at 10/s it ran into Asterisk's HTTP session limit.
  const rate = int(raw.rate, 5);
  const operators = int(raw.operators, 80);
  const caller = "80000";
  log(`soak: ${calls} calls at ${rate}/s on the hotline with ${operators} operators`);
  const { sides, stop } = await startSides(o, operators, ["hotline"]);
  const side = sides[0];
  if (!side?.app || !side.config) throw new Error("no hotline side");
  const app = side.app;
  const db = createKnex({ client: "sqlite", filename: side.config.database.filename });
  try {
    const asteriskPid = await side.asterisk.pid();
    await app.collectGarbage();
    const rssStart = app.pid ? rssBytes(app.pid) : undefined;
    const placing = calls / rate;
    const patienceMs = (o.maxWait + 60) * 1000;
    const timeoutSeconds = Math.ceil(placing + patienceMs / 1000 + 120);
    const desk = await startDeskPhones({
      name: "soak-desk",
      workDir: `${o.work}/sipp`,
      scenario: patientDeskPhone({ ringMs: o.ringMs, talkMs: o.talkMs }),
      ports: side.ports,
      timeoutSeconds: timeoutSeconds + 60,
    });
    side.probe.reset();
    const asteriskCpu = cpuMeter(() => asteriskPid);
    const nodeCpu = cpuMeter(() => app.pid);
    const started = Date.now();
    const sipp = await startCallers(side, {
      name: "soak-callers",
      workDir: `${o.work}/sipp`,
      // The rest listen until the hotline hangs up; the greeting is about 2.5 s.
      scenario: impatientCaller({ share: 0.3, moments: [1500, 4000, 6000, 9000], patienceMs }),
      caller: caller,
      calls: calls,
      rate: rate,
      timeoutSeconds,
    });
    const rss: number[] = [];
    const progress = setInterval(() => {
      const now = app.pid ? rssBytes(app.pid) : undefined;
      if (now) rss.push(now);
      const seen = side.probe.current;
      log(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${seen.callers} calls, ${seen.bridged} with an operator, ${side.probe.liveCallers} live; node RSS ${((now ?? 0) / 2 ** 20).toFixed(0)} MB, CPU node ${nodeCpu().toFixed(0)} s, Asterisk ${asteriskCpu().toFixed(0)} s`,
      );
    }, 30_000);
    const result = await sipp.done;
    clearInterval(progress);
    await waitIdle(side, 30_000);
    const cpu = { asterisk: asteriskCpu(), node: nodeCpu() };
    const seconds = (Date.now() - started) / 1000;
    const phones = await desk.stop();
    const placed = result.successful + result.failed;
    const records = await recordsSummary(db, caller, placed);
    const states = await operatorStates(side, db);
    const left = await leftovers(side);
    await sleep(5000);
    await app.collectGarbage();
    const rssEnd = app.pid ? rssBytes(app.pid) : undefined;
    const seen = side.probe.current;
    const mb = (v: number | undefined) => (v === undefined ? "–" : `${(v / 2 ** 20).toFixed(0)} MB`);
    const invite = percentiles(result.rtt.map((r) => r.ms));
    const lines = [
      `Soak: ${calls} calls at ${rate}/s, ${operators} operators, 30 % of callers hang up at 1.5, 4, 6 or 9 s after the answer; ${seconds.toFixed(0)} s`,
      "",
      ...sippLines(result, phones),
      `- Asterisk saw ${seen.callers} calls, ${seen.bridged} of them with an operator; INVITE→200 p50/p99 ${invite.p50}/${invite.p99} ms; answer→bridged p50/p99 ${Math.round(percentiles(seen.answerToBridged).p50)}/${Math.round(percentiles(seen.answerToBridged).p99)} ms`,
      `- ${outcomesText("records", placed, records)}`,
      leftLine(left),
      `- CPU: Asterisk ${cpu.asterisk.toFixed(1)} s, node ${cpu.node.toFixed(1)} s (${((cpu.node * 1000) / Math.max(1, placed)).toFixed(0)} ms a call)`,
      `- node RSS: ${mb(rssStart)} before, ${mb(Math.max(0, ...rss))} at most, ${mb(rssEnd)} after (idle, each after a full GC)`,
      "",
      operatorsText(states),
    ];
    return {
      text: lines.join("\n"),
      notes: side.notes,
      json: {
        soak: { calls, rate, operators, seconds, callers: result, phones, seen, records, states, leftovers: left, cpu },
        rss: { start: rssStart, max: Math.max(0, ...rss), end: rssEnd },
      },
    };
  } finally {
    await db.destroy();
    await stop();
  }
}
