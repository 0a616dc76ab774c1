import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import type { OperatorStatus } from "../../src/acd/types.ts";
import { ControlClient } from "../../src/operators/control-client.ts";

const CLI = resolve(import.meta.dirname, "../../bin/hotline.mjs");

/**
 * The hotline as its own process, exactly as an admin runs it (`hotline start`), so its CPU and
 * memory are its own and not the bench's. Its sandbox Asterisk is already running: `start` finds it.
 */
export class HotlineProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private starts = 0;
  private spawnedAt = 0;
  /** How long the last start took until every operator was available (the profile skips it). */
  startupMs = 0;

  constructor(
    private readonly o: {
      config: string;
      stateDir: string;
      logDir: string;
      /** info (as shipped) unless told otherwise. */
      logLevel: string;
      /** Write a V8 CPU profile into this folder when the process exits. */
      cpuProfDir?: string;
      /** The inspector's port on 127.0.0.1: the bench asks it for a full GC before measuring idle memory. */
      inspectPort: number;
    },
  ) {}

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** The current process's log file. */
  private get logFile(): string {
    return join(this.o.logDir, `app-${this.starts}.log`);
  }

  /** Where the log ends now: waitForLog looks only at what comes after. */
  logMark(): number {
    try {
      return statSync(this.logFile).size;
    } catch {
      return 0;
    }
  }

  /** Until the app logs `message` (after `since` bytes of its log), bounded; whether it did. */
  async waitForLog(message: string, since: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = await readFile(this.logFile, "utf8").catch(() => "");
      if (text.slice(since).includes(`"msg":"${message}"`)) return true;
      await sleep(100);
    }
    return false;
  }

  start(): void {
    const log = openSync(join(this.o.logDir, `app-${++this.starts}.log`), "a");
    const flags = [
      `--inspect=127.0.0.1:${this.o.inspectPort}`,
      ...(this.o.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", this.o.cpuProfDir] : []),
    ];
    try {
      this.child = spawn(process.execPath, [...flags, CLI, "start", "--config", this.o.config, "--drain", "5"], {
        stdio: ["ignore", log, log],
        env: { ...process.env, HOTLINE_LOG_LEVEL: this.o.logLevel },
      });
    } finally {
      closeSync(log);
    }
    this.spawnedAt = Date.now();
    const child = this.child;
    this.exited = new Promise((done) => child.once("exit", () => done()));
  }

  /** Until the control API answers and every operator is available (bounded). */
  async ready(operators: number, timeoutMs = 60_000): Promise<OperatorStatus[]> {
    const deadline = Date.now() + timeoutMs;
    let last = "not started";
    while (Date.now() < deadline) {
      if (this.pid === undefined) throw new Error(`the hotline exited during start (see ${this.o.logDir})`);
      try {
        const statuses = await this.statuses();
        const available = statuses.filter((s) => s.state === "available").length;
        if (statuses.length === operators && available === operators) {
          this.startupMs = Date.now() - this.spawnedAt;
          return statuses;
        }
        last = `${available}/${operators} operators available`;
      } catch (err) {
        last = (err as Error).message;
      }
      await sleep(250);
    }
    throw new Error(`the hotline was not ready within ${timeoutMs} ms: ${last}`);
  }

  /** Every operator's state, as `hotline operators` shows it (the running app's control API). */
  async statuses(): Promise<OperatorStatus[]> {
    const client = await ControlClient.connect(this.o.stateDir);
    return client.statuses();
  }

  /**
   * A full garbage collection in the app, through its inspector (only while no call is live: it
   * pauses the app), so idle memory is measured without the garbage of earlier calls.
   */
  async collectGarbage(): Promise<void> {
    const list = (await (
      await fetch(`http://127.0.0.1:${this.o.inspectPort}/json/list`, { signal: AbortSignal.timeout(5000) })
    ).json()) as { webSocketDebuggerUrl: string }[];
    const url = list[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error("the app's inspector lists no target");
    const ws = new WebSocket(url);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer from the app's inspector")), 10_000);
        ws.once("error", reject);
        ws.once("open", () => ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
        ws.on("message", (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { id?: number }).id === 1) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      ws.close();
    }
  }

  /** kill -9, as a crash would. */
  async crash(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM (the profile, if any, is written then), SIGKILL if it takes too long. */
  async stop(): Promise<void> {
    if (this.pid === undefined) return;
    this.child?.kill("SIGTERM");
    const stopped = await Promise.race([this.exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) await this.crash();
  }
}
