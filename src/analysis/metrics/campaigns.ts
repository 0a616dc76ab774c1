import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import { callCost } from "./cost.ts";
import { ratio } from "./math.ts";
import { queueStats } from "./queue-stats.ts";

export interface CampaignRow {
  /** The advertising campaign of the number dialled; "main" for numbers without one. */
  campaign: string;
  dids: string[];
  received: number;
  afterHours: number;
  afterHoursShare: number | null;
  /** After-hours calls by local weekday (Monday first): which day's hours to extend. */
  afterHoursByDay: number[];
  /** After-hours calls by local hour of day. */
  afterHoursByHour: number[];
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  /** Call charges of the campaign's calls (trunk tariffs), without monthly fees. */
  cost: number;
  costPerAnsweredCall: number | null;
}

export function byCampaign(facts: readonly CallFacts[], settings: AnalysisSettings): CampaignRow[] {
  const groups = new Map<string, CallFacts[]>();
  for (const f of facts) {
    const key = f.call.campaign ?? "main";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .map(([campaign, list]) => {
      const q = queueStats(list, settings);
      const cost = list.reduce(
        (s, f) =>
          s +
          callCost(
            f.call,
            settings.trunks.find((t) => t.name === f.call.trunk),
          ),
        0,
      );
      const after = list.filter((f) => f.afterHours);
      const afterHoursByDay = new Array<number>(7).fill(0);
      const afterHoursByHour = new Array<number>(24).fill(0);
      for (const f of after) {
        afterHoursByDay[f.day] = (afterHoursByDay[f.day] ?? 0) + 1;
        afterHoursByHour[f.hour] = (afterHoursByHour[f.hour] ?? 0) + 1;
      }
      const afterHours = after.length;
      return {
        campaign,
        dids: [...new Set(list.map((f) => f.call.did).filter((d): d is string => d !== null))].sort(),
        received: list.length,
        afterHours,
        afterHoursShare: ratio(afterHours, list.length),
        afterHoursByDay,
        afterHoursByHour,
        offered: q.offered,
        answered: q.answered,
        abandoned: q.abandoned,
        serviceLevel: q.serviceLevel,
        cost,
        costPerAnsweredCall: ratio(cost, q.answered),
      };
    })
    .sort((a, b) => b.received - a.received || a.campaign.localeCompare(b.campaign));
}
