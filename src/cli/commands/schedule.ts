import type { Command } from "commander";
import { DateTime } from "luxon";
import type { HotlineConfig } from "../../config/index.ts";
import type { OverrideStore, StoredOverride } from "../../config/override-store.ts";
import type { CompiledSchedule, ScheduleOverride } from "../../schedule/index.ts";
import { requireConfig } from "./config.ts";

interface Common {
  config?: string;
  hotline?: string;
}

/**
 * `hotline schedule`: is a hotline open at a given time, by which rule, and when does that change;
 * `--days N` previews the opening hours; `override` opens or closes by hand (stored in state.dir).
 */
export function registerScheduleCommands(program: Command): void {
  const schedule = program
    .command("schedule")
    .description("is a hotline open (now or --at), which rule decides, when it changes; --days N previews")
    .option("-c, --config <file>", "configuration file")
    .option("--hotline <name>", "hotline (default: the first one)")
    .option("--at <time>", "ISO time, e.g. 2027-07-05T10:00 (schedule's zone unless it has an offset); default now")
    .option("--days <n>", "preview the opening hours of the next n days", (v) => positiveInt(v, "--days"))
    .option("--json", "machine-readable output")
    .action(async (opts: Common & { at?: string; days?: number; json?: boolean }) => {
      const ctx = await context(opts);
      const at = opts.at ? parseTime(opts.at, ctx.timezone, "--at") : new Date();
      if (opts.days !== undefined) return await printPreview(ctx, at, opts.days, opts.json === true);
      const stored = await ctx.store.active(ctx.hotline, at);
      if (!ctx.compiled) {
        // An override answers only from the time it was set.
        const active = stored && !(Date.parse(stored.setAt) > at.getTime()) ? stored : null;
        const open = active ? active.state === "open" : true;
        const rule = active ? `override: ${active.state}` : "no schedule: always open";
        if (opts.json) return print(JSON.stringify({ open, rule, nextChange: active?.until ?? null }));
        return print(`${ctx.hotline}: ${open ? "OPEN" : "CLOSED"} — ${rule}`);
      }
      const { explain, repeatedHourNote } = await import("../../schedule/index.ts");
      const e = explain(ctx.compiled, at, stored ? await engineOverride(stored) : null);
      if (opts.json) {
        return print(
          JSON.stringify({ open: e.open, rule: e.rule, nextChange: e.nextChange?.toISOString() ?? null }, null, 2),
        );
      }
      print(
        `${ctx.hotline} at ${local(at, ctx.timezone)} (${ctx.timezone}, UTC${e.utcOffset}): ${e.open ? "OPEN" : "CLOSED"}`,
      );
      print(`  rule: ${e.rule.description}`);
      const note = repeatedHourNote(e);
      if (note) print(`  note: ${note}`);
      print(
        e.nextChange
          ? `  next change: ${e.open ? "closes" : "opens"} ${local(e.nextChange, ctx.timezone)} (${until(at, e.nextChange)})`
          : `  next change: none (${e.open ? "open" : "closed"} from now on)`,
      );
    });

  schedule
    .command("override <state>")
    .description("open|closed: override the schedule by hand (survives restarts); clear: back to the schedule")
    .option("-c, --config <file>", "configuration file")
    .option("--hotline <name>", "only this hotline (default: all hotlines)")
    .option("--until <time>", "ISO time the override ends (default: until cleared)")
    .option("--reason <text>", "why, for the log and `hotline schedule`")
    .action(async (state: string, own: Common & { until?: string; reason?: string }, cmd: Command) => {
      const opts = { ...(cmd.parent?.opts() as Common), ...own };
      if (!["open", "closed", "clear"].includes(state))
        throw new Error(`override: expected open, closed or clear, got "${state}"`);
      const config = await requireConfig(opts.config);
      if (opts.hotline !== undefined && !config.hotlines[opts.hotline])
        throw new Error(unknownHotline(config, opts.hotline));
      const { OverrideStore } = await import("../../config/override-store.ts");
      const store = new OverrideStore(config.state.dir);
      const who = opts.hotline ?? "all hotlines";
      if (state === "clear") {
        const removed = await store.clear(opts.hotline);
        return print(
          removed ? `override cleared for ${who}: the schedule decides again` : `no override was set for ${who}`,
        );
      }
      const until = opts.until ? parseTime(opts.until, config.organization.timezone, "--until") : undefined;
      const stored = await store.set(opts.hotline, {
        state: state as "open" | "closed",
        ...(until ? { until } : {}),
        ...(opts.reason ? { reason: opts.reason } : {}),
      });
      print(`${who}: ${stored.state.toUpperCase()} by override${overrideNote(stored, config.organization.timezone)}`);
    });
}

