import type { Command } from "commander";
import { UsageError } from "../errors.ts";

const VERBS = ["complete", "swap", "cancel"] as const;

/**
 * `hotline transfer CALL --to NAME [--attended]` and `hotline transfer complete|swap|cancel CALL`:
 * a supervisor's (or a softphone integration's) way to the transfers the operators' keys start,
 * through the running app's control API.
 */
export function registerTransferCommand(program: Command): void {
  program
    .command("transfer <call-or-verb> [call]")
    .description("transfer a call in progress to a directory entry or hotline; complete, swap or cancel a consult")
    .option("-c, --config <file>", "hotline configuration")
    .option("--to <name>", "directory key, code or hotline")
    .option("--attended", "consult the target first (then complete, swap or cancel)")
    .option("--json", "machine-readable output")
    .action(
      async (
        first: string,
        second: string | undefined,
        opts: { config?: string; to?: string; attended?: boolean; json?: boolean },
      ) => {
        const verb = (VERBS as readonly string[]).includes(first) ? first : undefined;
        const callId = verb ? second : first;
        if (!callId || (verb === undefined && !opts.to) || (verb && opts.to)) {
          throw new UsageError(
            "use: hotline transfer CALL --to NAME [--attended] | hotline transfer complete|swap|cancel CALL",
          );
        }
        const { loadConfigForCli } = await import("../load-config.ts");
        const config = await loadConfigForCli(opts.config);
        const { ControlClient } = await import("../../operators/control-client.ts");
        const client = await ControlClient.connect(config.state.dir);
        const path = `/calls/${encodeURIComponent(callId)}/transfer${verb ? `/${verb}` : ""}`;
        const body = verb ? undefined : { to: opts.to, kind: opts.attended ? "attended" : "blind" };
        const answer = await client.request("POST", path, body);
        process.stdout.write(`${opts.json ? JSON.stringify(answer, null, 2) : describe(verb, answer)}\n`);
      },
    );
}

function describe(verb: string | undefined, answer: unknown): string {
  const a = answer as { id?: string; to?: string; kind?: string; talkingTo?: string };
  if (verb === "swap") return `now talking to the ${a.talkingTo}`;
  if (verb === "complete") return "transfer completed: the caller talks with the target";
  if (verb === "cancel") return "consult cancelled: back with the caller";
  return `${a.kind} transfer ${a.id} to ${a.to} started`;
}
