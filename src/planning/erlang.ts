/**
 * The queueing formulas a telephony planner uses, as functions of the offered load in erlangs
 * (arrivals per second × mean holding time in seconds). Erlang B sizes lines that block
 * (a trunk's channels: a call with no free channel is refused); Erlang C sizes servers that queue
 * (operators: a caller with nobody free waits, patiently); Erlang A is Erlang C with callers who give
 * up after an exponential patience, which is what a real hotline has once waits get long. Pure.
 */

/** Blocking probability with `lines` lines and `erlangs` offered (the stable recurrence, no factorials). */
export function erlangB(lines: number, erlangs: number): number {
  assertCount(lines, "lines");
  if (erlangs <= 0) return lines === 0 ? 1 : 0;
  let b = 1;
  for (let n = 1; n <= lines; n++) b = (erlangs * b) / (n + erlangs * b);
  return b;
}

/** The fewest lines that block at most `target` of the calls offered. */
export function linesFor(erlangs: number, target: number): number {
  if (!(target > 0 && target < 1)) throw new RangeError(`blocking target ${target} is not between 0 and 1`);
  if (erlangs <= 0) return 0;
  let b = 1;
  let n = 0;
  // Blocking falls with every line added; the loop ends because it tends to 0.
  while (b > target) {
    n++;
    b = (erlangs * b) / (n + erlangs * b);
  }
  return n;
}

/** Queue behaviour of `agents` operators with `erlangs` offered, each call held `holdSeconds` on average. */
export interface QueueFigures {
  agents: number;
  erlangs: number;
  /** Share of callers who wait at all (Erlang C's P(wait)). */
  waitProbability: number;
  /** Share answered within the target seconds, of all callers. */
  serviceLevel: number;
  /** Mean wait of all callers, answered or not, in seconds. */
  averageWaitSeconds: number;
  /** Share of callers who hang up before being answered (0 in Erlang C). */
  abandonRate: number;
  /** Share of the operators' time on calls. */
  occupancy: number;
}

/** Erlang C's P(wait): 1 when the operators cannot keep up (agents ≤ erlangs). */
export function erlangC(agents: number, erlangs: number): number {
  assertCount(agents, "agents");
  if (erlangs <= 0) return 0;
  if (agents <= erlangs) return 1;
  const b = erlangB(agents, erlangs);
  return (agents * b) / (agents - erlangs * (1 - b));
}

/** Erlang C (callers never give up): service level within `targetSeconds`, mean wait, occupancy. */
export function erlangCFigures(
  agents: number,
  erlangs: number,
  holdSeconds: number,
  targetSeconds: number,
): QueueFigures {
  const pw = erlangC(agents, erlangs);
  const stable = agents > erlangs;
  return {
    agents,
    erlangs,
    waitProbability: pw,
    serviceLevel: stable ? 1 - pw * Math.exp((-(agents - erlangs) * targetSeconds) / holdSeconds) : 0,
    averageWaitSeconds: stable ? (pw * holdSeconds) / (agents - erlangs) : Number.POSITIVE_INFINITY,
    abandonRate: 0,
    occupancy: agents > 0 ? Math.min(1, erlangs / agents) : 1,
  };
}

/**
 * Erlang A (M/M/N+M, Palm): callers give up after an exponential patience of mean `patienceSeconds`.
 * Computed from the birth–death chain of calls in the system (truncated where its tail is below
 * 1e-12), and for the service level the uniformized chain of one caller's place in line: served
 * within the target only if the ones ahead leave and an operator frees before their own patience runs out.
 */
