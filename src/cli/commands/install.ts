import type { Command } from "commander";

/** `hotline install systemd`: the units for this configuration, printed or written; never runs systemctl. */
export function registerInstallCommands(program: Command): void {
  const install = program.command("install").description("files to run the hotline as a service on this machine");
  install
    .command("systemd")
    .description("render systemd units (app, sandbox Asterisk), sysusers.d and tmpfiles.d for this configuration")
    .option("-c, --config <file>", "hotline configuration")
    .option("-o, --out <dir>", "write the files there (e.g. /etc/systemd/system) and print the commands to run")
    .option("--user <name>", "the service user", "hotline")
    .option("--drain <seconds>", "on stop, let calls in progress finish for up to this long", "10")
    .action(async (opts: { config?: string; out?: string; user: string; drain: string }) => {
      const { mkdir, writeFile } = await import("node:fs/promises");
      const { join, resolve } = await import("node:path");
      const { PACKAGE_ROOT } = await import("../../package-root.ts");
      const { UsageError } = await import("../errors.ts");
      const { loadConfigForCli } = await import("../load-config.ts");
      const { nextSteps, renderSystemd, systemdInputFor, systemdWarnings } = await import("../../deploy/systemd.ts");
      if (!/^[a-z_][a-z0-9_-]{0,30}$/.test(opts.user)) throw new UsageError(`--user ${opts.user}: not a user name`);
      const drain = Number(opts.drain);
      if (!Number.isInteger(drain) || drain < 0 || drain > 3600) {
        throw new UsageError(`--drain ${opts.drain}: expected whole seconds, 0 to 3600`);
      }
      const config = await loadConfigForCli(opts.config);
      const input = systemdInputFor(
        config,
        { node: process.execPath, bin: join(PACKAGE_ROOT, "bin", "hotline.mjs") },
        { user: opts.user, drainSeconds: drain },
      );
      for (const warning of systemdWarnings(input)) process.stderr.write(`hotline install systemd: ${warning}\n`);
      if (input.sandbox && !input.sandboxDir) {
        process.stderr.write(
          `hotline install systemd: asterisk.sandbox.dir is not set; the units use ${join(config.dir, "var", "asterisk")}\n`,
        );
      }
      const files = renderSystemd(input);
      if (!opts.out) {
        for (const file of files) process.stdout.write(`# ── ${file.name}\n${file.text}\n`);
        return;
      }
      const out = resolve(opts.out);
      await mkdir(out, { recursive: true });
      for (const file of files) {
        await writeFile(join(out, file.name), file.text, { mode: 0o644 });
        process.stdout.write(`wrote ${join(out, file.name)}\n`);
      }
      process.stdout.write(
        `\nThen, as root:\n${nextSteps(input, out)
          .map((c) => `  ${c}\n`)
          .join("")}`,
      );
    });
}
