import type { HotlineConfig } from "../config/schema.ts";
import type { TariffsSettings } from "../config/schema-tariffs.ts";
import type { Roster } from "../schedule/roster.ts";

export interface TrunkTariff {
  name: string;
  channels: number;
  costPerMinute: number;
  currency: string;
  monthlyFee: number;
  /** Seconds per billed unit (60 = per started minute). */
  billingIncrement: number;
}

/** What the metrics need from the configuration, and nothing else: tests build it by hand. */
export interface AnalysisSettings {
  timezone: string;
  serviceLevelTarget: number;
  serviceLevelSeconds: number;
  abandonRateTarget: number;
  shortAbandonSeconds: number;
  occupancyTarget: number;
  /** Share of planned minutes an operator should be logged in and not paused. */
  adherenceTarget: number;
  /** A call from the same number within this many hours of an earlier one is a repeat. */
  repeatWindowHours: number;
  /** Wrap-up seconds per hotline (its queue.wrapUp), used while no measured wrap-up exists. */
  wrapUpSeconds: Record<string, number>;
  defaultWrapUpSeconds: number;
  trunks: TrunkTariff[];
  operators: { id: string; name: string; roster?: Roster | undefined }[];
  /** Currency of the report's money columns (the first trunk's). */
  currency: string;
  /** The configured dispositions, for first-contact resolution (absent: none). */
  dispositions?: { name: string; resolved: boolean }[];
  /** Candidate contracts to replay the week on (absent: none configured). */
  tariffs?: TariffsSettings;
  /** Hotline numbers in the configuration (fees per number). */
  numbers?: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  timezone: "UTC",
  serviceLevelTarget: 0.8,
  serviceLevelSeconds: 20,
  abandonRateTarget: 0.05,
  shortAbandonSeconds: 5,
  occupancyTarget: 0.85,
  adherenceTarget: 0.9,
  repeatWindowHours: 24,
  wrapUpSeconds: {},
  defaultWrapUpSeconds: 10,
  trunks: [],
  operators: [],
  currency: "EUR",
};

/** The analysis settings of a loaded configuration; fields the schema may not have yet fall back to defaults. */
export function settingsFromConfig(config: HotlineConfig): AnalysisSettings {
  const a = config.analysis as HotlineConfig["analysis"] & { adherenceTarget?: number; repeatWindowHours?: number };
  return {
    timezone: config.organization.timezone,
    serviceLevelTarget: a.serviceLevelTarget,
    serviceLevelSeconds: a.serviceLevelSeconds,
    abandonRateTarget: a.abandonRateTarget,
    shortAbandonSeconds: a.shortAbandonSeconds,
    occupancyTarget: a.occupancyTarget,
    adherenceTarget: a.adherenceTarget ?? DEFAULT_SETTINGS.adherenceTarget,
    repeatWindowHours: a.repeatWindowHours ?? DEFAULT_SETTINGS.repeatWindowHours,
    wrapUpSeconds: Object.fromEntries(Object.entries(config.hotlines).map(([name, h]) => [name, h.queue.wrapUp])),
    defaultWrapUpSeconds: DEFAULT_SETTINGS.defaultWrapUpSeconds,
    trunks: config.trunks.map((t) => ({
      name: t.name,
      channels: t.channels,
      costPerMinute: t.costPerMinute,
      currency: t.currency,
      monthlyFee: t.monthlyFee,
      billingIncrement: t.billingIncrement,
    })),
    operators: Object.entries(config.operators).map(([id, o]) => ({ id, name: o.name, roster: o.roster })),
    currency: config.trunks[0]?.currency ?? DEFAULT_SETTINGS.currency,
    dispositions: Object.values(config.dispositions ?? {}).map((d) => ({ name: d.name, resolved: d.resolved })),
    ...(config.tariffs ? { tariffs: config.tariffs } : {}),
    numbers: config.numbers.length,
  };
}
