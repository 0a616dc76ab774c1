import { MINUTES_PER_WEEK, WHOLE_SHIFT, WORKING, weekMask } from "../../schedule/roster.ts";
import type { CallFacts } from "../classify.ts";
import type { AnalysisSettings } from "../settings.ts";
import { ratio } from "./math.ts";

export interface HourServiceLevel {
  hour: number;
  offered: number;
  answered: number;
  answeredWithinTarget: number;
  serviceLevel: number | null;
}

/** Service level by local hour of day (the hour the call started), all days together. */
export function serviceLevelByHour(facts: readonly CallFacts[], settings: AnalysisSettings): HourServiceLevel[] {
  const rows = Array.from({ length: 24 }, (_, hour) => ({ hour, offered: 0, answered: 0, answeredWithinTarget: 0 }));
  for (const f of facts) {
    if (!f.queued) continue;
    const row = rows[f.hour] as (typeof rows)[number];
    row.offered++;
    if (f.answered) {
      row.answered++;
      if ((f.wait ?? 0) <= settings.serviceLevelSeconds) row.answeredWithinTarget++;
    }
  }
  return rows.map((r) => ({ ...r, serviceLevel: ratio(r.answeredWithinTarget, r.answered) }));
}

/** 7 × 24 cells, Monday first, by local wall-clock hour: in a DST week one cell holds two hours or none. */
export interface Heatmap {
  calls: number[][];
  offered: number[][];
  answered: number[][];
  answeredWithinTarget: number[][];
  /** Mean operators planned to take calls in the hour (roster shifts minus lunch and breaks). */
  operatorsOnShift: number[][];
  /** Mean operators rostered in the hour, breaks included. */
  operatorsRostered: number[][];
}

export function heatmap(facts: readonly CallFacts[], settings: AnalysisSettings): Heatmap {
  const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const h: Heatmap = {
    calls: grid(),
    offered: grid(),
    answered: grid(),
    answeredWithinTarget: grid(),
    operatorsOnShift: grid(),
    operatorsRostered: grid(),
  };
  for (const f of facts) {
    bump(h.calls, f);
    if (!f.queued) continue;
    bump(h.offered, f);
    if (f.answered) {
      bump(h.answered, f);
      if ((f.wait ?? 0) <= settings.serviceLevelSeconds) bump(h.answeredWithinTarget, f);
    }
  }
  for (const o of settings.operators) {
    if (!o.roster) continue;
    addMask(h.operatorsOnShift, weekMask(o.roster, WORKING));
    addMask(h.operatorsRostered, weekMask(o.roster, WHOLE_SHIFT));
  }
  for (const grid of [h.operatorsOnShift, h.operatorsRostered]) {
    for (const row of grid)
      for (let i = 0; i < row.length; i++) row[i] = Math.round(((row[i] as number) / 60) * 100) / 100;
  }
  return h;
}

function bump(grid: number[][], f: CallFacts): void {
  const row = grid[f.day] as number[];
  row[f.hour] = (row[f.hour] ?? 0) + 1;
}

/** Adds an operator's planned minutes per hour (45 minutes of an hour end up as 0.75 operators). */
function addMask(grid: number[][], mask: Uint8Array): void {
  for (let m = 0; m < MINUTES_PER_WEEK; m++) {
    if (!mask[m]) continue;
    const row = grid[Math.floor(m / 1440)] as number[];
    const hour = Math.floor((m % 1440) / 60);
    row[hour] = (row[hour] ?? 0) + 1;
  }
}
