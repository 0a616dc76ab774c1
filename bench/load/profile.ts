import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** CPU ms sampled after the start-up was skipped, idle excluded. */
  busyMs: number;
  top: { frame: string; selfMs: number; share: number }[];
  byModule: { module: string; selfMs: number; share: number }[];
  /** Our own functions (src/) by total time: themselves and all they call. */
  ours: { frame: string; totalMs: number; share: number }[];
}

const ROOT = resolve(import.meta.dirname, "../..");

/** Where a frame's code lives: our file, a package, node's own internals. */
function moduleOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return url;
  const path = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg) return pkg;
  return relative(ROOT, path);
}

/** CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: the pid part. */
const pidOf = (file: string) => file.split(".")[3] ?? "";

/**
 * Self time per function and per module of the newest process's V8 CPU profiles in `dir` (its main
 * thread and tsx's loader thread), skipping the first `skipMs` (start-up: tsx compiling the
 * sources) so the figures are the calls' work.
 */
export async function summarizeProfile(dir: string, skipMs: number, topN = 15): Promise<ProfileSummary | undefined> {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith(".cpuprofile")).sort();
  const newest = files.at(-1);
  if (!newest) return undefined;
  const tallies: Tallies = { self: new Map(), modules: new Map(), ours: new Map() };
  let busy = 0;
  for (const file of files.filter((f) => pidOf(f) === pidOf(newest))) {
    const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile;
    busy += addSamples(profile, skipMs, tallies);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topN)
      .map(([k, v]) => ({ k, selfMs: Math.round(v), share: v / Math.max(1, busy) }));
  return {
    file: join(dir, newest),
    busyMs: Math.round(busy),
    top: rank(tallies.self).map(({ k, ...r }) => ({ frame: k, ...r })),
    byModule: rank(tallies.modules).map(({ k, ...r }) => ({ module: k, ...r })),
    ours: rank(tallies.ours).map(({ k, selfMs, share }) => ({ frame: k, totalMs: selfMs, share })),
  };
}

interface Tallies {
  self: Map<string, number>;
  modules: Map<string, number>;
  ours: Map<string, number>;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${url ? `${moduleOf(url)}:${lineNumber + 1}` : ""}`.trim();
}

/** One thread's samples into the tallies; returns its busy ms. */
function addSamples(profile: CpuProfile, skipMs: number, { self, modules, ours }: Tallies): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = 0;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    t += delta;
    if (t < skipMs) continue;
    const node = byId.get(profile.samples[i] ?? -1);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    const mod = moduleOf(node.callFrame.url);
    const frame = frameName(node);
    self.set(frame, (self.get(frame) ?? 0) + delta);
    modules.set(mod, (modules.get(mod) ?? 0) + delta);
    // Every src/ function on the stack once: what our code costs, with the libraries it calls.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (n?.callFrame.url.includes("/src/")) seen.add(frameName(n));
    }
    for (const f of seen) ours.set(f, (ours.get(f) ?? 0) + delta);
    busy += delta;
  }
  return busy;
}

export function profileText(p: ProfileSummary): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return [
    `Hotline CPU profile (${p.busyMs} ms busy after start-up, --cpu-prof's own cost included; ${p.file}):`,
    "",
    "| self ms | share | function |",
    "| --- | --- | --- |",
    ...p.top.map((f) => `| ${f.selfMs} | ${pct(f.share)} | ${f.frame.replace(/\|/g, "\\|")} |`),
    "",
    "| self ms | share | module |",
    "| --- | --- | --- |",
    ...p.byModule.map((m) => `| ${m.selfMs} | ${pct(m.share)} | ${m.module} |`),
    "",
    "| total ms | share | our function (with what it calls) |",
    "| --- | --- | --- |",
    ...p.ours.map((f) => `| ${f.totalMs} | ${pct(f.share)} | ${f.frame} |`),
  ].join("\n");
}
