import type { HotlineConfig } from "../config/index.ts";
import { activeOverride, OverrideStore, type StoredOverride, toScheduleOverride } from "../config/override-store.ts";
import { compileConfigSchedules } from "../config/schedules.ts";
import { type HoursSheet, hoursSheet } from "../hours/sheet.ts";
import { type CompiledSchedule, type Explanation, explain, nextOpening } from "../schedule/index.ts";

export interface OpeningState {
  open: boolean;
  /** The rule that decided, in words ("holiday \"Christmas Day\""), for logs and records. */
  rule: string;
  /** When it next opens (null: open now, or never again). */
  nextOpening: Date | null;
  /** When the current state ends (closing time while open). */
  nextChange: Date | null;
  timezone: string;
}

/**
 * Opening hours of every hotline: the configuration's compiled schedules plus the manual override
 * (CLI, later desk phone and web) read from the state folder at each decision, so an override set
 * from another process applies to the next call at once.
 */
export class OpeningHours {
  private static readonly byConfig = new WeakMap<HotlineConfig, OpeningHours>();
  private readonly schedules: Record<string, CompiledSchedule>;
  private readonly overrides: OverrideStore;

  /** The opening hours of a configuration, compiled once for it (a reload compiles them anew). */
  static of(config: HotlineConfig): OpeningHours {
    let hours = OpeningHours.byConfig.get(config);
    if (!hours) {
      hours = new OpeningHours(config);
      OpeningHours.byConfig.set(config, hours);
    }
    return hours;
  }

  constructor(private readonly config: HotlineConfig) {
    this.schedules = compileConfigSchedules(config);
    this.overrides = new OverrideStore(config.state.dir);
  }

  async state(hotline: string, at: Date): Promise<OpeningState> {
    return this.decide(hotline, at, await this.overrides.active(hotline, at));
  }

  /**
   * The state at many instants from one reading of the override file, for a walk over the coming
   * days (an override set meanwhile is seen at the next walk).
   */
  async states(): Promise<(hotline: string, at: Date) => OpeningState> {
    const stored = await this.overrides.all();
    return (hotline, at) => this.decide(hotline, at, activeOverride(stored, hotline, at));
  }

  /** The hours to advertise (`hotline hours`, the public endpoint): the same schedule and override. */
  async sheet(hotline: string, at: Date, days?: number): Promise<HoursSheet> {
    const stored = await this.overrides.active(hotline, at);
    const name = this.config.hotlines[hotline]?.schedule;
    return hoursSheet(
      name ? (this.schedules[name] ?? null) : null,
      (name ? this.config.schedules[name]?.timezone : undefined) ?? this.config.organization.timezone,
      at,
      stored ? toScheduleOverride(stored) : null,
      days,
    );
  }

  private decide(hotline: string, at: Date, stored: StoredOverride | null): OpeningState {
    const override = stored ? toScheduleOverride(stored) : undefined;
    const scheduleName = this.config.hotlines[hotline]?.schedule;
    const schedule = scheduleName ? this.schedules[scheduleName] : undefined;
    if (!schedule) {
      // No schedule: always open, unless someone closed it by hand.
      const open = override ? override.state === "open" : true;
      return {
        open,
        rule: override ? `manual override (${override.state}${override.reason ? `: ${override.reason}` : ""})` : "24/7",
        nextOpening: open ? null : (override?.until ?? null),
        nextChange: override?.until ?? null,
        timezone: this.config.organization.timezone,
      };
    }
    const decision: Explanation = explain(schedule, at, override ?? undefined);
    return {
      open: decision.open,
      rule: decision.rule.description,
      nextOpening: decision.open ? null : nextOpening(schedule, at, override ?? undefined),
      nextChange: decision.nextChange,
      timezone: decision.timezone,
    };
  }
}