interface Context {
  config: HotlineConfig;
  hotline: string;
  compiled: CompiledSchedule | undefined;
  timezone: string;
  store: OverrideStore;
}

async function context(opts: Common): Promise<Context> {
  const { resolveConfigPath } = await import("../../config/paths.ts");
  const { compileConfigSchedules } = await import("../../config/schedules.ts");
  const { OverrideStore } = await import("../../config/override-store.ts");
  const config = await requireConfig(opts.config ?? resolveConfigPath());
  const hotline = opts.hotline ?? Object.keys(config.hotlines)[0];
  if (hotline === undefined || !config.hotlines[hotline]) throw new Error(unknownHotline(config, hotline ?? ""));
  const name = config.hotlines[hotline]?.schedule;
  const compiled = name !== undefined ? compileConfigSchedules(config)[name] : undefined;
  const timezone =
    name !== undefined
      ? (config.schedules[name]?.timezone ?? config.organization.timezone)
      : config.organization.timezone;
  return { config, hotline, compiled, timezone, store: new OverrideStore(config.state.dir) };
}

async function printPreview(ctx: Context, from: Date, days: number, json: boolean): Promise<void> {
  if (!ctx.compiled) {
    print(json ? JSON.stringify([]) : `${ctx.hotline}: no schedule — always open`);
    return;
  }
  const { preview } = await import("../../schedule/index.ts");
  const stored = await ctx.store.active(ctx.hotline, from);
  const list = preview(ctx.compiled, from, days, stored ? await engineOverride(stored) : null);
  if (json) {
    print(JSON.stringify(list, null, 2));
    return;
  }
  print(`${ctx.hotline} (${ctx.timezone}), ${days} days from ${list[0]?.date ?? ""}:`);
  for (const day of list) {
    const hours = day.intervals.length ? day.intervals.map((i) => `${i.from}-${i.to}`).join(", ") : "closed";
    const rule = day.override ? `${day.override.description} (else ${day.rule.description})` : day.rule.description;
    print(`  ${day.weekday} ${day.date}  ${hours.padEnd(24)}  ${rule}`);
  }
}

/** The stored override as the engine reads it: in force from the time it was set. */
async function engineOverride(stored: StoredOverride): Promise<ScheduleOverride> {
  const { toScheduleOverride } = await import("../../config/override-store.ts");
  const setAt = stored.setAt ? new Date(stored.setAt) : null;
  return { ...toScheduleOverride(stored), ...(setAt && !Number.isNaN(setAt.getTime()) ? { from: setAt } : {}) };
}

/** ISO text → instant; without an offset it is wall-clock time in `zone` (what an admin means). */
function parseTime(text: string, zone: string, option: string): Date {
  const dt = DateTime.fromISO(text, { zone, setZone: true });
  if (!dt.isValid) throw new Error(`${option}: "${text}" is not an ISO time (e.g. 2027-07-05T10:00)`);
  return dt.toJSDate();
}

function local(d: Date, zone: string): string {
  return DateTime.fromJSDate(d).setZone(zone).toFormat("ccc yyyy-MM-dd HH:mm");
}

function until(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 48 * 60) return `in ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `in ${Math.round(minutes / 1440)} days`;
}

function overrideNote(o: StoredOverride, zone?: string): string {
  const end = o.until ? ` until ${zone ? local(new Date(o.until), zone) : o.until}` : " until cleared";
  return `${end}${o.reason ? ` — ${o.reason}` : ""}`;
}

function unknownHotline(config: HotlineConfig, name: string): string {
  return `unknown hotline "${name}" (hotlines: ${Object.keys(config.hotlines).join(", ")})`;
}

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new Error(`${option} expects a whole number from 1 to 366`);
  return n;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
