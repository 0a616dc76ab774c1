import { AcdEngine } from "../../../src/acd/engine.ts";
import { type AcdConfig, type AcdOperator, DEFAULT_RULES, type QueueRules } from "../../../src/acd/settings.ts";
import type { Caller } from "../../../src/acd/types.ts";

export const T0 = new Date("2027-03-03T09:00:00Z"); // a Wednesday, 10:00 in Madrid

/** `seconds` after T0. */
export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

export const op = (
  key: string,
  languages: string[] = ["en", "es"],
  competences: Record<string, number> = {},
): AcdOperator => ({
  key,
  languages,
  competences,
});

export function acdConfig(operators: AcdOperator[], rules: Partial<QueueRules> = {}): AcdConfig {
  return {
    timezone: "Europe/Madrid",
    operators,
    topics: { fees: { competence: "fees" }, grants: { competence: "grants" }, general: {} },
    hotlines: { main: { ...DEFAULT_RULES, ...rules }, other: { ...DEFAULT_RULES, ...rules } },
  };
}

/** An engine with the operators logged in at T0, in order. */
export function engineWith(operators: AcdOperator[], rules: Partial<QueueRules> = {}, loggedIn = true): AcdEngine {
  const engine = new AcdEngine(acdConfig(operators, rules), T0);
  if (loggedIn) for (const o of operators) engine.login(o.key, T0);
  engine.takeChanges();
  return engine;
}

let next = 0;
export function caller(extra: Partial<Caller> = {}): Caller {
  return { callId: `c${++next}`, hotline: "main", language: "en", arrivedAt: T0, ...extra };
}

/** The operators proposed for each caller, by callId. */
export function offers(engine: AcdEngine, now: Date): Record<string, readonly string[]> {
  return Object.fromEntries(engine.nextAssignments(now).map((a) => [a.callId, a.operators]));
}

/** Ring, answer and hang up: one complete call for `operator`, ending at `end` seconds. */
export function handle(engine: AcdEngine, operator: string, start: number, end: number, hotline = "main"): void {
  const c = caller({ hotline, arrivedAt: at(start) });
  engine.addCaller(c);
  engine.ringStarted(operator, c.callId, at(start));
  engine.ringEnded(operator, c.callId, "answered", at(start));
  engine.callEnded(operator, c.callId, at(end));
}
