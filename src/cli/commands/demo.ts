import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";

/** `hotline demo`: the whole hotline on this machine, with simulated callers and operators, then the report. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "run a real Asterisk, the app, simulated callers and operators; print the calls; write the weekly report; stop everything",
    )
    .option("-c, --config <file>", "hotline configuration (default: the example)")
    .option("--out <dir>", "where the weekly report goes", "var/reports/demo")
    .action(async (opts: { config?: string; out: string }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { runDemo } = await import("../../demo/run-demo.ts");
      const { createLogger } = await import("../../logger.ts");
      const config = await loadConfigForCli(opts.config);
      const workDir = await mkdtemp(join(tmpdir(), "hotline-demo-"));
      try {
        const result = await runDemo(config, {
          workDir,
          reportDir: resolve(opts.out),
          out: (line) => process.stdout.write(`${line}\n`),
          logger: createLogger({ name: "demo", level: process.env.HOTLINE_LOG_LEVEL ?? "warn" }),
        });
        if (result.records.length < result.placed) process.exitCode = 1;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
}
