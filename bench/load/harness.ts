import { join } from "node:path";
import { freePortBlock } from "../../src/asterisk/sandbox/ports.ts";
import { BLOCK, benchPorts, type Side, startHotlineSide, startNativeSide } from "./sides.ts";

export interface BenchOptions {
  operators: number[];
  ladder: Map<number, number[]>;
  stepSeconds: number;
  /** Calls on each side before the first measured step (not reported). */
  warmup: { rate: number; calls: number };
  ringMs: number;
  talkMs: number;
  maxWait: number;
  ringTimeout: number;
  cpuProf: boolean;
  logLevel: string;
  work: string;
  soundsDir: string;
  resultsDir: string;
  stamp: string;
}

/** Both sides for one operator count: each its own Asterisk on its own ports, the hotline its own process. */
export async function startSides(o: BenchOptions, operators: number, which: ("native" | "hotline")[]) {
  const base = await freePortBlock(2 * BLOCK);
  const common = { operators, ringTimeout: o.ringTimeout, maxWait: o.maxWait, soundsDir: o.soundsDir };
  const sides: Side[] = [];
  const stopAll = async () => {
    for (const side of sides) await side.stop().catch((err) => console.error(`stopping ${side.kind}:`, err));
  };
  try {
    // The hotline first: its prompt builder renders the greeting the native dialplan plays too.
    if (which.includes("hotline")) {
      sides.push(
        await startHotlineSide({
          ...common,
          dir: join(o.work, `${operators}-operators`, "hotline"),
          ports: benchPorts(base + BLOCK),
          logLevel: o.logLevel,
          ...(o.cpuProf ? { cpuProfDir: profileDir(o) } : {}),
        }),
      );
    }
    if (which.includes("native")) {
      sides.push(
        await startNativeSide({
          ...common,
          dir: join(o.work, `${operators}-operators`, "native"),
          ports: benchPorts(base),
        }),
      );
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  const forget = killOnExit(await Promise.all(sides.map((s) => s.asterisk.pid())));
  return {
    sides,
    async stop() {
      forget();
      await stopAll();
    },
  };
}

/** Never leave an Asterisk behind, even when the bench dies: SIGKILL at exit, until the returned function. */
export function killOnExit(pids: (number | undefined)[]): () => void {
  const kill = () => {
    for (const pid of pids) {
      try {
        if (pid) process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  process.once("exit", kill);
  return () => process.off("exit", kill);
}

export const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Where the hotline's V8 CPU profiles of this run go. */
export function profileDir(o: BenchOptions): string {
  return join(o.resultsDir, `prof-${o.stamp}`);
}
