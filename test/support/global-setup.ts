import { ensureTools, installAsterisk } from "../../src/asterisk/sandbox/install.ts";

/** Integration tests run against a real Asterisk, real SIPp and real TTS: make sure all are here, once per run. */
export default async function setup() {
  const result = await installAsterisk();
  await ensureTools();
  process.stdout.write(
    `integration: ${result.version}${result.cached ? " (cached)" : ` (installed in ${result.seconds.toFixed(1)} s)`}\n`,
  );
}
