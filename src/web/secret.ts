import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_FILE, privateDir } from "../records/private-files.ts";

/**
 * The key that signs session cookies: web.secret when given, else one made once and kept in
 * state.dir/web-secret (owner-only), so sign-ins survive a restart and every install has its own.
 */
export async function consoleSecret(configured: string | undefined, stateDir: string): Promise<string> {
  if (configured) return configured;
  const file = join(stateDir, "web-secret");
  try {
    const kept = (await readFile(file, "utf8")).trim();
    if (kept.length >= 32) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  privateDir(stateDir);
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: PRIVATE_FILE });
  return secret;
}
