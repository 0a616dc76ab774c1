/**
 * Cost of the ACD's matching round, the work done every tick and on every event.
 * Run: npx tsx bench/acd.bench.ts
 * A large hotline: 200 operators (3 languages, 10 competences at levels 1–5), 500 callers waiting,
 * half the operators busy. Each round asks who to ring, rings them, and ends those rings.
 */
import { AcdEngine } from "../src/acd/engine.ts";
import type { AcdConfig } from "../src/acd/settings.ts";
import { DEFAULT_RULES } from "../src/acd/settings.ts";

const TARGET_MS = 5;
const ROUNDS = 500;
const OPERATORS = 200;
const CALLERS = 500;

let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const languages = ["en", "es", "fr"];
const competences = Array.from({ length: 10 }, (_, i) => `skill${i}`);
const config: AcdConfig = {
  timezone: "Europe/Madrid",
  operators: Array.from({ length: OPERATORS }, (_, i) => ({
    key: `op${i}`,
    languages: languages.filter(() => random() < 0.6).concat(pick(languages)),
    competences: Object.fromEntries(
      competences.filter(() => random() < 0.4).map((c) => [c, 1 + Math.floor(random() * 5)]),
    ),
  })),
  topics: Object.fromEntries(competences.map((c) => [`topic-${c}`, { competence: c }])),
  hotlines: { main: { ...DEFAULT_RULES, widenAfter: 20 } },
};

const t0 = Date.UTC(2027, 2, 1, 9);
const engine = new AcdEngine(config, new Date(t0));
for (const op of config.operators) engine.login(op.key, new Date(t0));
for (let i = 0; i < CALLERS; i++) {
  engine.addCaller({
    callId: `c${i}`,
    hotline: "main",
    topic: `topic-${pick(competences)}`,
    language: pick(languages),
    arrivedAt: new Date(t0 + i * 100),
  });
}
// Half the operators are on calls (for callers that are not waiting any more).
for (let i = 0; i < OPERATORS / 2; i++) {
  const key = `op${i * 2}`;
  engine.addCaller({ callId: `busy${i}`, hotline: "main", language: "en", arrivedAt: new Date(t0) });
  const status = engine.status(key);
  if (status.state === "available") {
    engine.ringStarted(key, `busy${i}`, new Date(t0));
    engine.ringEnded(key, `busy${i}`, "answered", new Date(t0));
  } else engine.removeCaller(`busy${i}`);
}

let rung = 0;
const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const now = new Date(t0 + 60_000 + round * 1000);
  const start = process.hrtime.bigint();
  const assignments = engine.nextAssignments(now);
  for (const a of assignments) for (const op of a.operators) engine.ringStarted(op, a.callId, now);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  // The rings end unanswered (the callers keep waiting, so every round has the same work to do).
  for (const a of assignments) for (const op of a.operators) engine.ringEnded(op, a.callId, "cancelled", now);
  rung += assignments.length;
  engine.takeChanges();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const p99 = times[Math.floor(times.length * 0.99)] ?? 0;
console.log(
  `acd.nextAssignments: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms per round (target ≤ ${TARGET_MS} ms)`,
);
console.log(`(${OPERATORS} operators, ${CALLERS} callers waiting, ${ROUNDS} rounds, ${rung} rings proposed)`);
if (median > TARGET_MS) {
  console.error("acd benchmark: over target");
  process.exitCode = 1;
}
