import type { AsteriskConnection } from "../asterisk/connection.ts";
import { formatIssue, type HotlineConfig, loadConfig, resolveConfigPath, watchConfig } from "../config/index.ts";
import type { Logger } from "../logger.ts";
import { UsageError } from "./errors.ts";

/** Load the configuration for a command: warnings to stderr; errors (all of them) to stderr and exit 2. */
export async function loadConfigForCli(option?: string): Promise<HotlineConfig> {
  const path = resolveConfigPath(option);
  const result = await loadConfig(path);
  for (const warning of result.warnings) process.stderr.write(`${formatIssue(warning, process.cwd())}\n`);
  if (!result.ok) {
    for (const error of result.errors) process.stderr.write(`${formatIssue(error, process.cwd())}\n`);
    throw new UsageError(
      `${path}: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}; nothing started`,
    );
  }
  return result.config;
}

/** An existing Asterisk (asterisk.mode: external): credentials straight from the configuration. */
export function connectionFor(config: HotlineConfig): AsteriskConnection {
  const { ari, ami, app, nodes } = config.asterisk;
  const first = nodes?.[0];
  if (nodes && first) return { ari: first.ari, ami: first.ami, app, nodes };
  if (!ari || !ami) throw new Error("asterisk.ari and asterisk.ami are required when asterisk.mode is external");
  return { ari, ami, app };
}

/** Reload on change; an invalid change is logged with every error and the running configuration stays. */
export function watchConfigForCli(path: string, logger: Logger, apply: (config: HotlineConfig) => Promise<void>) {
  return watchConfig(path, {
    logger,
    onChange(config) {
      apply(config).catch((err) => logger.error({ err: (err as Error).message }, "reloaded configuration not applied"));
    },
    onError(errors) {
      logger.error(
        { errors: errors.map((e) => formatIssue(e, process.cwd())) },
        "configuration change rejected; the previous configuration stays in force",
      );
    },
  });
}
