/**
 * The report's planning part: the week's traffic against the rosters (operators needed per hour),
 * and the week's calls on the candidate contracts. The numbers come from src/planning; this only
 * picks what one week's report shows. Pure.
 */
import { measureTraffic, plannedByHour, type StaffingGap, staffingGaps, staffingTable } from "../planning/staffing.ts";
import {
  type ChannelSizing,
  compareTariffs,
  sizeChannels,
  type TariffBill,
  type TariffComparison,
} from "../planning/tariffs.ts";
import type { CallFacts } from "./classify.ts";
import type { AnalysisSettings } from "./settings.ts";
import type { CallRecord, IsoWeek } from "./types.ts";

export interface PlanningWeek {
  staffing: {
    /** Mean talk + wrap-up, seconds; the callers' mean patience (null: nobody gave up: Erlang C). */
    handleSeconds: number | null;
    patienceSeconds: number | null;
    /** Runs of hours short of operators, the worst first (most operator-hours missing). */
    short: StaffingGap[];
    /** Runs with two or more operators to spare while calls came. */
    spare: StaffingGap[];
    /** Operators without a roster (not counted as planned). */
    unrostered: number;
  };
  /** Null without candidate offers in the configuration. */
  tariffs: TariffComparison | null;
  /** The busiest hour's channels (Erlang B), with or without candidates. */
  channels: ChannelSizing;
}

export function planningWeek(
  facts: readonly CallFacts[],
  calls: readonly CallRecord[],
  week: IsoWeek,
  settings: AnalysisSettings,
): PlanningWeek {
  const traffic = measureTraffic(facts, 1);
  const rosters = settings.operators.flatMap((o) => (o.roster ? [o.roster] : []));
  const rows = staffingTable(traffic, plannedByHour(rosters), settings);
  const gaps = staffingGaps(rows);
  const missing = (g: StaffingGap) => (g.needed - g.plannedLeast) * (g.toHour - g.fromHour);
  const offers = settings.tariffs && Object.keys(settings.tariffs.offers).length > 0 ? settings.tariffs : null;
  const tariffs = offers
    ? compareTariffs(calls, settings.trunks, offers, {
        start: week.start,
        end: week.end,
        numbers: settings.numbers ?? 0,
      })
    : null;
  return {
    staffing: {
      handleSeconds: traffic.handleSeconds,
      patienceSeconds: traffic.patienceSeconds,
      short: gaps.filter((g) => g.kind === "short").sort((a, b) => missing(b) - missing(a)),
      spare: gaps.filter((g) => g.kind === "spare"),
      unrostered: settings.operators.length - rosters.length,
    },
    tariffs,
    channels:
      tariffs?.sizing ??
      sizeChannels(
        calls,
        week,
        settings.trunks.reduce((n, t) => n + t.channels, 0),
        settings.tariffs?.blockingTarget ?? 0.01,
      ),
  };
}

/** The contract in force (all trunks together) and the cheapest candidate billed in its currency. */
export function contractAndCheapest(
  t: TariffComparison,
): { current: TariffBill; cheapest: TariffBill | undefined } | null {
  const current = t.currentTotal ?? t.current[0];
  if (!current) return null;
  const cheapest = t.offers
    .filter((o) => o.currency === current.currency)
    .reduce<TariffBill | undefined>((best, o) => (!best || o.perMonth < best.perMonth ? o : best), undefined);
  return { current, cheapest };
}

/**
 * What the busiest hour says of the channels in force: too few (they block more than the target),
 * twice or more what it needs, or about right; null without calls.
 */
export function channelVerdict(s: ChannelSizing): "add" | "fewer" | "fine" | null {
  if (s.busyHour === null) return null;
  if (s.currentBlocking > s.target) return "add";
  return s.needed > 0 && s.current >= 2 * s.needed ? "fewer" : "fine";
}
