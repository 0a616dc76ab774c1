/**
 * The hotline's Prometheus metrics. Gauges read the app's own state when Prometheus scrapes (no
 * bookkeeping on the call path); rings and ARI requests are counted as they happen. Node's own
 * figures (event-loop lag, memory, CPU, GC) come from prom-client under their standard names.
 * docs/metrics.md lists the metrics; a test keeps that list in step with METRICS below.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Caller, OperatorStateName } from "../acd/types.ts";
import type { AriRequestTiming } from "../asterisk/ari/client.ts";
import type { AttemptResult } from "../records/rows.ts";

/** Where the gauges read from, at each scrape. */
export interface MetricsSources {
  callsInProgress(): number;
  waitingCallers(): readonly Pick<Caller, "hotline" | "topic">[];
  operatorStates(): readonly OperatorStateName[];
  /** Record writes journaled and not yet in the database. */
  recordBacklog(): number;
  /** The records journal: failing now, and appends its disk refused so far. */
  recordJournal?(): { failing: boolean; appendFailures: number };
}

export interface MetricDescription {
  readonly name: string;
  readonly type: "counter" | "gauge" | "histogram";
  readonly labels: readonly string[];
  readonly help: string;
}

export const METRICS = {
  callsInProgress: {
    name: "hotline_calls_in_progress",
    type: "gauge",
    labels: [],
    help: "Calls from the trunks the app is handling now: from their arrival in Stasis until their record is closed.",
  },
  waitingCallers: {
    name: "hotline_waiting_callers",
    type: "gauge",
    labels: ["hotline", "topic"],
    help: "Callers waiting in the queue for an operator (topic empty for a hotline without a menu).",
  },
  operators: {
    name: "hotline_operators",
    type: "gauge",
    labels: ["state"],
    help: "Operators by ACD state; every state is listed, 0 when nobody is in it.",
  },
  rings: {
    name: "hotline_rings_total",
    type: "counter",
    labels: ["result"],
    help: "Rings of operators' desk phones for waiting callers, by how each ring ended.",
  },
  ariRequests: {
    name: "hotline_ari_request_duration_seconds",
    type: "histogram",
    labels: ["method", "path"],
    help: "ARI REST requests until Asterisk answered or the request failed, by method and path (ids as :id).",
  },
  recordBacklog: {
    name: "hotline_record_writes_pending",
    type: "gauge",
    labels: [],
    help: "Record writes journaled but not yet in the database (grows while the database is unavailable).",
  },
  journalFailing: {
    name: "hotline_records_journal_failing",
    type: "gauge",
    labels: [],
    help: "1 while the records journal cannot be written (disk full, read-only): record writes are held in memory only and, under the default policy, new calls are refused busy.",
  },
  journalAppendFailures: {
    name: "hotline_records_journal_append_failures_total",
    type: "counter",
    labels: [],
    help: "Appends to the records journal its disk refused (each one opens or prolongs an outage).",
  },
} as const satisfies Record<string, MetricDescription>;

/** Every state, so a state nobody is in still reads 0 (a record, so the compiler checks it is complete). */
export const OPERATOR_STATES = Object.keys({
  "logged-out": 0,
  available: 0,
  ringing: 0,
  "on-call": 0,
  "wrap-up": 0,
  paused: 0,
} satisfies Record<OperatorStateName, 0>) as OperatorStateName[];

/** Every ring result, counted from 0 so that rate() sees the first one. */
export const RING_RESULTS = Object.keys({
  answered: 0,
  "no-answer": 0,
  rejected: 0,
  busy: 0,
  failed: 0,
  "caller-gone": 0,
  "other-answered": 0,
  interrupted: 0,
} satisfies Record<AttemptResult, 0>) as AttemptResult[];

/** ARI on the same machine answers in about a millisecond; seconds mean trouble. */
const ARI_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class HotlineMetrics {
  readonly registry = new Registry();
  private readonly rings: Counter<"result">;
  private readonly ariRequests: Histogram<"method" | "path">;

  constructor(sources: MetricsSources, options: { nodeDefaults?: boolean } = {}) {
    const registers = [this.registry];
    new Gauge({
      ...spec(METRICS.callsInProgress),
      registers,
      collect() {
        this.set(sources.callsInProgress());
      },
    });
    new Gauge({
      ...spec(METRICS.waitingCallers),
      registers,
      collect() {
        // From scratch each time: a hotline or topic nobody waits for any more drops out.
        this.reset();
        for (const c of sources.waitingCallers()) this.inc({ hotline: c.hotline, topic: c.topic ?? "" });
      },
    });
    new Gauge({
      ...spec(METRICS.operators),
      registers,
      collect() {
        const counts = new Map<string, number>(OPERATOR_STATES.map((s) => [s, 0]));
        for (const state of sources.operatorStates()) counts.set(state, (counts.get(state) ?? 0) + 1);
        for (const [state, n] of counts) this.set({ state }, n);
      },
    });
    new Gauge({
      ...spec(METRICS.recordBacklog),
      registers,
      collect() {
        this.set(sources.recordBacklog());
      },
    });
    new Gauge({
      ...spec(METRICS.journalFailing),
      registers,
      collect() {
        this.set(sources.recordJournal?.().failing ? 1 : 0);
      },
    });
    let appendFailures = 0;
    new Counter({
      ...spec(METRICS.journalAppendFailures),
      registers,
      collect() {
        // The writer counts; the counter follows it (it only grows).
        const now = sources.recordJournal?.().appendFailures ?? 0;
        if (now > appendFailures) this.inc(now - appendFailures);
        appendFailures = Math.max(appendFailures, now);
      },
    });
    this.rings = new Counter({ ...spec(METRICS.rings), registers });
    for (const result of RING_RESULTS) this.rings.inc({ result }, 0);
    this.ariRequests = new Histogram({ ...spec(METRICS.ariRequests), registers, buckets: ARI_BUCKETS });
    if (options.nodeDefaults !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** How a ring of an operator's phone ended (the ACD's onRing). */
  ring(result: AttemptResult): void {
    this.rings.inc({ result });
  }

  /** One ARI REST request (the ARI client's onRequest). */
  ariRequest(request: AriRequestTiming): void {
    this.ariRequests.observe({ method: request.method, path: request.path }, request.seconds);
  }

  /** Prometheus' text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function spec<L extends string>(m: { name: string; help: string; labels: readonly L[] }) {
  return { name: m.name, help: m.help, labelNames: m.labels };
}