export function erlangAFigures(
  agents: number,
  erlangs: number,
  holdSeconds: number,
  targetSeconds: number,
  patienceSeconds: number,
): QueueFigures {
  assertCount(agents, "agents");
  if (!(holdSeconds > 0) || !(patienceSeconds > 0)) throw new RangeError("holding time and patience must be > 0");
  const mu = 1 / holdSeconds;
  const theta = 1 / patienceSeconds;
  const lambda = erlangs * mu;
  if (lambda <= 0) return { ...erlangCFigures(agents, 0, holdSeconds, targetSeconds), abandonRate: 0 };
  const death = (n: number) => Math.min(n, agents) * mu + Math.max(0, n - agents) * theta;
  // log p_n up to a constant; p_n = p_{n-1} · λ / death(n). Past the agents the ratio falls below 1
  // for good once (n − agents)·θ + agents·μ > λ, so the tail is geometric and can be cut.
  const logs: number[] = [0];
  let peak = 0;
  for (let n = 1; n < 1_000_000; n++) {
    const value = (logs[n - 1] ?? 0) + Math.log(lambda / death(n));
    logs.push(value);
    if (value > peak) peak = value;
    if (n > agents && death(n) > lambda && value - peak < Math.log(1e-12)) break;
  }
  const p = logs.map((l) => Math.exp(l - peak));
  const total = p.reduce((s, x) => s + x, 0);
  for (let n = 0; n < p.length; n++) p[n] = (p[n] ?? 0) / total;
  let wait = 0;
  let abandoning = 0;
  let inQueue = 0;
  let busy = 0;
  for (let n = 0; n < p.length; n++) {
    const pn = p[n] ?? 0;
    busy += pn * Math.min(n, agents);
    if (n >= agents) wait += pn;
    if (n > agents) {
      abandoning += pn * (n - agents) * theta;
      inQueue += pn * (n - agents);
    }
  }
  // A caller arriving with k already waiting (state agents + k) must get through k + 1 steps.
  const within = servedWithin(agents * mu, theta, targetSeconds, Math.max(0, p.length - agents));
  let answeredInTime = 0;
  for (let n = 0; n < p.length; n++) {
    const pn = p[n] ?? 0;
    answeredInTime += n < agents ? pn : pn * (within[n - agents] ?? 0);
  }
  return {
    agents,
    erlangs,
    waitProbability: wait,
    serviceLevel: answeredInTime,
    // Little's law on the queue: mean number waiting / arrival rate.
    averageWaitSeconds: inQueue / lambda,
    abandonRate: abandoning / lambda,
    occupancy: agents > 0 ? busy / agents : 1,
  };
}

/**
 * For k = 0 … places−1 callers ahead: the probability that a caller is answered within `t`
 * seconds, when a place ahead frees at rate serviceRate + (callers ahead)·θ and the caller gives up
 * at θ. Uniformization: a Poisson number of steps of a discrete chain, summed until its tail is
 * negligible.
 */
function servedWithin(serviceRate: number, theta: number, t: number, places: number): number[] {
  const rate = (ahead: number) => serviceRate + ahead * theta;
  const uniform = rate(places) + theta;
  // h[k]: probability of being answered within m steps, starting with k ahead; grown step by step.
  let h = new Array<number>(places).fill(0);
  const result = new Array<number>(places).fill(0);
  const mean = uniform * t;
  // The Poisson weights in logs: e^−mean alone underflows past a mean of ~745.
  let logPoisson = -mean;
  let cumulative = Math.exp(logPoisson);
  const steps = Math.ceil(mean + 10 * Math.sqrt(mean) + 20);
  for (let m = 1; m <= steps; m++) {
    const next = new Array<number>(places);
    for (let k = 0; k < places; k++) {
      const forward = rate(k) / uniform;
      const stay = 1 - (rate(k) + theta) / uniform;
      next[k] = forward * (k === 0 ? 1 : (h[k - 1] ?? 0)) + stay * (h[k] ?? 0);
    }
    h = next;
    logPoisson += Math.log(mean / m);
    const poisson = Math.exp(logPoisson);
    cumulative += poisson;
    for (let k = 0; k < places; k++) result[k] = (result[k] ?? 0) + poisson * (h[k] ?? 0);
    if (1 - cumulative < 1e-12 && m > mean) break;
  }
  return result;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, not ${n}`);
}
