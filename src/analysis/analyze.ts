/**
 * The weekly analysis: every metric of one week, plus the same headline numbers for the week
 * before and their change. Pure — the loader (load.ts) or the seed provides the records.
 */

import { type Change, change } from "./change.ts";
import { type CallFacts, classifyCalls } from "./classify.ts";
import { definitions } from "./definitions.ts";
import { type AfterHours, afterHours } from "./metrics/after-hours.ts";
import { type CallbackWeek, callbackWeek } from "./metrics/callbacks.ts";
import { byCampaign, type CampaignRow } from "./metrics/campaigns.ts";
import { type WaitingAtClosing, waitingAtClosing } from "./metrics/closing.ts";
import { peakConcurrency, type TrunkPeak } from "./metrics/concurrency.ts";
import { type DispositionReport, dispositionReport } from "./metrics/dispositions.ts";
import { type Handling, handling } from "./metrics/handling.ts";
import { type Heatmap, type HourServiceLevel, heatmap, serviceLevelByHour } from "./metrics/hourly.ts";
import { type DropoffRow, menuDropoff } from "./metrics/menu-dropoff.ts";
import { type OperatorWeek, operatorWeeks, type PauseReason, pausesByReason } from "./metrics/operators.ts";
import { type Overflow, overflow } from "./metrics/overflow.ts";
import { type QueueStats, queueStats } from "./metrics/queue-stats.ts";
import { type RepeatCallers, repeatCallers } from "./metrics/repeat-callers.ts";
import { type Segment, segmentBy } from "./metrics/segments.ts";
import { type ServiceGap, serviceGap } from "./metrics/service-gap.ts";
import { type Survey, survey } from "./metrics/survey.ts";
import { type Transfers, transfers } from "./metrics/transfers.ts";
import { byTrunk, type TrunkRow } from "./metrics/trunks.ts";
import { callsPerDay, type DayVolume, type OutcomeCount, outcomes } from "./metrics/volume.ts";
import { type PlanningWeek, planningWeek } from "./planning.ts";
import type { AnalysisSettings } from "./settings.ts";
import type { CallRecord, WeekData } from "./types.ts";
import { previousWeek } from "./week.ts";

/** The headline numbers, for this week and the one before. */
export interface Summary extends QueueStats {
  aht: number | null;
  talk: number | null;
  afterHours: number;
  afterHoursShare: number | null;
  repeatCallShare: number | null;
  surveyMean: number | null;
}

export const COMPARED = [
  "received",
  "offered",
  "answered",
  "abandoned",
  "abandonRate",
  "serviceLevel",
  "serviceLevelWithAbandons",
  "asa",
  "longestWait",
  "aht",
  "afterHours",
  "overflowed",
  "repeatCallShare",
  "surveyMean",
] as const satisfies readonly (keyof Summary)[];

export type ComparedKey = (typeof COMPARED)[number];

export interface WeeklyAnalysis {
  week: { label: string; timezone: string; start: string; end: string; hours: number; days: string[] };
  previousWeek: string;
  synthetic: boolean;
  targets: {
    serviceLevelTarget: number;
    serviceLevelSeconds: number;
    abandonRateTarget: number;
    shortAbandonSeconds: number;
    occupancyTarget: number;
    adherenceTarget: number;
  };
  currency: string;
  definitions: Record<string, string>;
  summary: Summary;
  previous: Summary | null;
  change: Record<ComparedKey, Change>;
  handling: Handling;
  callsPerDay: DayVolume[];
  outcomes: OutcomeCount[];
  serviceLevelByHour: HourServiceLevel[];
  heatmap: Heatmap;
  serviceGap: ServiceGap | null;
  operators: OperatorWeek[];
  pauses: PauseReason[];
  afterHours: AfterHours;
  waitingAtClosing: WaitingAtClosing;
  overflow: Overflow;
  transfers: Transfers;
  repeatCallers: RepeatCallers;
  menuDropoff: DropoffRow[];
  byHotline: Segment[];
  byTopic: Segment[];
  byLanguage: Segment[];
  byCampaign: CampaignRow[];
  byTrunk: TrunkRow[];
  concurrency: TrunkPeak[];
  survey: Survey;
  dispositions: DispositionReport;
  callbacks: CallbackWeek;
  /** Operators needed against planned, and the candidate contracts (src/planning). */
  planning: PlanningWeek;
}

