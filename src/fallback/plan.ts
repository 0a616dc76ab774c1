/**
 * The native fallback: what Asterisk must know to take calls on its own while no hotline app is
 * connected (the dialplan's [hotline-fallback]), worked out from the configuration and the ACD.
 * Pure: the sync adapter writes the result to each node over AMI.
 */
import type { OperatorStatus } from "../acd/types.ts";
import type { AmiAction } from "../asterisk/ami/sanitize.ts";
import { normalizeNumber } from "../config/routing.ts";

/** app_queue's queue the dialplan falls back to (queues.conf, sandbox and export alike). */
export const FALLBACK_QUEUE = "hotline-fallback";

/** AstDB families the app writes and the dialplan reads. */
export const DB_FAMILY = {
  /** digits of a dialled number (or `default`) → `hotline|language` */
  number: "hotline-number",
  /** hotline → its opening windows, `start-end|start-end…` in epoch seconds (start 0: open already) */
  hours: "hotline-hours",
  /** hotline → how long a caller waits in the native queue, seconds */
  wait: "hotline-wait",
  /** the dialplan's notes of the calls it took natively, `<call id>/<what>` */
  calls: "hotline-fallback",
} as const;

/** How far ahead the windows reach: an app down for longer than this leaves the hotline closed. */
export const HOURS_HORIZON_MS = 8 * 86_400_000;

/** One desk phone in the native queue. */
export interface FallbackMember {
  /** `PJSIP/<endpoint>` */
  interface: string;
  /** The operator's id (app_queue's MemberName). */
  operator: string;
  paused: boolean;
}

/** Who is in the native queue: every operator logged in, on a pause paused (so lunch stays lunch). */
export function fallbackMembers(
  operators: Readonly<Record<string, { endpoint: string }>>,
  statuses: readonly Pick<OperatorStatus, "operator" | "state">[],
): FallbackMember[] {
  const members: FallbackMember[] = [];
  for (const s of statuses) {
    const endpoint = operators[s.operator]?.endpoint;
    if (!endpoint || s.state === "logged-out") continue;
    members.push({ interface: `PJSIP/${endpoint}`, operator: s.operator, paused: s.state === "paused" });
  }
  return members.sort((a, b) => a.interface.localeCompare(b.interface));
}

/** The AMI actions that turn the queue's members as Asterisk has them into the wanted ones. */
export function membersDiff(current: readonly FallbackMember[], wanted: readonly FallbackMember[]): AmiAction[] {
  const actions: AmiAction[] = [];
  const have = new Map(current.map((m) => [m.interface, m]));
  const want = new Map(wanted.map((m) => [m.interface, m]));
  for (const m of current) {
    if (!want.has(m.interface)) actions.push({ Action: "QueueRemove", Queue: FALLBACK_QUEUE, Interface: m.interface });
  }
  for (const m of wanted) {
    const had = have.get(m.interface);
    if (!had) {
      actions.push({
        Action: "QueueAdd",
        Queue: FALLBACK_QUEUE,
        Interface: m.interface,
        MemberName: m.operator,
        StateInterface: m.interface,
        Paused: m.paused ? "true" : "false",
      });
    } else if (had.paused !== m.paused) {
      actions.push({
        Action: "QueuePause",
        Queue: FALLBACK_QUEUE,
        Interface: m.interface,
        Paused: m.paused ? "true" : "false",
        ...(m.paused ? { Reason: "hotline" } : {}),
      });
    }
  }
  return actions;
}

/** A time span the hotline is open, in epoch milliseconds. */
export type Window = readonly [start: number, end: number];

/** What the opening hours answer at one instant (OpeningHours.state). */
export interface OpenState {
  open: boolean;
  nextChange: Date | null;
  nextOpening: Date | null;
}

/**
 * The hotline's open windows from `from` to the horizon, walked from one change to the next. A window
 * open at `from` starts at 0, so the value only changes when a window ends or the schedule does.
 */
export function openWindows(stateAt: (at: Date) => OpenState, from: Date, horizonMs = HOURS_HORIZON_MS): Window[] {
  const end = from.getTime() + horizonMs;
  const windows: Window[] = [];
  let t = from.getTime();
  for (let step = 0; step < 64 && t < end; step++) {
    const s = stateAt(new Date(t));
    if (s.open) {
      const until = Math.min(s.nextChange?.getTime() ?? end, end);
      if (until <= t) break;
      const last = windows[windows.length - 1];
      const start = t === from.getTime() ? 0 : t;
      if (last && last[1] === t) windows[windows.length - 1] = [last[0], until];
      else windows.push([start, until]);
      t = until;
    } else {
      const next = s.nextOpening?.getTime();
      if (next === undefined || next <= t) break;
      t = next;
    }
  }
  return windows;
}

/** `start-end|…` in epoch seconds, as the dialplan reads it. */
export function formatWindows(windows: readonly Window[]): string {
  return windows.map(([s, e]) => `${Math.floor(s / 1000)}-${Math.ceil(e / 1000)}`).join("|");
}

export interface FallbackRoutingConfig {
  organization: { defaultLanguage: string };
  numbers: readonly { did: string; hotline: string; language?: string | undefined }[];
  hotlines: Readonly<Record<string, { queue: { maxWait: number } }>>;
}

/** One AstDB value, by family and key. */
export type DbEntries = Map<string, string>;

export function dbKey(family: string, key: string): string {
  return `${family}/${key}`;
}

/** Every AstDB value the dialplan needs, given each hotline's formatted windows. */
export function fallbackDb(config: FallbackRoutingConfig, hours: Readonly<Record<string, string>>): DbEntries {
  const out: DbEntries = new Map();
  const first = Object.keys(config.hotlines)[0];
  if (first) out.set(dbKey(DB_FAMILY.number, "default"), `${first}|${config.organization.defaultLanguage}`);
  // Reversed, so the first entry for a number wins as it does in routeCall.
  for (const n of [...config.numbers].reverse()) {
    const digits = normalizeNumber(n.did);
    if (digits)
      out.set(dbKey(DB_FAMILY.number, digits), `${n.hotline}|${n.language ?? config.organization.defaultLanguage}`);
  }
  for (const [name, hotline] of Object.entries(config.hotlines)) {
    out.set(dbKey(DB_FAMILY.hours, name), hours[name] ?? "");
    out.set(dbKey(DB_FAMILY.wait, name), String(hotline.queue.maxWait));
  }
  return out;
}

/** The AMI actions that make the node's values `wanted`, given what was last written there. */
export function dbDiff(written: DbEntries, wanted: DbEntries): AmiAction[] {
  const actions: AmiAction[] = [];
  for (const [k, v] of wanted) {
    if (written.get(k) === v) continue;
    const [family, key] = splitKey(k);
    actions.push({ Action: "DBPut", Family: family, Key: key, Val: v });
  }
  for (const k of written.keys()) {
    if (wanted.has(k)) continue;
    const [family, key] = splitKey(k);
    actions.push({ Action: "DBDel", Family: family, Key: key });
  }
  return actions;
}

function splitKey(k: string): [string, string] {
  const i = k.indexOf("/");
  return [k.slice(0, i), k.slice(i + 1)];
}
