import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type SandboxConfig, sandboxConnection, sandboxForConfig } from "../asterisk/sandbox/from-config.ts";
import { ensureTools, installAsterisk } from "../asterisk/sandbox/install.ts";
import { freePortBlock } from "../asterisk/sandbox/ports.ts";
import type { Logger } from "../logger.ts";
import { type AppConfig, startHotline } from "../main.ts";
import type { CallRow } from "../records/call-records.ts";
import { buildPrompts } from "../sounds/build.ts";
import { runSipp } from "./sipp.ts";

export type DemoConfig = AppConfig & SandboxConfig & { organization: { name: string } };

export interface DemoOptions {
  callsPerNumber: number;
  /** Where the demo's Asterisk instance lives (its own, so a running sandbox is left alone). */
  workDir: string;
  out: (line: string) => void;
  logger: Logger;
}

export interface DemoResult {
  placed: number;
  completed: number;
  records: CallRow[];
}

/**
 * The whole hotline on this machine: a real Asterisk, the app, simulated callers on the trunk (SIPp),
 * then what happened. Everything it starts, it stops.
 */
export async function runDemo(base: DemoConfig, options: DemoOptions): Promise<DemoResult> {
  const { out } = options;
  out(`hotline demo — ${base.organization.name}`);
  const install = await installAsterisk({ logger: options.logger });
  await ensureTools((msg) => out(`  ${msg}`));
  out(`  ${install.version}${install.cached ? "" : ` (installed in ${install.seconds.toFixed(1)} s)`}`);

  // Free ports for this run, and the trunk identified by the simulated carrier's ports.
  const portBase = await freePortBlock(400);
  const numbers = base.numbers;
  const callerPorts = numbers.map((_, i) => portBase + 3 + i);
  const [firstTrunk, ...otherTrunks] = base.trunks;
  if (!firstTrunk) throw new Error("the configuration has no trunk for the simulated callers");
  const config: DemoConfig = {
    ...base,
    asterisk: {
      ...base.asterisk,
      sandbox: {
        sipPort: portBase,
        httpPort: portBase + 1,
        amiPort: portBase + 2,
        rtpStart: portBase + 100,
        rtpEnd: portBase + 299,
        dir: join(options.workDir, "asterisk"),
      },
    },
    trunks: [{ ...firstTrunk, match: callerPorts.map((p) => `127.0.0.1:${p}`) }, ...otherTrunks],
  };

  const prompts = await buildPrompts(config);
  out(`  prompts: ${prompts.rendered.length} rendered, ${prompts.upToDate.length + prompts.recorded.length} ready`);
  const instance = await sandboxForConfig(config);
  const started = await instance.start();
  out(`  Asterisk started in ${started.seconds.toFixed(2)} s (SIP 127.0.0.1:${portBase})`);
  const since = new Date();
  const app = await startHotline(config, {
    connection: sandboxConnection(instance),
    logger: options.logger,
    waitConnectedMs: 10_000,
  }).catch(async (err) => {
    await instance.stop();
    throw err;
  });
  try {
    out(`  app connected over ARI; records go to ${config.database.filename ?? config.database.client}`);
    out(`  ${numbers.length * options.callsPerNumber} simulated callers dial ${numbers.length} numbers…`);
    const results = await Promise.all(
      numbers.map((number, i) =>
        runSipp({
          scenario: "caller-greeting.xml",
          target: `127.0.0.1:${portBase}`,
          port: callerPorts[i] ?? 0,
          mediaPort: portBase + 300 + i * 10,
          service: number.did,
          keys: { caller: `6001000${String(i + 1).padStart(2, "0")}` },
          calls: options.callsPerNumber,
          rate: 2,
          timeoutSeconds: 60,
        }),
      ),
    );
    const placed = results.reduce((n, r) => n + r.successful + r.failed, 0);
    const completed = results.reduce((n, r) => n + r.successful, 0);
    await app.records.flush();
    let records: CallRow[] = [];
    for (let i = 0; i < 50; i++) {
      records = await app.db<CallRow>("calls").where("started_at", ">=", since.toISOString()).orderBy("started_at");
      if (records.length >= placed && records.every((r) => r.ended_at)) break;
      await sleep(100);
    }
    out("");
    out(table(records));
    out("");
    out(`  calls placed: ${placed}, completed by the callers: ${completed}, records written: ${records.length}`);
    return { placed, completed, records };
  } finally {
    await app.stop();
    await instance.stop();
    out("  stopped the app and the demo's Asterisk");
  }
}

function table(rows: CallRow[]): string {
  const head = ["caller", "number", "campaign", "lang", "outcome", "secs", "cause"];
  const body = rows.map((r) => [
    r.caller_number ?? "",
    r.did ?? "",
    r.campaign ?? "",
    r.language ?? "",
    r.outcome ?? "(in progress)",
    r.duration_seconds?.toFixed(1) ?? "",
    r.hangup_cause_text ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")}`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
