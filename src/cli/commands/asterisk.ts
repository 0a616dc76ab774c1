import { spawn } from "node:child_process";
import type { Command } from "commander";
import type { SandboxInstance } from "../../asterisk/sandbox/instance.ts";

/** `hotline asterisk install|start|stop|status|cli`: the project's own Asterisk 22 sandbox; `export-config` for an existing one. */
export function registerAsteriskCommands(program: Command): void {
  const asterisk = program
    .command("asterisk")
    .description("the sandbox Asterisk 22 (Debian's build, unpacked; no Docker)");

  asterisk
    .command("install")
    .description("download Debian's Asterisk 22 with its en/es prompts into a cache folder (idempotent)")
    .option("--force", "download and unpack again even if installed")
    .action(async (opts: { force?: boolean }) => {
      const { createLogger } = await import("../../logger.ts");
      const { ensureTools, installAsterisk } = await import("../../asterisk/sandbox/install.ts");
      const logger = createLogger({ name: "install" });
      const result = await installAsterisk({ logger, force: opts.force });
      await ensureTools((msg) => logger.info(msg));
      const how = result.cached ? "already installed" : `installed in ${result.seconds.toFixed(1)} s`;
      process.stdout.write(`${result.version} (${how}) at ${result.tree.root}\n`);
    });

  asterisk
    .command("start")
    .description("start the sandbox Asterisk for the configuration (renders its config, waits for ARI)")
    .option("-c, --config <file>", "hotline configuration")
    .action(async (opts: { config?: string }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { installAsterisk } = await import("../../asterisk/sandbox/install.ts");
      const { buildPrompts } = await import("../../sounds/build.ts");
      const { sandboxForConfig } = await import("../../asterisk/sandbox/from-config.ts");
      const config = await loadConfigForCli(opts.config);
      await installAsterisk();
      await buildPrompts(config);
      const instance = await sandboxForConfig(config);
      const { pid, seconds } = await instance.start();
      process.stdout.write(
        `Asterisk started (pid ${pid}) in ${seconds.toFixed(2)} s — SIP 127.0.0.1:${instance.spec.sipPort}, ARI ${instance.ariUrl}, AMI 127.0.0.1:${instance.spec.amiPort}\n`,
      );
    });

  asterisk
    .command("stop")
    .description("stop the sandbox Asterisk (core stop now, then wait for it to exit)")
    .option("-c, --config <file>", "hotline configuration")
    .action(async (opts: { config?: string }) => {
      const instance = await runningInstance(opts.config);
      const stopped = instance ? await instance.stop() : false;
      process.stdout.write(stopped ? "Asterisk stopped\n" : "Asterisk was not running\n");
    });

  asterisk
    .command("status")
    .description("is the sandbox running; version, calls and trunk state (over AMI)")
    .option("-c, --config <file>", "hotline configuration")
    .option("--json", "machine-readable output")
    .action(async (opts: { config?: string; json?: boolean }) => {
      const instance = await runningInstance(opts.config);
      const pid = await instance?.pid();
      if (!instance || !pid) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ running: false })}\n`);
        else process.stdout.write("Asterisk is not running\n");
        process.exitCode = 3;
        return;
      }
      const { sandboxConnection } = await import("../../asterisk/sandbox/from-config.ts");
      const { AmiClient } = await import("../../asterisk/ami/client.ts");
      const { asteriskHealth } = await import("../../asterisk/health.ts");
      const ami = new AmiClient({ ...sandboxConnection(instance).ami });
      try {
        await ami.connect();
        const health = await asteriskHealth(
          ami,
          instance.spec.trunks.map((t) => t.name),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ running: true, pid, ari: instance.ariUrl, ...health })}\n`);
          return;
        }
        process.stdout.write(
          [
            `Asterisk ${health.version} running (pid ${pid})`,
            `  ARI ${instance.ariUrl}   AMI 127.0.0.1:${instance.spec.amiPort}   SIP 127.0.0.1:${instance.spec.sipPort}`,
            `  calls in progress: ${health.currentCalls}`,
            ...health.trunks.map((t) => `  trunk ${t.name}: ${t.state}`),
            "",
          ].join("\n"),
        );
      } finally {
        await ami.close();
      }
    });

  asterisk
    .command("export-config")
    .description("write the pjsip, extensions, ari, http and manager snippets for an existing Asterisk, with a README")
    .requiredOption("-o, --out <dir>", "folder for the #include-able files (made 0700; files 0600)")
    .option("-c, --config <file>", "hotline configuration")
    .action(async (opts: { out: string; config?: string }) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { exportAsteriskConfig } = await import("../../asterisk/export/write.ts");
      const { credentialHints } = await import("../../asterisk/export/render.ts");
      const config = await loadConfigForCli(opts.config);
      const { dir, files, input } = await exportAsteriskConfig(config, opts.out);
      process.stdout.write(
        [
          `wrote ${files.join(", ")} to ${dir} (see README.txt for the #include lines)`,
          "",
          ...credentialHints(input),
          "",
        ].join("\n"),
      );
    });

  asterisk
    .command("cli")
    .description("the Asterisk console of the running sandbox (or one command with -x)")
    .option("-c, --config <file>", "hotline configuration")
    .option("-x, --execute <command>", "run one CLI command and print its output")
    .action(async (opts: { config?: string; execute?: string }) => {
      const instance = await runningInstance(opts.config);
      if (!instance || !(await instance.pid()))
        throw new Error("Asterisk is not running; start it with: hotline asterisk start");
      if (opts.execute) {
        process.stdout.write(await instance.cli(opts.execute));
        return;
      }
      const { command, args } = instance.consoleArgs();
      await new Promise<void>((resolve, reject) => {
        const child = spawn(command, args, { stdio: "inherit" });
        child.on("error", reject);
        child.on("close", () => resolve());
      });
    });
}

/** The instance a previous `hotline asterisk start` left in the configured sandbox folder. */
async function runningInstance(configPath?: string): Promise<SandboxInstance | undefined> {
  const { loadConfigForCli } = await import("../load-config.ts");
  const { sandboxDir } = await import("../../asterisk/sandbox/from-config.ts");
  const { loadRuntime, SandboxInstance } = await import("../../asterisk/sandbox/instance.ts");
  const config = await loadConfigForCli(configPath);
  const runtime = await loadRuntime(sandboxDir(config));
  return runtime ? new SandboxInstance(runtime.spec) : undefined;
}
