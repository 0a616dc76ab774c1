/**
 * A small hand-computed week (2026-W47, Europe/Madrid, CET = UTC+1): every number the tests pin is
 * worked out in the comments next to the call that makes it.
 */
import type { OperatorPause, OperatorSession, WeekData } from "../../../src/analysis/types.ts";
import { isoWeek } from "../../../src/analysis/week.ts";
import { at, call, plus, ZONE } from "./fixtures.ts";

const q = (local: string, enter: number, fields = {}) => ({ queueEnteredAt: plus(local, enter), ...fields });

// Monday: five queued calls in the 9 o'clock hour.
export const c1 = call("2026-11-16 09:00:00", {
  ...q("2026-11-16 09:00:00", 30),
  operatorAnsweredAt: plus("2026-11-16 09:00:00", 40), // wait 10 s: within 20 s
  endedAt: plus("2026-11-16 09:00:00", 340), // talk 300 s
  answeredBy: "maria",
  outcome: { kind: "answered", operator: "maria" },
  topic: "admissions",
  surveyScore: 5,
  cost: 0.07, // recorded cost wins over the tariff
  callerNumber: "600000001",
});
export const c2 = call("2026-11-16 09:10:00", {
  ...q("2026-11-16 09:10:00", 30),
  operatorAnsweredAt: plus("2026-11-16 09:10:00", 60), // wait 30 s: late
  endedAt: plus("2026-11-16 09:10:00", 180), // talk 120 s; connected 178 s on backup-trunk (per second) → 0.05933
  answeredBy: "john",
  outcome: { kind: "answered", operator: "john" },
  topic: "fees",
  language: "es",
  campaign: "radio",
  did: "+34910000002",
  trunk: "backup-trunk",
  surveyScore: 3,
  callerNumber: "600000002",
});
export const c3 = call("2026-11-16 09:20:00", {
  ...q("2026-11-16 09:20:00", 30),
  endedAt: plus("2026-11-16 09:20:00", 33), // 3 s in queue: short abandon
  outcome: { kind: "abandoned", hotline: "admissions" },
  callerNumber: "anonymous",
});
export const c4 = call("2026-11-16 09:30:00", {
  ...q("2026-11-16 09:30:00", 30),
  endedAt: plus("2026-11-16 09:30:00", 90), // 60 s: abandoned after T; connected 88 s → 2 min billed → 0.024
  outcome: { kind: "abandoned", hotline: "admissions" },
  campaign: "radio",
  did: "+34910000002",
  callerNumber: "600000002", // 20 min after c2: a repeat
});
export const c5 = call("2026-11-16 09:40:00", {
  ...q("2026-11-16 09:40:00", 30),
  endedAt: plus("2026-11-16 09:40:00", 45), // 15 s: abandoned within T
  outcome: { kind: "caller-hangup" },
});
// After hours.
export const c6 = call("2026-11-16 20:00:00", {
  endedAt: plus("2026-11-16 20:00:00", 30), // connected 29 s → 1 min → 0.012
  outcome: { kind: "closed", context: "closed", declined: "voicemail" },
  scheduleRule: "weekly mon-fri",
  campaign: "radio",
  did: "+34910000002",
});
export const c7 = call("2026-11-17 23:59:00", {
  endedAt: at("2026-11-18 00:03:00"), // across midnight: stays on Tuesday 23h; 239 s → 4 min → 0.048
  outcome: { kind: "voicemail", context: "closed" },
  scheduleRule: "weekly mon-fri",
  campaign: "radio",
  did: "+34910000002",
});
// Wednesday: an overflow to the outside centre, a transfer answered in the other hotline, a caller at closing.
export const c8 = call("2026-11-18 10:00:00", {
  ...q("2026-11-18 10:00:00", 20),
  queueLeftAt: plus("2026-11-18 10:00:00", 620), // 600 s
  endedAt: plus("2026-11-18 10:00:00", 900),
  outcome: { kind: "overflowed", reason: "timeout", to: "+34911000000" },
});
export const c9 = call("2026-11-18 11:00:00", {
  hotline: "exams",
  ...q("2026-11-18 11:00:00", 20),
  queueLeftAt: plus("2026-11-18 11:00:00", 320), // left the exams queue for admissions after 300 s …
  operatorAnsweredAt: plus("2026-11-18 11:00:00", 350), // … answered there: the caller waited 330 s in all
  endedAt: plus("2026-11-18 11:00:00", 650), // talk 300 s, wrap-up 20 s (exams)
  answeredBy: "maria",
  topic: "admissions",
  outcome: { kind: "answered", operator: "maria", queue: "admissions", reason: "timeout" },
});
export const c10 = call("2026-11-18 13:59:00", {
  ...q("2026-11-18 13:59:00", 0),
  queueLeftAt: at("2026-11-18 14:00:00"), // 60 s, then the hotline closed
  endedAt: at("2026-11-18 14:00:30"),
  outcome: { kind: "voicemail", context: "closing" },
});
// Thursday: hang-ups in the journey, overlapping (peak 2 on main-trunk at 09:05), and a busy refusal.
export const c11 = call("2026-11-19 09:00:00", {
  menuPath: "9",
  endedAt: at("2026-11-19 09:06:30"),
  outcome: { kind: "caller-hangup" },
});
export const c12 = call("2026-11-19 09:05:00", {
  endedAt: at("2026-11-19 09:05:20"),
  outcome: { kind: "caller-hangup" },
});
export const c13 = call("2026-11-19 09:06:00", {
  topic: "admissions",
  endedAt: at("2026-11-19 09:06:40"),
  outcome: { kind: "caller-hangup" },
});
export const c14 = call("2026-11-19 09:07:00", {
  answeredAt: null,
  endedAt: at("2026-11-19 09:07:00"),
  outcome: { kind: "busy", trunk: "main-trunk", channels: 30 },
});
// Sunday night into next Monday: belongs to this week by its start.
export const c15 = call("2026-11-22 23:58:00", {
  endedAt: at("2026-11-23 00:02:00"),
  outcome: { kind: "closed", context: "closed" },
  scheduleRule: "weekly sun closed",
});
// The week before: Sunday night into this Monday (concurrency from 00:00; makes c1 a repeat caller).
export const c16 = call("2026-11-15 23:50:00", {
  endedAt: at("2026-11-16 00:10:00"),
  outcome: { kind: "closed", context: "closed" },
  scheduleRule: "weekly sun closed",
  callerNumber: "600000001",
});

export const sessions: OperatorSession[] = [
  { operator: "maria", loggedInAt: at("2026-11-16 08:30"), loggedOutAt: at("2026-11-16 15:30") },
];
export const pauses: OperatorPause[] = [
  {
    operator: "maria",
    startedAt: at("2026-11-16 10:30"),
    endedAt: at("2026-11-16 10:45"),
    reason: "break",
    planned: true,
  },
  {
    operator: "maria",
    startedAt: at("2026-11-16 11:00"),
    endedAt: at("2026-11-16 11:30"),
    reason: "missed-calls",
    planned: false,
  },
];

export function weekData(): WeekData {
  return {
    week: isoWeek("2026-W47", ZONE),
    calls: [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15],
    previousCalls: [c16],
    sessions,
    pauses,
    queueEvents: [],
    synthetic: false,
  };
}