/**
 * `asOf`: when the analysis is made. For a week still in progress, operators' planned time and open
 * sessions count only up to then, not to the week's end.
 */
export function analyzeWeek(data: WeekData, settings: AnalysisSettings, asOf?: number): WeeklyAnalysis {
  const { week } = data;
  const facts = classifyCalls(data.calls, settings, data.queueEvents);
  const summary = summarize(facts, data.calls, data.previousCalls, settings);
  const previous =
    data.previousCalls.length > 0
      ? summarize(classifyCalls(data.previousCalls, settings, data.queueEvents), data.previousCalls, [], settings)
      : null;
  const map = heatmap(facts, settings);
  return {
    week: {
      label: week.label,
      timezone: week.timezone,
      start: new Date(week.start).toISOString(),
      end: new Date(week.end).toISOString(),
      hours: week.hours,
      days: week.days,
    },
    previousWeek: previousWeek(week).label,
    synthetic: data.synthetic,
    targets: {
      serviceLevelTarget: settings.serviceLevelTarget,
      serviceLevelSeconds: settings.serviceLevelSeconds,
      abandonRateTarget: settings.abandonRateTarget,
      shortAbandonSeconds: settings.shortAbandonSeconds,
      occupancyTarget: settings.occupancyTarget,
      adherenceTarget: settings.adherenceTarget,
    },
    currency: settings.currency,
    definitions: definitions(settings),
    summary,
    previous,
    change: Object.fromEntries(COMPARED.map((k) => [k, change(summary[k], previous ? previous[k] : null)])) as Record<
      ComparedKey,
      Change
    >,
    handling: handling(facts),
    callsPerDay: callsPerDay(facts, week, settings),
    outcomes: outcomes(facts),
    serviceLevelByHour: serviceLevelByHour(facts, settings),
    heatmap: map,
    serviceGap: serviceGap(map, data.pauses, week, settings),
    operators: operatorWeeks(facts, data.sessions, data.pauses, week, settings, asOf),
    pauses: pausesByReason(data.pauses, week),
    afterHours: afterHours(facts),
    waitingAtClosing: waitingAtClosing(facts),
    overflow: overflow(facts),
    transfers: transfers(facts),
    repeatCallers: repeatCallers(data.calls, data.previousCalls, settings.repeatWindowHours),
    menuDropoff: menuDropoff(facts),
    byHotline: segmentBy(facts, (f) => f.call.hotline, settings),
    byTopic: segmentBy(facts, (f) => f.call.topic, settings),
    byLanguage: segmentBy(facts, (f) => f.call.language, settings),
    byCampaign: byCampaign(facts, settings),
    byTrunk: byTrunk(facts, settings),
    concurrency: peakConcurrency([...data.previousCalls, ...data.calls], week, settings),
    survey: survey(facts),
    dispositions: dispositionReport(data.calls, settings.dispositions ?? [], settings.repeatWindowHours),
    callbacks: callbackWeek(data.callbacks ?? [], data.calls),
    planning: planningWeek(facts, data.calls, week, settings),
  };
}

function summarize(
  facts: readonly CallFacts[],
  calls: readonly CallRecord[],
  earlier: readonly CallRecord[],
  settings: AnalysisSettings,
): Summary {
  const h = handling(facts);
  const after = afterHours(facts);
  return {
    ...queueStats(facts, settings),
    aht: h.aht,
    talk: h.talk,
    afterHours: after.calls,
    afterHoursShare: after.share,
    repeatCallShare: repeatCallers(calls, earlier, settings.repeatWindowHours).share,
    surveyMean: survey(facts).mean,
  };
}
