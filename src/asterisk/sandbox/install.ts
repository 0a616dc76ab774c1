import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../logger.ts";
import { run, runChecked } from "./exec.ts";
import { withLock } from "./lock.ts";
import { findDebianMirror } from "./mirror.ts";
import { type AsteriskTree, asteriskHome, asteriskTree } from "./paths.ts";

/** What we unpack: the PBX, its English and Spanish prompts, and music on hold for the queue. */
export const ASTERISK_PACKAGES = [
  "asterisk",
  "asterisk-core-sounds-en-gsm",
  "asterisk-core-sounds-es-gsm",
  "asterisk-moh-opsound-gsm",
];

/** Debian 12 has no Asterisk; testing (forky) carries 22.x, sid is the fallback. */
const SUITES = ["forky", "sid"];

export interface InstallResult {
  tree: AsteriskTree;
  version: string;
  cached: boolean;
  seconds: number;
}

/** Idempotent: a finished install is reused; an interrupted one is redone from scratch. */
export async function installAsterisk(options: { home?: string; logger?: Logger; force?: boolean } = {}) {
  const home = options.home ?? asteriskHome();
  const tree = asteriskTree(home);
  const started = Date.now();
  const log = (msg: string) => options.logger?.info(msg);

  if (!options.force && existsSync(tree.marker)) {
    const version = await asteriskVersion(tree);
    return { tree, version, cached: true, seconds: (Date.now() - started) / 1000 } satisfies InstallResult;
  }
  await mkdir(home, { recursive: true });
  return withLock(join(home, "install.lock"), async () => {
    // Another process may have finished the install while we waited for the lock.
    if (!options.force && existsSync(tree.marker)) {
      const version = await asteriskVersion(tree);
      return { tree, version, cached: true, seconds: (Date.now() - started) / 1000 } satisfies InstallResult;
    }
    const debs = await downloadPackages(home, log);
    const staging = `${tree.root}.partial`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    log(`unpacking ${debs.length} packages`);
    // dpkg -x in parallel batches: unpacking is most of the install time.
    const batches = chunk(debs, Math.ceil(debs.length / 4));
    await Promise.all(
      batches.map(async (batch) => {
        for (const deb of batch) await runChecked("dpkg", ["-x", deb, staging]);
      }),
    );
    await finishTree(staging);
    await rm(tree.root, { recursive: true, force: true });
    await rename(staging, tree.root);
    const version = await asteriskVersion(tree);
    await writeFile(tree.marker, `${JSON.stringify({ version, packages: ASTERISK_PACKAGES, at: new Date() })}\n`);
    return { tree, version, cached: false, seconds: (Date.now() - started) / 1000 } satisfies InstallResult;
  });
}

