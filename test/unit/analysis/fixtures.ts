import { DateTime } from "luxon";
import { type AnalysisSettings, DEFAULT_SETTINGS } from "../../../src/analysis/settings.ts";
import type { CallRecord } from "../../../src/analysis/types.ts";

export const ZONE = "Europe/Madrid";

/** Local Madrid wall time "2026-11-16 09:00:30" → epoch ms. */
export function at(local: string): number {
  const t = DateTime.fromFormat(local, local.length > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", { zone: ZONE });
  if (!t.isValid) throw new Error(`bad test time ${local}`);
  return t.toMillis();
}

/** Local time plus seconds. */
export function plus(local: string, seconds: number): number {
  return at(local) + seconds * 1000;
}

let next = 0;

/** A call with every field empty but its start; tests set what they are about. */
export function call(startLocal: string, fields: Partial<CallRecord> = {}): CallRecord {
  next++;
  return {
    id: `c${next}`,
    did: "+34910000000",
    hotline: "admissions",
    campaign: null,
    trunk: "main-trunk",
    callerNumber: `6000${String(next).padStart(5, "0")}`,
    language: "en",
    startedAt: at(startLocal),
    answeredAt: plus(startLocal, 1),
    endedAt: null,
    durationSeconds: null,
    outcome: { kind: "completed" },
    topic: null,
    menuPath: null,
    queueEnteredAt: null,
    queueLeftAt: null,
    waitSeconds: null,
    answeredBy: null,
    operatorAnsweredAt: null,
    surveyScore: null,
    scheduleRule: null,
    cost: null,
    currency: null,
    billedSeconds: null,
    ...fields,
  };
}

export const MARIA = {
  id: "maria",
  name: "María García",
  roster: { shifts: { "mon-fri": "08:30-15:30" }, lunch: "13:00-13:30", breaks: ["10:30-10:45", "12:00-12:10"] },
};

export const JOHN = {
  id: "john",
  name: "John Smith",
  roster: { shifts: { "mon-fri": "11:00-19:00", sat: "09:00-14:00" }, lunch: "14:00-15:00", breaks: [] },
};

export const SETTINGS: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  timezone: ZONE,
  wrapUpSeconds: { admissions: 10, exams: 20 },
  trunks: [
    { name: "main-trunk", channels: 30, costPerMinute: 0.012, currency: "EUR", monthlyFee: 25, billingIncrement: 60 },
    { name: "backup-trunk", channels: 10, costPerMinute: 0.02, currency: "EUR", monthlyFee: 10, billingIncrement: 1 },
  ],
  operators: [MARIA, JOHN],
};
