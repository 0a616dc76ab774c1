// `npm run build` (and npm ci's prepare): src/ → dist/ with tsc. dist/ is emptied first so a deleted
// source leaves no module behind; the stamp, written last, marks the build complete and carries the
// time the build started, so a source edited during the build counts as newer.
import { spawnSync } from "node:child_process";
import { rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { BUILD_STAMP, buildState, ROOT } from "../bin/build-state.mjs";

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // Installed without the dev dependencies (npm ci --omit=dev): a build made before is kept.
  if (buildState() === "fresh") process.exit(0);
  process.stderr.write("hotline build: typescript is not installed; run `npm ci` (with dev dependencies) first\n");
  process.exit(1);
}
const started = new Date();
rmSync(join(ROOT, "dist"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(BUILD_STAMP, `${started.toISOString()}\n`);
utimesSync(BUILD_STAMP, started, started);
