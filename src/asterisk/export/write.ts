import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { deskPhonesFor, loadCredentials, type SandboxConfig } from "../sandbox/from-config.ts";
import { type ExportInput, renderReadme, renderSnippets, requiredModules } from "./render.ts";

/** The modules the sandbox requires are the ones the hotline needs on any Asterisk. */
export async function hotlineModules(): Promise<string[]> {
  return requiredModules(await readFile(join(PACKAGE_ROOT, "config/asterisk/modules.conf"), "utf8"));
}

/**
 * Write the snippets and README.txt into dir, all 0600 (they hold passwords). Passwords are generated
 * on the first export and kept in dir/credentials.json, so exporting again after a YAML change keeps
 * the phones' and the app's passwords.
 */
export async function exportAsteriskConfig(
  config: Pick<SandboxConfig, "asterisk" | "trunks" | "operators" | "supervisors" | "directory" | "edge">,
  dir: string,
): Promise<{ dir: string; files: string[]; input: ExportInput }> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true, mode: 0o700 });
  const phones = deskPhonesFor(config);
  const credentials = await loadCredentials(
    out,
    phones.map((p) => p.endpoint),
  );
  const input: ExportInput = {
    app: config.asterisk.app,
    trunks: config.trunks.map((t) => ({ name: t.name, match: t.match, contact: t.contact, dtmfMode: t.dtmfMode })),
    phones: phones.map((p) => ({
      endpoint: p.endpoint,
      password: credentials.deskPhones[p.endpoint] ?? "",
      contact: p.contact,
    })),
    ...(config.edge ? { edge: config.edge.listen } : {}),
    ari: credentials.ari,
    ami: credentials.ami,
    dialplanTemplate: await readFile(join(PACKAGE_ROOT, "dialplan/extensions.conf"), "utf8"),
  };
  const files = { ...renderSnippets(input), "README.txt": renderReadme(input, await hotlineModules()) };
  for (const [name, text] of Object.entries(files)) {
    const path = join(out, name);
    await writeFile(path, text, { mode: 0o600 });
    // An existing file keeps its mode on write.
    await chmod(path, 0o600);
  }
  return { dir: out, files: Object.keys(files), input };
}
