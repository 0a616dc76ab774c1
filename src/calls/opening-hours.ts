import type { HotlineConfig } from "../config/index.ts";
import { OverrideStore, toScheduleOverride } from "../config/override-store.ts";
import { compileConfigSchedules } from "../config/schedules.ts";
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
  private readonly schedules: Record<string, CompiledSchedule>;
  private readonly overrides: OverrideStore;

  constructor(private readonly config: HotlineConfig) {
    this.schedules = compileConfigSchedules(config);
    this.overrides = new OverrideStore(config.state.dir);
  }

  async state(hotline: string, at: Date): Promise<OpeningState> {
    const stored = await this.overrides.active(hotline, at);
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
