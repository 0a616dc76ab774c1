/**
 * Manual schedule overrides ("we are closed now: fire drill", "open until 20:00 for results day"),
 * kept in a small JSON file under state.dir so they survive a restart of the app. The schedule
 * engine only reads overrides; this is where they are stored.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScheduleOverride } from "../schedule/index.ts";

/** Applies to every hotline unless a hotline has its own override. */
export const ALL_HOTLINES = "*";

export interface StoredOverride {
  state: "open" | "closed";
  /** ISO instant (exclusive end); absent: until cleared. */
  until?: string;
  reason?: string;
  /** ISO instant it was set, for the audit trail in `hotline schedule`. */
  setAt: string;
}

interface OverrideFile {
  version: 1;
  /** Hotline name (or "*") → override. */
  overrides: Record<string, StoredOverride>;
}

export class OverrideStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, "schedule-overrides.json");
  }

  /** Every stored override, expired ones included (they are pruned on the next write). */
  async all(): Promise<Record<string, StoredOverride>> {
    return (await this.read()).overrides;
  }

  /** The override in force for a hotline at `now`: its own, else the one for all hotlines. */
  async active(hotline: string, now: Date = new Date()): Promise<StoredOverride | null> {
    return activeOverride((await this.read()).overrides, hotline, now);
  }

  /** The active override in the schedule engine's form, for explain()/isOpen(). */
  async forSchedule(hotline: string, now: Date = new Date()): Promise<ScheduleOverride | null> {
    const o = await this.active(hotline, now);
    return o ? toScheduleOverride(o) : null;
  }

  async set(
    hotline: string | undefined,
    override: { state: "open" | "closed"; until?: Date; reason?: string },
    now: Date = new Date(),
  ): Promise<StoredOverride> {
    if (override.until && override.until.getTime() <= now.getTime()) {
      throw new Error(`--until ${override.until.toISOString()} is in the past`);
    }
    const stored: StoredOverride = {
      state: override.state,
      ...(override.until ? { until: override.until.toISOString() } : {}),
      ...(override.reason ? { reason: override.reason } : {}),
      setAt: now.toISOString(),
    };
    const data = await this.read();
    data.overrides[hotline ?? ALL_HOTLINES] = stored;
    await this.write(data, now);
    return stored;
  }

  /** Remove the override of one hotline, or all of them; true when there was something to remove. */
  async clear(hotline?: string, now: Date = new Date()): Promise<boolean> {
    const data = await this.read();
    const keys = hotline === undefined ? Object.keys(data.overrides) : [hotline].filter((k) => data.overrides[k]);
    for (const key of keys) delete data.overrides[key];
    await this.write(data, now);
    return keys.length > 0;
  }

  private async read(): Promise<OverrideFile> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, overrides: {} };
      throw err;
    }
    // A damaged file must not silently reopen a hotline someone closed on purpose: say so.
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`${this.file} is not valid JSON; fix or delete it (hotline schedule override clear)`);
    }
    const overrides = (data as Partial<OverrideFile>)?.overrides;
    if (!overrides || typeof overrides !== "object") throw new Error(`${this.file} has no "overrides" map`);
    return { version: 1, overrides: { ...overrides } };
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a file behind. */
  private async write(data: OverrideFile, now: Date): Promise<void> {
    for (const [key, o] of Object.entries(data.overrides)) if (isExpired(o, now)) delete data.overrides[key];
    await mkdir(join(this.file, ".."), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
    await rename(tmp, this.file);
  }
}

export function toScheduleOverride(o: StoredOverride): ScheduleOverride {
  return {
    state: o.state,
    ...(o.until ? { until: new Date(o.until) } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
  };
}

/** Of the stored overrides, the one in force for a hotline at `now`: its own, else the one for all. */
export function activeOverride(
  overrides: Record<string, StoredOverride>,
  hotline: string,
  now: Date,
): StoredOverride | null {
  for (const key of [hotline, ALL_HOTLINES]) {
    const o = overrides[key];
    if (o && !isExpired(o, now)) return o;
  }
  return null;
}

function isExpired(o: StoredOverride, now: Date): boolean {
  return o.until !== undefined && new Date(o.until).getTime() <= now.getTime();
}
