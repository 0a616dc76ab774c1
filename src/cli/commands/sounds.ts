import type { Command } from "commander";

/** `hotline sounds build`: render the configuration's prompt texts to Asterisk-ready audio. */
export function registerSoundsCommands(program: Command): void {
  const sounds = program.command("sounds").description("the prompts callers hear");
  sounds
    .command("build")
    .description("render each prompt text to 8 kHz mono WAV (espeak-ng + sox); recorded files are kept")
    .option("-c, --config <file>", "hotline configuration")
    .option("--force", "render every prompt again, recorded ones included")
    .action(async (opts: { config?: string; force?: boolean }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { ensureTools } = await import("../../asterisk/sandbox/install.ts");
      const { buildPrompts, requiredPrompts } = await import("../../sounds/build.ts");
      const config = await loadConfigForCli(opts.config);
      await ensureTools(undefined, ["espeak-ng", "sox"]);
      const width = String(requiredPrompts(config).length).length;
      const report = await buildPrompts(config, {
        force: opts.force,
        // Each one as it is done: a first build renders a few hundred.
        onProgress: (done, total, p) =>
          process.stdout.write(`[${String(done).padStart(width)}/${total}] rendered  ${p.path}\n`),
      });
      for (const p of report.recorded) process.stdout.write(`recorded  ${p.path} (kept: a person recorded it)\n`);
      process.stdout.write(
        `${report.rendered.length} rendered, ${report.upToDate.length} up to date, ${report.recorded.length} recorded by a person\n`,
      );
    });
}
