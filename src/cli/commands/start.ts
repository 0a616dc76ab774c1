import { setFlagsFromString } from "node:v8";
import type { Command } from "commander";

/** `hotline start`: run the hotline until Ctrl-C / SIGTERM. */
export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("run the hotline: connect to Asterisk over ARI and answer calls (sandbox mode starts the sandbox)")
    .option("-c, --config <file>", "hotline configuration")
    .option("--drain <seconds>", "on stop, let calls in progress finish for up to this long", "10")
    .option("--keep-asterisk", "on stop, leave running the sandbox Asterisk this command started")
    .option("--standby", "wait for the leading app (PostgreSQL only) to go, then take over its calls")
    .action(async (opts: { config?: string; drain: string; keepAsterisk?: boolean; standby?: boolean }) => {
      // The running hotline allocates little; V8 would still grow its young generation to 2 × 16 MB
      // during start-up and keep it. Without growth it stays at 2 × 1 MB: some 30 MB less resident
      // memory for more frequent (sub-millisecond) scavenges. The flag is read each time the space
      // would grow, so setting it now, before the app is loaded, takes effect.
      setFlagsFromString("--semi-space-growth-factor=1");
      const { connectionFor, loadConfigForCli, watchConfigForCli } = await import("../load-config.ts");
      const { createLogger } = await import("../../logger.ts");
      const { sandboxConnection, sandboxForConfig } = await import("../../asterisk/sandbox/from-config.ts");
      const { installAsterisk } = await import("../../asterisk/sandbox/install.ts");
      const { buildPrompts } = await import("../../sounds/build.ts");
      const { startHotline } = await import("../../main.ts");
      const logger = createLogger({ name: "hotline", buffered: true });
      const config = await loadConfigForCli(opts.config);
      const { takeLead } = await import("../leadership.ts");
      const lead = await takeLead(config, { standby: opts.standby ?? false, logger });
      let stopping = false;
      void lead?.lost.then((err) => {
        if (stopping) return;
        // Another app may be taking over: driving on would mean two apps answering the same calls.
        // What is up stays in Asterisk for the next leader to adopt; the journal keeps the records.
        logger.fatal({ err: err.message }, "leader lock lost: stopping at once");
        logger.flush();
        process.exit(1);
      });
      try {
        const { looseFiles } = await import("../private-paths.ts");
        for (const line of await looseFiles(config)) logger.warn(line);
        await buildPrompts(config);
        // The sandbox Asterisk this command starts is stopped with it; one already running (`hotline
        // asterisk start`) keeps running, with the calls still up parked for the next start to adopt.
        let ours: { stop(): Promise<boolean> } | undefined;
        if (config.asterisk.mode === "sandbox") {
          await installAsterisk({ logger });
          const instance = await sandboxForConfig(config);
          if (!(await instance.pid())) {
            const { pid } = await instance.start();
            logger.info({ pid, sip: instance.spec.sipPort, ari: instance.ariUrl }, "sandbox Asterisk started");
            if (!opts.keepAsterisk) ours = instance;
          }
        }
        const connection =
          config.asterisk.mode === "sandbox"
            ? sandboxConnection(await sandboxForConfig(config))
            : connectionFor(config);
        const app = await startHotline(config, { connection, logger });
        logger.info({ config: config.path, organization: config.organization.name }, "hotline running");

        const watcher = watchConfigForCli(config.path, logger, async (next) => {
          await buildPrompts(next);
          app.applyConfig(next);
          logger.info("configuration reloaded: new calls use it, calls in progress keep theirs");
        });

        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            logger.info({ signal, activeCalls: app.calls.activeCalls }, "stopping");
            resolve();
          };
          process.once("SIGINT", () => stop("SIGINT"));
          process.once("SIGTERM", () => stop("SIGTERM"));
        });
        watcher.close();
        // Calls still up stay parked in Asterisk's Stasis; the next start adopts them.
        await app.stop({ drainMs: Number(opts.drain) * 1000 });
        if (ours && (await ours.stop())) logger.info("sandbox Asterisk stopped (this command started it)");
      } finally {
        stopping = true;
        await lead?.release();
      }
      logger.info("stopped");
    });
}
