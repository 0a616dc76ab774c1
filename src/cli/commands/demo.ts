import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { runDemo } from "../../demo/run-demo.ts";
import { createLogger } from "../../logger.ts";
import { loadConfigForCli } from "../load-config.ts";

/** `hotline demo`: the whole hotline on this machine, with simulated callers, then what happened. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run a real Asterisk, the app and simulated callers; print the calls and records; stop everything")
    .option("-c, --config <file>", "hotline configuration (default: the example)")
    .option("--calls <n>", "calls per advertised number", "2")
    .action(async (opts: { config?: string; calls: string }) => {
      const config = await loadConfigForCli(opts.config);
      const workDir = await mkdtemp(join(tmpdir(), "hotline-demo-"));
      try {
        const result = await runDemo(config, {
          callsPerNumber: Math.max(1, Number(opts.calls) || 2),
          workDir,
          out: (line) => process.stdout.write(`${line}\n`),
          logger: createLogger({ name: "demo", level: process.env.HOTLINE_LOG_LEVEL ?? "warn" }),
        });
        if (result.completed < result.placed || result.records.length < result.placed) process.exitCode = 1;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
}
