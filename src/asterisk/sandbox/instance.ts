import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { chmod, copyFile, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { PRIVATE_DIR, PRIVATE_FILE, withUmask } from "../../records/private-files.ts";
import { httpRequest } from "../http-request.ts";
import { run } from "./exec.ts";
import { alive } from "./lock.ts";
import { type AsteriskTree, asteriskTree } from "./paths.ts";
import { fillTemplate, renderPjsipHotline, templateValues } from "./render.ts";
import type { SandboxRuntime, SandboxSpec } from "./spec.ts";

const TEMPLATES = join(PACKAGE_ROOT, "config/asterisk");
const DIALPLAN = join(PACKAGE_ROOT, "dialplan");

/** Spool folders where Asterisk keeps callers' messages and recordings. */
export const PRIVATE_SPOOL = ["recording", "voicemail"];

/** Debian's voices behind our two-letter language codes. */
const VOICES: Record<string, string> = { en: "en_US_f_Allison", es: "es_MX_f_Allison" };

export class SandboxInstance {
  readonly dirs;

  constructor(
    readonly spec: SandboxSpec,
    readonly tree: AsteriskTree = asteriskTree(),
  ) {
    const d = spec.dir;
    this.dirs = {
      etc: join(d, "etc"),
      lib: join(d, "lib"),
      data: join(d, "data"),
      spool: join(d, "spool"),
      run: join(d, "run"),
      log: join(d, "log"),
    };
  }

  get confFile() {
    return join(this.dirs.etc, "asterisk.conf");
  }
  get pidFile() {
    return join(this.dirs.run, "hotline-asterisk.pid");
  }
  get runtimeFile() {
    return join(this.spec.dir, "instance.json");
  }
  get ariUrl() {
    return `http://${this.spec.bind}:${this.spec.httpPort}`;
  }

  /**
   * The instance's folders. The instance folder, its logs and its spool (voicemails, recordings) hold
   * callers' numbers: 0700 however they were made before.
   */
  async makeDirs(): Promise<void> {
    for (const dir of Object.values(this.dirs)) await mkdir(dir, { recursive: true });
    for (const sub of ["spool/recording", "spool/voicemail", "spool/outgoing", "spool/tmp", "data/agi-bin"]) {
      await mkdir(join(this.spec.dir, sub), { recursive: true });
    }
    for (const dir of [
      this.spec.dir,
      this.dirs.log,
      this.dirs.spool,
      ...PRIVATE_SPOOL.map((s) => join(this.dirs.spool, s)),
    ])
      await chmod(dir, PRIVATE_DIR);
  }

  /** Write the whole Asterisk configuration for this instance from our templates. */
  async render(): Promise<void> {
    if (!existsSync(this.tree.marker)) throw new Error("Asterisk is not installed; run: npx hotline asterisk install");
    await this.makeDirs();
    const values = templateValues(this.spec, this.dirs, {
      modules: this.tree.modules,
      sbin: join(this.tree.root, "usr/sbin"),
    });
    for (const name of await readdir(TEMPLATES)) {
      if (!name.endsWith(".conf")) continue;
      const text = await readFile(join(TEMPLATES, name), "utf8");
      await writeFile(join(this.dirs.etc, name), fillTemplate(text, values, name), { mode: 0o600 });
    }
    const dialplan = await readFile(join(DIALPLAN, "extensions.conf"), "utf8");
    await writeFile(join(this.dirs.etc, "extensions.conf"), fillTemplate(dialplan, values, "extensions.conf"));
    await writeFile(join(this.dirs.etc, "pjsip_hotline.conf"), renderPjsipHotline(this.spec), { mode: 0o600 });
    // Ringback and busy tones for every country: Debian's file, unchanged.
    await copyFile(join(this.tree.etc, "indications.conf"), join(this.dirs.etc, "indications.conf"));
    await this.linkData();
  }

  /**
   * astdatadir: Debian's shared data, plus per-language sound folders that also hold our rendered
   * prompts under hotline/, so Asterisk's language fallback finds both (sound:hotline/greeting).
   */
  private async linkData() {
    const data = this.dirs.data;
    for (const name of ["rest-api", "documentation", "static-http", "moh", "phoneprov", "firmware", "keys"]) {
      const target = join(this.tree.share, name);
      await relink(target, join(data, name));
    }
    const sounds = join(data, "sounds");
    await rm(sounds, { recursive: true, force: true });
    await mkdir(sounds, { recursive: true });
    for (const lang of this.spec.languages) {
      const voice = VOICES[lang] ?? lang;
      const source = join(this.tree.share, "sounds", voice);
      const dest = join(sounds, lang);
      await mkdir(dest, { recursive: true });
      if (existsSync(source)) {
        for (const entry of await readdir(source)) await symlink(join(source, entry), join(dest, entry));
      }
      if (this.spec.soundsDir) await symlink(join(this.spec.soundsDir, lang), join(dest, "hotline"));
    }
  }

  /** Start Asterisk in the foreground of a detached process; resolves once ARI answers. */
  async start(options: { timeoutMs?: number } = {}): Promise<{ pid: number; seconds: number }> {
    const current = await this.pid();
    if (current) throw new Error(`the sandbox Asterisk is already running (pid ${current})`);
    await this.render();
    const started = Date.now();
    const console = openSync(join(this.dirs.log, "console.log"), "a", PRIVATE_FILE);
    let child: ChildProcess;
    try {
      // Its logs, voicemails and recordings: the owner's only.
      child = withUmask(0o077, () =>
        spawn(
          this.tree.loader,
          ["--library-path", this.tree.libraryPath, this.tree.binary, "-f", "-n", "-C", this.confFile],
          { detached: true, stdio: ["ignore", console, console], cwd: this.spec.dir },
        ),
      );
    } finally {
      closeSync(console);
    }
    const pid = child.pid;
    if (!pid) throw new Error("could not start Asterisk");
    let exited: number | null | undefined;
    child.on("exit", (code) => {
      exited = code;
    });
    child.unref();
    await writeFile(this.pidFile, String(pid));
    await writeFile(
      this.runtimeFile,
      `${JSON.stringify({ spec: this.spec, pid, startedAt: new Date().toISOString() } satisfies SandboxRuntime, null, 2)}\n`,
      { mode: 0o600 },
    );
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (exited !== undefined || !alive(pid)) {
        throw new Error(`Asterisk exited during start (code ${exited}):\n${await this.logTail()}`);
      }
      if (await this.ariReady()) return { pid, seconds: (Date.now() - started) / 1000 };
      await sleep(50);
    }
    await this.stop();
    throw new Error(
      `Asterisk did not answer on ARI within ${options.timeoutMs ?? 30_000} ms:\n${await this.logTail()}`,
    );
  }

  async ariReady(): Promise<boolean> {
    try {
      const { status } = await httpRequest(new URL(`${this.ariUrl}/ari/asterisk/info`), {
        method: "GET",
        headers: { authorization: basicAuth(this.spec.ari.username, this.spec.ari.password) },
        timeoutMs: 1000,
      });
      return status >= 200 && status < 300;
    } catch {
      return false;
    }
  }

  async pid(): Promise<number | undefined> {
    const text = await readFile(this.pidFile, "utf8").catch(() => "");
    const pid = Number(text.trim());
    return pid > 0 && alive(pid) ? pid : undefined;
  }

  /** Run one CLI command on the running Asterisk (asterisk -rx). */
  async cli(command: string): Promise<string> {
    const result = await run(this.tree.loader, [
      "--library-path",
      this.tree.libraryPath,
      this.tree.binary,
      "-C",
      this.confFile,
      "-rx",
      command,
    ]);
    if (result.code !== 0)
      throw new Error(`asterisk -rx "${command}" failed: ${(result.stderr || result.stdout).trim()}`);
    return result.stdout;
  }

  /** The argv of an interactive console on the running Asterisk. */
  consoleArgs(): { command: string; args: string[] } {
    return {
      command: this.tree.loader,
      args: ["--library-path", this.tree.libraryPath, this.tree.binary, "-C", this.confFile, "-r"],
    };
  }

  /** `core stop now`, then wait on the pid; SIGKILL only if Asterisk doesn't go. */
  async stop(options: { timeoutMs?: number } = {}): Promise<boolean> {
    const pid = await this.pid();
    if (!pid) return false;
    await this.cli("core stop now").catch(() => undefined);
    if (!(await waitForExit(pid, options.timeoutMs ?? 10_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
    await rm(this.pidFile, { force: true });
    return true;
  }

  /** Kill -9, as a crash would: for tests of the app's reconnect. */
  async kill(): Promise<void> {
    const pid = await this.pid();
    if (!pid) return;
    process.kill(pid, "SIGKILL");
    await waitForExit(pid, 5_000);
  }

  async logTail(lines = 30): Promise<string> {
    const parts: string[] = [];
    for (const name of ["console.log", "messages.log"]) {
      const text = await readFile(join(this.dirs.log, name), "utf8").catch(() => "");
      if (text) parts.push(`--- ${name}\n${text.trim().split("\n").slice(-lines).join("\n")}`);
    }
    return parts.join("\n");
  }
}

/** The instance a previous `hotline asterisk start` left, if any. */
export async function loadRuntime(dir: string): Promise<SandboxRuntime | undefined> {
  const text = await readFile(join(dir, "instance.json"), "utf8").catch(() => undefined);
  return text ? (JSON.parse(text) as SandboxRuntime) : undefined;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(50);
  }
  return !alive(pid);
}

async function relink(target: string, link: string) {
  await rm(link, { recursive: true, force: true });
  if (existsSync(target)) await symlink(target, link);
}
