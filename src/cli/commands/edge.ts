import type { Command } from "commander";

/** `hotline edge render`: Kamailio's configuration for the SIP edge in front of the Asterisk nodes. */
export function registerEdgeCommands(program: Command): void {
  const edge = program.command("edge").description("the SIP edge (Kamailio) in front of several Asterisk nodes");
  edge
    .command("render")
    .description(
      "write kamailio.cfg, dispatcher.list and the desk phones' credentials.json for the configuration's `edge` (run kamailio -f DIR/kamailio.cfg)",
    )
    .option("-c, --config <file>", "hotline configuration")
    .requiredOption("-o, --out <dir>", "folder to write the files to")
    .action(async (opts: { config?: string; out: string }) => {
      const { chmod, mkdir, writeFile } = await import("node:fs/promises");
      const { join, resolve } = await import("node:path");
      const { UsageError } = await import("../errors.ts");
      const { loadConfigForCli } = await import("../load-config.ts");
      const { renderKamailio } = await import("../../deploy/kamailio.ts");
      const config = await loadConfigForCli(opts.config);
      if (!config.edge) throw new UsageError(`${config.path}: no \`edge\` section to render`);
      const { deskPhonesFor, loadCredentials } = await import("../../asterisk/sandbox/from-config.ts");
      const out = resolve(opts.out);
      // The phones register at the edge: their passwords are made once and kept beside its files.
      const endpoints = deskPhonesFor(config).map((p) => p.endpoint);
      const credentials = await loadCredentials(out, endpoints);
      const phones = endpoints.map((endpoint) => ({ endpoint, password: credentials.deskPhones[endpoint] ?? "" }));
      let files: ReturnType<typeof renderKamailio>;
      try {
        files = renderKamailio({ edge: config.edge, trunks: config.trunks, phones }, { dir: out });
      } catch (err) {
        throw new UsageError(`${config.path}: edge: ${(err as Error).message}`);
      }
      await mkdir(out, { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        // kamailio.cfg holds the phones' passwords: owner and group (kamailio's) only.
        await writeFile(join(out, name), text, { mode: 0o640 });
        await chmod(join(out, name), 0o640);
        process.stdout.write(`wrote ${join(out, name)}\n`);
      }
      process.stdout.write(
        `desk phones register at ${config.edge.listen} with the passwords in ${join(out, "credentials.json")}\n`,
      );
    });
}
