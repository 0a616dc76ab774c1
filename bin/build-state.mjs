// Whether dist/ holds a complete build of the current src/: the CLI runs dist/ when it does, the
// integration tests build it when it does not. Plain JavaScript: it runs before anything is compiled.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST_ENTRY = join(ROOT, "dist", "cli", "index.js");
/** Written by scripts/build.mjs once tsc has succeeded: a half-written dist/ has none. */
export const BUILD_STAMP = join(ROOT, "dist", ".built");

/**
 * "fresh": dist/ is complete and no file in src/ changed since it was built (an installed package
 * has no src/); "stale": a source is newer; "missing": never built, or the build did not finish.
 */
export function buildState() {
  if (!existsSync(BUILD_STAMP) || !existsSync(DIST_ENTRY)) return "missing";
  const built = statSync(BUILD_STAMP).mtimeMs;
  const src = join(ROOT, "src");
  return existsSync(src) && newerThan(src, built) ? "stale" : "fresh";
}

function newerThan(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(path, time) : statSync(path).mtimeMs > time) return true;
  }
  return false;
}
