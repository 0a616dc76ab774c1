import type { Caller, OperatorStatus } from "../../../src/acd/types.ts";
import type { CallRecord } from "../../../src/analysis/types.ts";
import { type HotlineConfig, hotlineConfigSchema } from "../../../src/config/index.ts";

/** Madrid in December is UTC+1; 2026-12-02 is a Wednesday. */
export const ZONE = "Europe/Madrid";
export const local = (time: string, date = "2026-12-02") => new Date(`${date}T${time}:00+01:00`);
export const NOW = local("11:00");
/** `minutes` before NOW. */
export const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/**
 * admissions: a menu of fees (competence finance) and grants (competence grants); info: no menu.
 * ana: en+es, finance 3, a roster with lunch and two breaks; ben: en, finance and grants; carla: es,
 * grants; dan: en, no competence, no roster.
 */
export function roomConfig(extra: Record<string, unknown> = {}): HotlineConfig {
  const parsed = hotlineConfigSchema.parse({
    organization: { name: "Test College", timezone: ZONE, languages: ["en", "es"], defaultLanguage: "en" },
    hotlines: {
      admissions: {
        greeting: { en: "Hello.", es: "Hola." },
        menu: { options: { "1": { topic: "fees" }, "2": { topic: "grants" } } },
      },
      info: { greeting: { en: "Hello.", es: "Hola." } },
    },
    topics: {
      fees: { name: { en: "Fees", es: "Tasas" }, competence: "finance" },
      grants: { name: { en: "Grants", es: "Becas" }, competence: "grants" },
    },
    operators: {
      ana: {
        name: "Ana",
        endpoint: "op-ana",
        languages: ["es", "en"],
        competences: { finance: 3 },
        roster: { shifts: { "mon-fri": "08:00-16:00" }, lunch: "13:00-13:30", breaks: ["10:30-10:45", "15:00-15:10"] },
      },
      ben: { name: "Ben", endpoint: "op-ben", languages: ["en"], competences: { finance: 2, grants: 1 } },
      carla: { name: "Carla", endpoint: "op-carla", languages: ["es"], competences: { grants: 4 } },
      dan: { name: "Dan", endpoint: "op-dan", languages: ["en"] },
    },
    trunks: [{ name: "main", match: ["127.0.0.1"], channels: 4 }],
    ...extra,
  });
  return { ...parsed, path: "/nowhere/hotline.yaml", dir: "/nowhere" } as HotlineConfig;
}

/** An operator's status as the ACD reports it, in `state` since `minutesAgo`. */
export function status(
  operator: string,
  state: OperatorStatus["state"],
  minutesAgo = 0,
  extra: Partial<OperatorStatus> = {},
): OperatorStatus {
  const since = ago(minutesAgo);
  return { operator, state, since, deviceBusy: false, idleSince: since, callsToday: 0, missedInRow: 0, ...extra };
}

let callers = 0;

/** A caller waiting since `minutesAgo`. */
export function caller(hotline: string, topic: string | undefined, language: string, minutesAgo: number): Caller {
  callers++;
  return { callId: `w${callers}`, hotline, ...(topic ? { topic } : {}), language, arrivedAt: ago(minutesAgo) };
}

let calls = 0;

/**
 * One of today's calls that queued at `queuedAt` (local time) for `wait` seconds: answered by an
 * operator, abandoned, or still waiting (`waiting`).
 */
export function todayCall(
  how: "answered" | "abandoned" | "waiting",
  wait: number,
  fields: Partial<CallRecord> & { queuedAt?: string } = {},
): CallRecord {
  calls++;
  const { queuedAt = "09:00", ...rest } = fields;
  const entered = local(queuedAt).getTime();
  const left = entered + wait * 1000;
  return {
    id: `t${calls}`,
    did: "+34910000001",
    hotline: "admissions",
    campaign: null,
    trunk: "main",
    callerNumber: "600",
    language: "en",
    startedAt: entered - 20_000,
    answeredAt: entered - 19_000,
    endedAt: how === "waiting" ? null : left + 60_000,
    durationSeconds: null,
    outcome:
      how === "answered"
        ? { kind: "answered", operator: "ana" }
        : how === "abandoned"
          ? { kind: "abandoned", hotline: "admissions" }
          : null,
    topic: "fees",
    menuPath: "1",
    queueEnteredAt: entered,
    queueLeftAt: how === "waiting" ? null : left,
    waitSeconds: how === "waiting" ? null : wait,
    answeredBy: how === "answered" ? "ana" : null,
    operatorAnsweredAt: how === "answered" ? left : null,
    surveyScore: null,
    scheduleRule: null,
    cost: null,
    currency: null,
    billedSeconds: null,
    ...rest,
  };
}
