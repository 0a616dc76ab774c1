import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime: 100 on every Linux we run on. */
const TICKS = 100;

/** CPU seconds (user + system) a process has used so far; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields count from after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / TICKS;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in bytes (VmRSS); undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** CPU seconds a process spends between start() and the function it returns. */
export function cpuMeter(pid: () => number | undefined): () => number {
  const at = (p: number | undefined) => (p === undefined ? 0 : (cpuSeconds(p) ?? 0));
  const first = pid();
  const start = at(first);
  return () => {
    const now = pid();
    // A process restarted in between (fault mode): count the new one from its birth.
    return now === first ? at(now) - start : at(now);
  };
}

/** The machine, for the report's header. */
export function machine(): { cpu: string; cores: number; node: string; kernel: string } {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown CPU";
  const cores = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const kernel = readFileSync("/proc/sys/kernel/osrelease", "utf8").trim();
  return { cpu, cores, node: process.version, kernel };
}