/** An isolated APT: own sources, lists, cache and an EMPTY dpkg status, so the whole closure (libc too) is fetched. */
async function downloadPackages(home: string, log: (msg: string) => void): Promise<string[]> {
  const apt = join(home, "apt");
  const mirror = findDebianMirror();
  let lastError: unknown;
  for (const suite of SUITES) {
    const dir = join(apt, suite);
    for (const sub of [
      "etc/sources.list.d",
      "etc/preferences.d",
      "etc/apt.conf.d",
      "lists/partial",
      "cache/archives/partial",
      "state",
    ]) {
      await mkdir(join(dir, sub), { recursive: true });
    }
    await writeFile(join(dir, "state/status"), "");
    await writeFile(join(dir, "etc/sources.list"), `deb [signed-by=${mirror.keyring}] ${mirror.uri} ${suite} main\n`);
    const conf = join(dir, "apt.conf");
    await writeFile(
      conf,
      [
        `Dir::Etc "${dir}/etc";`,
        `Dir::Etc::sourcelist "${dir}/etc/sources.list";`,
        `Dir::Etc::sourceparts "${dir}/etc/sources.list.d";`,
        `Dir::Etc::preferencesparts "${dir}/etc/preferences.d";`,
        `Dir::Etc::parts "${dir}/etc/apt.conf.d";`,
        `Dir::State "${dir}/state";`,
        `Dir::State::Lists "${dir}/lists";`,
        `Dir::State::status "${dir}/state/status";`,
        `Dir::Cache "${dir}/cache";`,
        // The mirror's testing/sid Release files can carry a Valid-Until already past on these machines.
        `Acquire::Check-Valid-Until "false";`,
        `Acquire::Check-Date "false";`,
        `APT::Architecture "amd64";`,
        `APT::Install-Recommends "false";`,
        `Debug::NoLocking "true";`,
        "",
      ].join("\n"),
    );
    const env = { ...process.env, APT_CONFIG: conf, DEBIAN_FRONTEND: "noninteractive" };
    try {
      log(`fetching the package lists of Debian ${suite}`);
      await runChecked("apt-get", ["-q", "update"], { env });
      log(`downloading ${ASTERISK_PACKAGES.join(", ")} and their dependencies`);
      await runChecked("apt-get", ["-q", "-y", "install", "--download-only", ...ASTERISK_PACKAGES], { env });
      const archives = join(dir, "cache/archives");
      return (await readdir(archives)).filter((f) => f.endsWith(".deb")).map((f) => join(archives, f));
    } catch (err) {
      lastError = err;
      log(`Debian ${suite} did not work: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  throw new Error(`could not download Asterisk from Debian ${SUITES.join(" or ")}: ${(lastError as Error).message}`);
}

/** What the maintainer scripts would have done (dpkg -x skips them). */
async function finishTree(root: string) {
  const sounds = join(root, "usr/share/asterisk/sounds");
  for (const [lang, voice] of [
    ["en", "en_US_f_Allison"],
    ["es", "es_MX_f_Allison"],
  ] as const) {
    const link = join(sounds, lang);
    if (existsSync(join(sounds, voice)) && !existsSync(link)) await symlink(voice, link);
  }
}

export async function asteriskVersion(tree: AsteriskTree = asteriskTree()): Promise<string> {
  if (!existsSync(tree.binary)) throw new Error(`Asterisk is not installed; run: npx hotline asterisk install`);
  const result = await runChecked(tree.loader, ["--library-path", tree.libraryPath, tree.binary, "-V"]);
  return result.stdout.trim();
}

/** Debian packages the sandbox's tests and demo use, by the command each provides. */
export const TOOL_PACKAGES: Record<string, string> = {
  sipp: "sip-tester", // plays the trunk (callers) and the operators' desk phones
  "espeak-ng": "espeak-ng", // renders prompt texts to speech
  sox: "sox", // converts rendered prompts to 8 kHz mono
};

/** Further tools only the test suite needs. */
export const TEST_TOOL_PACKAGES: Record<string, string> = {
  chromium: "chromium", // renders the weekly report's HTML in a test
};

/** Install what is missing from TOOL_PACKAGES (as root, with apt-get); otherwise say what to install. */
export async function ensureTools(log: (msg: string) => void = () => {}, commands = Object.keys(TOOL_PACKAGES)) {
  const missing: string[] = [];
  for (const command of commands) {
    const found = await run("sh", ["-c", `command -v ${command}`]);
    if (found.code !== 0) missing.push(TOOL_PACKAGES[command] ?? TEST_TOOL_PACKAGES[command] ?? command);
  }
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing tools: install the Debian packages ${missing.join(" ")} (sudo apt-get install ${missing.join(" ")})`,
    );
  }
  log(`installing ${missing.join(", ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = await run("apt-get", ["-q", "-y", "install", ...missing], { env });
  if (install.code !== 0) {
    // A fresh machine has no package lists yet.
    await runChecked("apt-get", ["-q", "update"], { env });
    await runChecked("apt-get", ["-q", "-y", "install", ...missing], { env });
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

export async function readInstallMarker(tree: AsteriskTree = asteriskTree()) {
  return JSON.parse(await readFile(tree.marker, "utf8")) as { version: string; at: string };
}
