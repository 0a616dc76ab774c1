import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { buildState } from "../../bin/build-state.mjs";
import { runChecked } from "../../src/asterisk/sandbox/exec.ts";
import { ensureTools, installAsterisk, TEST_TOOL_PACKAGES, TOOL_PACKAGES } from "../../src/asterisk/sandbox/install.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL URL for the records suite ("" when HOTLINE_SKIP_PG=1 and none is given). */
    pgUrl: string;
  }
}

/**
 * Integration tests run against a real Asterisk, real SIPp, real TTS, real PostgreSQL and a real
 * browser: make sure all are here, once per run, so `npm ci && npm test` works on a fresh machine.
 */
export default async function setup(project: TestProject) {
  // The tests spawn bin/hotline.mjs, which runs dist/: rebuild it after an edit so they run what ships.
  if (buildState() !== "fresh") {
    await runChecked(process.execPath, [resolve(import.meta.dirname, "../../scripts/build.mjs")]);
  }
  const result = await installAsterisk();
  await ensureTools(undefined, [...Object.keys(TOOL_PACKAGES), ...Object.keys(TEST_TOOL_PACKAGES)]);
  let pgUrl = process.env.HOTLINE_TEST_PG ?? "";
  if (!pgUrl && process.env.HOTLINE_SKIP_PG !== "1") {
    if (process.getuid?.() !== 0) {
      throw new Error(
        "the PostgreSQL suite needs HOTLINE_TEST_PG (a database URL), root to set one up, or HOTLINE_SKIP_PG=1",
      );
    }
    pgUrl = (await runChecked("bash", [resolve(import.meta.dirname, "../../scripts/test-postgres.sh")])).stdout.trim();
  }
  project.provide("pgUrl", pgUrl);
  process.stdout.write(
    `integration: ${result.version}${result.cached ? " (cached)" : ` (installed in ${result.seconds.toFixed(1)} s)`}; PostgreSQL ${pgUrl ? "ready" : "skipped (HOTLINE_SKIP_PG=1)"}\n`,
  );
}
