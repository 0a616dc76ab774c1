/**
 * Runs the operators' rosters while the app runs: applies the plan at startup and whenever a
 * planned segment begins (shift, lunch, break, end of shift), and warns the supervisor log when the
 * roster leaves an open hotline without anyone qualified right now. Decisions: roster-actions.ts.
 */
import schedule from "node-schedule";
import { rosterAt } from "../acd/roster.ts";
import { type StaffingGap, understaffing } from "../acd/staffing.ts";
import type { Outcome } from "../acd/types.ts";
import { compileConfigSchedules } from "../config/schedules.ts";
import type { HotlineConfig } from "../config/schema.ts";
import type { Logger } from "../logger.ts";
import type { CompiledSchedule } from "../schedule/index.ts";
import type { OperatorCommands } from "./commands.ts";
import { newRosterMemory, type RosterCommand, type RosterDecision, remember, rosterActions } from "./roster-actions.ts";

/** Runs `task` once at `at`; cancel() before it ran stops it. */
export type Timer = (at: Date, task: () => void) => { cancel(): void };

export interface RosterSchedulerOptions {
  readonly commands: OperatorCommands;
  readonly config: HotlineConfig;
  readonly logger: Logger;
  /** The clock (tests bring their own). */
  readonly now?: () => Date;
  /** node-schedule by default. */
  readonly timer?: Timer;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const DONE_MESSAGE: Record<RosterCommand["action"], string> = {
  login: "roster: logged in",
  logout: "roster: logged out",
  pause: "roster: paused",
  resume: "roster: resumed",
};

export class RosterScheduler {
  private config: HotlineConfig;
  private schedules: Readonly<Record<string, CompiledSchedule>> | undefined;
  private readonly commands: OperatorCommands;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly timer: Timer;
  private readonly memory = newRosterMemory();
  /** Gaps already warned about (message and start), so a long gap is said once. */
  private readonly warned = new Set<string>();
  private job: { cancel(): void } | undefined;
  private wake: Date | null = null;
  private running = false;

  constructor(options: RosterSchedulerOptions) {
    this.commands = options.commands;
    this.config = options.config;
    this.schedules = compiled(options.config);
    this.log = options.logger.child({ component: "roster" });
    this.now = options.now ?? (() => new Date());
    this.timer = options.timer ?? nodeScheduleTimer;
  }

  /** Applies the plan in force now, then at every boundary until stop(). */
  start(): void {
    this.running = true;
    this.run();
  }

  /** A reloaded configuration: operators whose plan changed with it get the new plan now. */
  reconfigure(config: HotlineConfig): void {
    this.config = config;
    this.schedules = compiled(config);
    for (const key of [...this.memory.applied.keys()])
      if (!config.operators[key]?.roster) {
        this.memory.applied.delete(key);
        this.memory.pauses.delete(key);
        this.memory.shifts.delete(key);
      }
    if (this.running) this.run();
  }

  stop(): void {
    this.running = false;
    this.job?.cancel();
    this.job = undefined;
    this.wake = null;
  }

  /** When the scheduler wakes next (a roster boundary or the start of an understaffed gap). */
  next(): Date | null {
    return this.wake;
  }

  private run(): void {
    this.job?.cancel();
    const now = this.now();
    // This week's gaps and next week's: the next one to start may be after the weekend.
    const gaps = [...this.gaps(now), ...this.gaps(new Date(now.getTime() + 7 * DAY_MS))];
    try {
      for (const decision of rosterActions(this.config, this.commands.statuses(), now, this.memory))
        this.apply(decision);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, "roster: not applied");
    }
    this.warnUnderstaffed(gaps, now);
    this.wake = this.nextWake(gaps, now);
    this.job = this.timer(this.wake, () => {
      if (this.running) this.run();
    });
  }

  private apply(decision: RosterDecision): void {
    const { operator, planned, command } = decision;
    if (!command) {
      remember(this.memory, decision);
      return;
    }
    const entry = {
      operator,
      planned: planned.state,
      until: planned.until?.toISOString() ?? null,
      action: command.action,
      ...(command.action === "pause" ? { reason: command.reason } : {}),
    };
    let outcome: Outcome;
    try {
      outcome = this.execute(operator, command);
    } catch (err) {
      // Not remembered as applied: the next wake-up tries again.
      this.log.error({ ...entry, err: (err as Error).message }, "roster: command failed");
      return;
    }
    remember(this.memory, decision, outcome);
    if (outcome === "done") this.log.info({ ...entry, outcome }, DONE_MESSAGE[command.action]);
    else if (outcome === "pending")
      this.log.info({ ...entry, outcome }, `roster: ${command.action} when the call ends`);
    else this.log.debug({ ...entry, outcome }, "roster: nothing to do");
  }

  private execute(operator: string, command: RosterCommand): Outcome {
    switch (command.action) {
      case "login":
        return this.commands.login(operator, "roster");
      case "logout":
        return this.commands.logout(operator, "roster");
      case "pause":
        return this.commands.pause(operator, command.reason, "roster");
      case "resume":
        return this.commands.resume(operator, "roster");
    }
  }

  /** A supervisor warning for each gap the roster leaves open now, once per gap. */
  private warnUnderstaffed(gaps: readonly StaffingGap[], now: Date): void {
    const t = now.getTime();
    const current = gaps.filter((g) => g.start.getTime() <= t && t < g.end.getTime());
    const keys = new Set(current.map(gapKey));
    for (const key of [...this.warned]) if (!keys.has(key)) this.warned.delete(key);
    for (const gap of current) {
      if (this.warned.has(gapKey(gap))) continue;
      this.warned.add(gapKey(gap));
      this.log.warn(
        { hotline: gap.hotline, topic: gap.topic, language: gap.language, until: gap.end.toISOString() },
        `understaffed now: ${gap.message}`,
      );
    }
  }

  /** The next roster boundary of any operator, or the start of an understaffed gap; at most a day away. */
  private nextWake(gaps: readonly StaffingGap[], now: Date): Date {
    const t = now.getTime();
    let wake = t + DAY_MS;
    for (const [key, settings] of Object.entries(this.config.operators)) {
      if (!settings.roster) continue;
      const until = rosterAt(this.config, key, now).until?.getTime();
      if (until !== undefined && until > t) wake = Math.min(wake, until);
    }
    for (const gap of gaps) {
      const start = gap.start.getTime();
      if (start > t) wake = Math.min(wake, start);
    }
    return new Date(wake);
  }

  private gaps(week: Date): StaffingGap[] {
    // Without any roster there is no plan to find gaps in (operators log in from their phones).
    if (!Object.values(this.config.operators).some((o) => o.roster)) return [];
    try {
      return understaffing(this.config, week, this.schedules ? { schedules: this.schedules } : {});
    } catch (err) {
      this.log.error({ err: (err as Error).message }, "roster: understaffing not checked");
      return [];
    }
  }
}

function gapKey(gap: StaffingGap): string {
  return `${gap.message}@${gap.start.toISOString()}`;
}

/** The schedules with their ics holidays read; without them (unreadable file) the plain rules apply. */
function compiled(config: HotlineConfig): Readonly<Record<string, CompiledSchedule>> | undefined {
  try {
    return compileConfigSchedules(config);
  } catch {
    return undefined;
  }
}

const nodeScheduleTimer: Timer = (at, task) => {
  const job = schedule.scheduleJob(at, task);
  if (job) return { cancel: () => job.cancel() };
  // node-schedule ignores a date already past (a slow computation): run at once instead.
  const timeout = setTimeout(task, 0);
  return { cancel: () => clearTimeout(timeout) };
};
