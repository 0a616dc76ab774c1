import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Env } from "./interpolate.ts";

export const DEFAULT_CONFIG = join("config", "hotline.yaml");
export const EXAMPLE_CONFIG = join("config", "hotline.example.yaml");

/**
 * Which configuration file a command uses: `--config`, else $HOTLINE_CONFIG, else config/hotline.yaml
 * when it exists, else the example (so a fresh checkout works out of the box). The result is as
 * given (usually relative to the working folder), which is what messages should show.
 */
export function resolveConfigPath(option?: string, env: Env = process.env, cwd: string = process.cwd()): string {
  if (option) return option;
  if (env.HOTLINE_CONFIG) return env.HOTLINE_CONFIG;
  return existsSync(join(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : EXAMPLE_CONFIG;
}
