#!/usr/bin/env node
// The compiled CLI (dist/, which npm ci's prepare builds) starts in a fraction of a second; tsx is not
// loaded on that path. A checkout whose sources changed since the build runs them through tsx instead
// (seconds slower, never out of date) and says so once on stderr.
import { pathToFileURL } from "node:url";
import { buildState, DIST_ENTRY } from "./build-state.mjs";

// `npx hotline …` runs this file under `sh -c`, which passes no SIGTERM on: npx goes, its shell
// goes, and the hotline would run on as an orphan. Under npx, the parent's end counts as a SIGTERM
// (what `hotline start` stops on, letting calls finish), once.
if (process.env.npm_command === "exec") {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, "SIGTERM");
  }, 500);
  watch.unref();
}

const state = buildState();
if (state === "fresh") {
  await import(pathToFileURL(DIST_ENTRY).href);
} else {
  const tsx = await import("tsx/esm/api").catch(() => undefined);
  if (tsx) {
    const why = state === "stale" ? "src/ changed since the last build" : "dist/ is not built";
    process.stderr.write(`hotline: ${why}: running the sources with tsx (\`npm run build\` for a fast start)\n`);
    tsx.register();
    await import("../src/cli/index.ts");
  } else if (state === "stale") {
    // Installed without the dev dependencies: an older build rather than none.
    process.stderr.write("hotline: src/ changed since the last build and tsx is not installed: `npm run build`\n");
    await import(pathToFileURL(DIST_ENTRY).href);
  } else {
    process.stderr.write("hotline: dist/ is not built and tsx is not installed: run `npm ci`, or `npm run build`\n");
    process.exitCode = 1;
  }
}
