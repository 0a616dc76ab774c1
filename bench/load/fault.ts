import { setTimeout as sleep } from "node:timers/promises";
import { callerScenario } from "../../src/demo/scenario.ts";
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
import { patientDeskPhone } from "./scenarios.ts";
import { startDeskPhones } from "./sipp.ts";
import type { ModeReport } from "./soak.ts";
import { runStep, startCallers, waitIdle } from "./step.ts";

const int = (v: unknown, d: number) => (typeof v === "string" && Number(v) > 0 ? Number(v) : d);

/** Until `check` holds or timeoutMs pass; whether it held. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

/**
 * Fault modes on the hotline. app-kill: 50 live calls (most talking, the rest waiting), the app
 * killed with SIGKILL and started again; the calls must go on and end normally. asterisk-kill:
 * calls at a steady rate, Asterisk killed with SIGKILL mid-run and started again; what was in
 * progress is lost, the app must reconnect and serve the next calls. Then a check batch of calls
 * that must all pass, what was lost, and every operator's state.
 */
export async function runFault(o: BenchOptions, mode: string, raw: Record<string, unknown>): Promise<ModeReport> {
  const appKill = mode === "app-kill";
  const operators = int(raw.operators, 40);
  // Long enough talks that the kill finds calls talking and waiting; waits long enough not to time out.
  const talkMs = appKill ? 10_000 : o.talkMs;
  const options: BenchOptions = { ...o, maxWait: Math.max(o.maxWait, 60) };
  const { sides, stop } = await startSides(options, operators, ["hotline"]);
  const side = sides[0];
  if (!side?.app || !side.config) throw new Error("no hotline side");
  const app = side.app;
  const db = createKnex({ client: "sqlite", filename: side.config.database.filename });
  const caller = appKill ? "81000" : "82000";
  const calls = appKill ? int(raw.calls, 50) : int(raw.calls, 200);
  const rate = appKill ? int(raw.rate, 10) : int(raw.rate, 5);
  const events: string[] = [];
  const note = (line: string) => {
    log(`  ${line}`);
    events.push(line);
  };
  let asteriskPid = await side.asterisk.pid();
  const killOnExit = () => {
    try {
      if (asteriskPid) process.kill(asteriskPid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);
  try {
    const callLength = options.maxWait + (o.ringMs + talkMs) / 1000 + 30;
    const timeoutSeconds = Math.ceil(calls / rate + callLength + 60);
    const desk = await startDeskPhones({
      name: `${mode}-desk`,
      workDir: `${o.work}/sipp`,
      scenario: patientDeskPhone({ ringMs: o.ringMs, talkMs }),
      ports: side.ports,
      timeoutSeconds: timeoutSeconds + 30,
    });
    side.probe.reset();
    log(`${mode}: ${calls} calls at ${rate}/s, ${operators} operators, talks of ${talkMs / 1000} s`);
    const sipp = await startCallers(side, {
      name: `${mode}-callers`,
      workDir: `${o.work}/sipp`,
      scenario: callerScenario([{ expectHangup: Math.ceil(callLength * 1000) }]),
      caller: caller,
      calls: calls,
      rate: rate,
      timeoutSeconds,
    });
    let before: Awaited<ReturnType<typeof operatorStates>> | undefined;
    if (appKill) {
      const live = await until(
        () => side.probe.liveCallers >= calls && side.probe.current.bridged >= Math.min(operators, calls) - 5,
        60_000,
      );
      before = await operatorStates(side, db);
      const talking = before.lines.filter((l) => l.state === "on-call").length;
      note(
        `${side.probe.liveCallers} live calls (${talking} operators on a call)${live ? "" : " — fewer than wanted"}: kill -9 of the app`,
      );
      await app.crash();
      await sleep(2000);
      note(`the app is down for 2 s; ${side.probe.liveCallers} calls still up in Asterisk; starting it again`);
      const restarted = Date.now();
      app.start();
      const back = await app.waitForLog("ARI connected", 0, 60_000);
      note(
        back
          ? `the new app is on ARI ${Date.now() - restarted} ms after its start`
          : "the app did not come back within 60 s",
      );
    } else {
      await sleep(15_000);
      note(`${side.probe.liveCallers} live calls: SIGKILL of Asterisk`);
      const mark = app.logMark();
      await side.asterisk.kill();
      await sleep(2000);
      const restarted = Date.now();
      await side.asterisk.start();
      asteriskPid = await side.asterisk.pid();
      note(`Asterisk started again after 2 s down (${Date.now() - restarted} ms to answer on ARI)`);
      const back = await app.waitForLog("ARI connected", mark, 60_000);
      note(
        back
          ? `the app is back on ARI ${Date.now() - restarted} ms after Asterisk's restart`
          : "the app did not reconnect within 60 s",
      );
    }
    const result = await sipp.done;
    await waitIdle(side, 30_000);
    const phones = await desk.stop();
    const placed = result.successful + result.failed;
    const records = await recordsSummary(db, caller, placed);
    const seen = side.probe.current;
    // After the fault: calls must pass again, every one.
    log("check: 10 calls at 2/s after the fault");
    const check = await runStep(
      side,
      {
        operators,
        rate: 2,
        calls: 10,
        ringMs: o.ringMs,
        talkMs: o.talkMs,
        maxWait: options.maxWait,
        caller: `${caller.slice(0, 3)}99`,
        workDir: `${o.work}/sipp`,
      },
      db,
    );
    const states = await operatorStates(side, db);
    const left = await leftovers(side);
    const lines = [
      `Fault ${mode}: ${calls} calls at ${rate}/s, ${operators} operators, desk phones ring ${o.ringMs / 1000} s and talk ${talkMs / 1000} s`,
      "",
      ...events.map((e) => `- ${e}`),
      ...sippLines(result, phones),
      `- Asterisk saw ${seen.callers} calls${appKill ? "" : " (before and after its restart)"}, ${seen.bridged} with an operator`,
      `- ${outcomesText("records", placed, records)}`,
      `- check after the fault: ${check.ok}/${check.calls} calls with an operator, ${check.records ?? 0} records`,
      leftLine(left),
      "",
      operatorsText(states),
    ];
    return {
      text: lines.join("\n"),
      notes: side.notes,
      json: {
        fault: {
          mode,
          calls,
          rate,
          operators,
          talkMs,
          events,
          callers: result,
          phones,
          seen,
          records,
          check,
          states,
          before,
          leftovers: left,
        },
      },
    };
  } finally {
    process.off("exit", killOnExit);
    await db.destroy();
    await stop();
  }
}
