/**
 * Cost of the ACD's matching round, which the adapter runs after every change. Run: npx tsx bench/acd.bench.ts
 * A large hotline: 200 operators (3 languages, 10 competences at levels 1–5), 500 callers waiting.
 *   round: half the operators busy; each round asks who to ring, rings them, and ends those rings;
 *   round when nothing can match: nobody free, nobody waiting, or only operators nobody waiting needs;
 *   one change + round: every free operator is ringing; one ring ends (busy) and the round offers
 *     the operator to the next caller.
 * Each figure is the median over many rounds, after warm-up rounds that are not counted (the JIT).
 */
import { AcdEngine } from "../src/acd/engine.ts";
import type { AcdConfig, AcdOperator } from "../src/acd/settings.ts";
import { DEFAULT_RULES } from "../src/acd/settings.ts";
import { median, quantile, result } from "./result.ts";

const TARGET_MS = 5;
const IDLE_TARGET_MS = 0.5; // a tenth of a full round: the adapter runs one after every change
const CHANGE_TARGET_MS = 0.5;
const WARM_UP = 50;
const ROUNDS = 500;
const CHANGES = 2000;
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
const operators: AcdOperator[] = Array.from({ length: OPERATORS }, (_, i) => ({
  key: `op${i}`,
  languages: languages.filter(() => random() < 0.6).concat(pick(languages)),
  competences: Object.fromEntries(
    competences.filter(() => random() < 0.4).map((c) => [c, 1 + Math.floor(random() * 5)]),
  ),
}));
const configWith = (ops: readonly AcdOperator[]): AcdConfig => ({
  timezone: "Europe/Madrid",
  operators: ops,
  topics: Object.fromEntries(competences.map((c) => [`topic-${c}`, { competence: c }])),
  hotlines: { main: { ...DEFAULT_RULES, widenAfter: 20 } },
});
const callers = Array.from({ length: CALLERS }, () => ({
  topic: `topic-${pick(competences)}`,
  language: pick(languages),
}));

const t0 = Date.UTC(2027, 2, 1, 9);
const at = (ms: number) => new Date(t0 + ms);

/** Everyone logged in, the callers waiting, and the operators `busy` picks on a call. */
function hotline(config: AcdConfig, waiting: number, busy: (index: number) => boolean): AcdEngine {
  const engine = new AcdEngine(config, at(0));
  for (const op of config.operators) engine.login(op.key, at(0));
  for (let i = 0; i < waiting; i++) {
    engine.addCaller({
      callId: `c${i}`,
      hotline: "main",
      ...(callers[i] as (typeof callers)[number]),
      arrivedAt: at(i * 100),
    });
  }
  // On calls for callers who are not waiting any more.
  config.operators.forEach((op, i) => {
    if (!busy(i)) return;
    engine.addCaller({ callId: `busy${i}`, hotline: "main", language: "en", arrivedAt: at(0) });
    if (engine.status(op.key).state === "available") {
      engine.ringStarted(op.key, `busy${i}`, at(0));
      engine.ringEnded(op.key, `busy${i}`, "answered", at(0));
    } else engine.removeCaller(`busy${i}`);
  });
  engine.takeChanges();
  return engine;
}

/** Median and p99 (ms) of `run` over the rounds after the warm-up. */
function time(rounds: number, run: (round: number) => void): { median: number; p99: number } {
  const times: number[] = [];
  for (let round = 0; round < WARM_UP + rounds; round++) {
    const start = process.hrtime.bigint();
    run(round);
    if (round >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: median(times), p99: quantile(times, 0.99) };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

// ── A full round ─────────────────────────────────────────────────────────────────────────────
{
  const engine = hotline(configWith(operators), CALLERS, (i) => i % 2 === 0);
  let rung = 0;
  const times: number[] = [];
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const now = at(60_000 + round * 1000);
    const start = process.hrtime.bigint();
    const assignments = engine.nextAssignments(now);
    for (const a of assignments) for (const op of a.operators) engine.ringStarted(op, a.callId, now);
    if (round >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    // The rings end unanswered (the callers keep waiting, so every round has the same work to do).
    for (const a of assignments) for (const op of a.operators) engine.ringEnded(op, a.callId, "cancelled", now);
    if (round >= WARM_UP) rung += assignments.length;
    engine.takeChanges();
  }
  const timing = { median: median(times), p99: quantile(times, 0.99) };
  console.log(
    `acd round: median ${ms(timing.median)}, p99 ${ms(timing.p99)} (target ≤ ${TARGET_MS} ms; ` +
      `${OPERATORS} operators, ${CALLERS} callers waiting, ${ROUNDS} rounds, ${rung} rings proposed)`,
  );
  result({
    bench: `acd round (${OPERATORS} operators × ${CALLERS} callers)`,
    value: timing.median,
    unit: "ms",
    target: TARGET_MS,
    bound: "max",
    digits: 2,
  });
}

// ── Rounds that find nothing to do ─────────────────────────────────────────────────────────────
{
  const cases: [string, AcdEngine][] = [
    ["nobody free", hotline(configWith(operators), CALLERS, () => true)],
    ["nobody waiting", hotline(configWith(operators), 0, (i) => i % 2 === 0)],
    [
      // The free half speaks only German: nobody waiting needs them.
      "only operators nobody waiting needs",
      hotline(
        configWith(operators.map((op, i) => (i % 2 === 0 ? op : { key: op.key, languages: ["de"], competences: {} }))),
        CALLERS,
        (i) => i % 2 === 0,
      ),
    ],
  ];
  let worst = 0;
  for (const [name, engine] of cases) {
    const timing = time(ROUNDS, (round) => {
      if (engine.nextAssignments(at(60_000 + round * 1000)).length > 0) throw new Error(`${name}: a round matched`);
    });
    worst = Math.max(worst, timing.median);
    console.log(`acd round when ${name}: median ${ms(timing.median)}, p99 ${ms(timing.p99)}`);
  }
  result({
    bench: "acd round when nothing can match (worst case)",
    value: worst,
    unit: "ms",
    target: IDLE_TARGET_MS,
    bound: "max",
    digits: 3,
  });
}

// ── One change, then a round ───────────────────────────────────────────────────────────────────
{
  const engine = hotline(configWith(operators), CALLERS, (i) => i % 2 === 0);
  const ringing: { operator: string; callId: string }[] = [];
  const ring = (now: Date) => {
    for (const a of engine.nextAssignments(now)) {
      for (const operator of a.operators) {
        engine.ringStarted(operator, a.callId, now);
        ringing.push({ operator, callId: a.callId });
      }
    }
  };
  ring(at(60_000));
  let offered = 0;
  const timing = time(CHANGES, (round) => {
    const now = at(60_000 + round * 100);
    const ended = ringing.shift();
    if (!ended) throw new Error("nobody is ringing");
    // Busy keeps this caller from the operator for retryAfter: the operator goes to someone else.
    engine.ringEnded(ended.operator, ended.callId, "busy", now);
    const before = ringing.length;
    ring(now);
    offered += ringing.length - before;
    engine.takeChanges();
  });
  console.log(
    `acd one change + round: median ${ms(timing.median)}, p99 ${ms(timing.p99)} ` +
      `(a ring ends, the round offers the operator again, the ring starts; ${offered} offers in ${WARM_UP + CHANGES} changes)`,
  );
  result({
    bench: `acd one change + round (${OPERATORS} × ${CALLERS})`,
    value: timing.median,
    unit: "ms",
    target: CHANGE_TARGET_MS,
    bound: "max",
    digits: 3,
  });
}
