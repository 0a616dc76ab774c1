/**
 * Who in the directory can be reached at an instant: within their hours (a schedule or weekly hours,
 * through the schedule engine), and for an outside number a free channel on its trunk. Pure: the
 * instant, the compiled schedules and the channels in use are given.
 */
import type { DirectoryEntry } from "../config/schema.ts";
import { type CompiledSchedule, compileSchedule, isOpen } from "../schedule/index.ts";

/** How an entry is reached: the Asterisk dial string, or a hotline's queue. */
export type DirectoryTarget =
  | { kind: "endpoint"; dial: string; endpoint: string }
  | { kind: "number"; dial: string; number: string; trunk: string }
  | { kind: "queue"; hotline: string; topic?: string };

export type Unreachable = "outside-hours" | "trunk-full" | "no-trunk";

export interface Reachability {
  key: string;
  reachable: boolean;
  why?: Unreachable;
}

export interface DirectoryWorld {
  at: Date;
  timezone: string;
  /** The configuration's compiled schedules, by name. */
  schedules: Readonly<Record<string, CompiledSchedule>>;
  trunks: readonly { name: string; channels: number }[];
  /** Channels in use on a trunk now (callers and transfers). */
  channelsInUse(trunk: string): number;
}

/** Where an entry leads; `undefined` for an outside number when no trunk exists. */
export function targetOf(entry: DirectoryEntry, firstTrunk: string | undefined): DirectoryTarget | undefined {
  if (entry.endpoint) return { kind: "endpoint", dial: `PJSIP/${entry.endpoint}`, endpoint: entry.endpoint };
  if (entry.queue)
    return { kind: "queue", hotline: entry.queue.hotline, ...(entry.queue.topic ? { topic: entry.queue.topic } : {}) };
  const trunk = entry.trunk ?? firstTrunk;
  if (!entry.number || !trunk) return undefined;
  const number = entry.number.replace(/ /g, "");
  return { kind: "number", dial: `PJSIP/${number}@${trunk}`, number, trunk };
}

/** Within the entry's hours at `at` (no hours: always). */
export function withinHours(
  entry: DirectoryEntry,
  world: Pick<DirectoryWorld, "at" | "timezone" | "schedules">,
): boolean {
  if (entry.hours === undefined) return true;
  const schedule =
    typeof entry.hours === "string"
      ? world.schedules[entry.hours]
      : compileSchedule({ timezone: world.timezone, weekly: entry.hours });
  return schedule ? isOpen(schedule, world.at) : false;
}

export function reachability(key: string, entry: DirectoryEntry, world: DirectoryWorld): Reachability {
  if (!withinHours(entry, world)) return { key, reachable: false, why: "outside-hours" };
  const target = targetOf(entry, world.trunks[0]?.name);
  if (!target) return { key, reachable: false, why: "no-trunk" };
  if (target.kind === "number") {
    const limit = world.trunks.find((t) => t.name === target.trunk)?.channels ?? 0;
    if (world.channelsInUse(target.trunk) >= limit) return { key, reachable: false, why: "trunk-full" };
  }
  return { key, reachable: true };
}

/** Every entry's reachability now, in directory order. */
export function reachableNow(
  directory: Readonly<Record<string, DirectoryEntry>>,
  world: DirectoryWorld,
): Reachability[] {
  return Object.entries(directory).map(([key, entry]) => reachability(key, entry, world));
}
