import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface DebianMirror {
  uri: string;
  keyring: string;
}

const DEFAULT_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

/**
 * The Debian mirror this machine already uses (its own APT sources), so the sandbox fetches from
 * the same place the admin trusts. HOTLINE_DEBIAN_MIRROR overrides.
 */
export function findDebianMirror(aptDir = "/etc/apt"): DebianMirror {
  if (process.env.HOTLINE_DEBIAN_MIRROR) {
    return { uri: process.env.HOTLINE_DEBIAN_MIRROR, keyring: process.env.HOTLINE_DEBIAN_KEYRING ?? DEFAULT_KEYRING };
  }
  for (const entry of readSources(aptDir)) {
    // The security archive carries only the stable suites; we need the main archive.
    if (/security/.test(entry.uri) || entry.suites.some((s) => s.endsWith("-security"))) continue;
    if (!entry.components.includes("main")) continue;
    return { uri: entry.uri.replace(/\/+$/, ""), keyring: entry.keyring ?? DEFAULT_KEYRING };
  }
  throw new Error(
    `no Debian mirror found in ${aptDir}/sources.list{,.d}; set HOTLINE_DEBIAN_MIRROR to a Debian archive URL`,
  );
}

interface SourceEntry {
  uri: string;
  suites: string[];
  components: string[];
  keyring?: string;
}

export function readSources(aptDir: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const files: string[] = [];
  if (existsSync(join(aptDir, "sources.list"))) files.push(join(aptDir, "sources.list"));
  const partsDir = join(aptDir, "sources.list.d");
  if (existsSync(partsDir)) {
    for (const name of readdirSync(partsDir).sort()) {
      if (name.endsWith(".list") || name.endsWith(".sources")) files.push(join(partsDir, name));
    }
  }
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    entries.push(...(file.endsWith(".sources") ? parseDeb822(text) : parseOneLine(text)));
  }
  return entries;
}

export function parseDeb822(text: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    if (!(fields.get("types") ?? "").split(/\s+/).includes("deb")) continue;
    if ((fields.get("enabled") ?? "yes") === "no") continue;
    const uri = fields.get("uris")?.split(/\s+/)[0];
    if (!uri) continue;
    const keyring = fields.get("signed-by");
    entries.push({
      uri,
      suites: (fields.get("suites") ?? "").split(/\s+/).filter(Boolean),
      components: (fields.get("components") ?? "").split(/\s+/).filter(Boolean),
      keyring: keyring?.startsWith("/") ? keyring : undefined,
    });
  }
  return entries;
}

export function parseOneLine(text: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m?.[2] || !m[3]) continue;
    const keyring = /signed-by=(\S+)/.exec(m[1] ?? "")?.[1];
    entries.push({ uri: m[2], suites: [m[3]], components: (m[4] ?? "").split(/\s+/).filter(Boolean), keyring });
  }
  return entries;
}
