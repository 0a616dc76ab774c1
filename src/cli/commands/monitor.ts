import type { Command } from "commander";
import type { MonitorInfo } from "../../calls/monitor/types.ts";
import { UsageError } from "../errors.ts";
import { print, printTable } from "../table.ts";

interface MonitorOptions {
  config?: string;
  listen?: boolean;
  whisper?: boolean;
  barge?: boolean;
  to?: string;
  list?: boolean;
  stop?: string;
  json?: boolean;
}

/**
 * `hotline monitor <operator> --listen|--whisper|--barge --to <endpoint>`: ring a supervisor's desk
 * phone into an operator's conversation; `--list` the sessions in progress, `--stop <id>` one.
 * `hotline disposition <call> <code> [--notes …]`: a call's outcome. Both through the running app.
 */
export function registerMonitorCommands(program: Command): void {
  program
    .command("monitor [operator]")
    .description("listen to, coach (whisper) or join (barge) an operator's call from a supervisor's desk phone")
    .option("-c, --config <file>", "hotline configuration")
    .option("--listen", "hear operator and caller; nobody hears you")
    .option("--whisper", "hear both; only the operator hears you")
    .option("--barge", "join the conversation; all three talk")
    .option("--to <endpoint>", "the supervisor's desk phone (default: the only supervisor's)")
    .option("--list", "monitoring sessions in progress")
    .option("--stop <id>", "end a monitoring session")
    .option("--json", "machine-readable output")
    .action(async (operator: string | undefined, opts: MonitorOptions) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { ControlClient } = await import("../../operators/control-client.ts");
      const config = await loadConfigForCli(opts.config);
      const client = await ControlClient.connect(config.state.dir);
      if (opts.list) {
        const sessions = (await client.request("GET", "/monitor")) as MonitorInfo[];
        if (opts.json) return print(JSON.stringify(sessions, null, 2));
        if (sessions.length === 0) return print("no monitoring in progress");
        return printTable(
          ["id", "operator", "supervisor", "mode", "phone", "since"],
          sessions.map((s) => [s.id, s.operator, s.supervisor, s.mode, s.endpoint, s.startedAt]),
        );
      }
      if (opts.stop) {
        await client.request("DELETE", `/monitor/${encodeURIComponent(opts.stop)}`);
        return print(`monitoring ${opts.stop} stopped`);
      }
      const modes = (["listen", "whisper", "barge"] as const).filter((m) => opts[m]);
      if (!operator || modes.length !== 1) {
        throw new UsageError("give an operator and one of --listen, --whisper, --barge (or --list, --stop <id>)");
      }
      const supervisors = Object.values(config.supervisors);
      const to = opts.to ?? (supervisors.length === 1 ? supervisors[0]?.endpoint : undefined);
      if (!to) {
        throw new UsageError(
          `give --to: ${supervisors.map((s) => s.endpoint).join(", ") || "no supervisors are configured"}`,
        );
      }
      const answer = (await client.request("POST", `/operators/${encodeURIComponent(operator)}/monitor`, {
        mode: modes[0],
        to,
      })) as MonitorInfo | { ringing: string };
      if (opts.json) return print(JSON.stringify(answer, null, 2));
      if ("ringing" in answer) return print(`ringing ${to}: monitoring starts when it is answered`);
      print(`${answer.mode} on ${answer.operator}'s call from ${answer.endpoint} (session ${answer.id})`);
    });

  program
    .command("disposition <call> <code>")
    .description("the outcome of a call: a disposition's digit or name (e.g. 1 or resolved)")
    .option("-c, --config <file>", "hotline configuration")
    .option("--notes <text>", "a note on the call")
    .action(async (call: string, code: string, opts: { config?: string; notes?: string }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { ControlClient } = await import("../../operators/control-client.ts");
      const config = await loadConfigForCli(opts.config);
      const client = await ControlClient.connect(config.state.dir);
      const answer = (await client.request("POST", `/calls/${encodeURIComponent(call)}/disposition`, {
        code,
        ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
      })) as { disposition: string };
      print(`${call}: ${answer.disposition}`);
    });
}
