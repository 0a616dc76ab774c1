import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";

/** Marks a folder `hotline demo` made, and may empty. */
const DEMO_MARKER = ".hotline-demo";

/** `hotline demo`: the whole hotline on this machine, with simulated callers and operators, then the report. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "run a real Asterisk, the app, simulated callers and operators; print the calls; write the weekly report; stop everything",
    )
    .option("-c, --config <file>", "hotline configuration (default: the example)")
    .option("-o, --out <dir>", "where the weekly report goes", "var/reports/demo")
    .option("--dir <dir>", "the demo's own database, state, recordings and Asterisk (emptied first)", "var/demo")
    .action(async (opts: { config?: string; out: string; dir: string }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { runDemo } = await import("../../demo/run-demo.ts");
      const { createLogger } = await import("../../logger.ts");
      const config = await loadConfigForCli(opts.config);
      // Afresh each time, so its report describes this demo's calls only; kept afterwards (its voicemails).
      const workDir = resolve(opts.dir);
      // Only a folder a demo made is emptied: a mistyped --dir never costs anyone their files.
      const entries = await readdir(workDir).catch(() => [] as string[]);
      if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
        throw new Error(`${workDir} is not a demo folder (no ${DEMO_MARKER}); give --dir an empty or new folder`);
      }
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      await writeFile(join(workDir, DEMO_MARKER), "made by `hotline demo`; the next demo empties this folder\n");
      const result = await runDemo(config, {
        workDir,
        reportDir: resolve(opts.out),
        out: (line) => process.stdout.write(`${line}\n`),
        logger: createLogger({ name: "demo", level: process.env.HOTLINE_LOG_LEVEL ?? "warn" }),
      });
      if (result.records.length < result.placed) process.exitCode = 1;
    });
}
