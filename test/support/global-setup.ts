import { ensureSipp, installAsterisk } from "../../src/asterisk/sandbox/install.ts";

/** Integration tests run against a real Asterisk and real SIPp: make sure both are here, once per run. */
export default async function setup() {
  const result = await installAsterisk();
  await ensureSipp();
  process.stdout.write(
    `integration: ${result.version}${result.cached ? " (cached)" : ` (installed in ${result.seconds.toFixed(1)} s)`}\n`,
  );
}
