import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { METRICS_DOC, withMetricsTable } from "../../../scripts/metrics-doc.ts";
import type { Caller, OperatorStateName } from "../../../src/acd/types.ts";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";
import { parseListen } from "../../../src/config/metrics-schema.ts";
import { HotlineMetrics, METRICS, OPERATOR_STATES, RING_RESULTS } from "../../../src/metrics/hotline-metrics.ts";
import { MetricsServer } from "../../../src/metrics/server.ts";

/** A hotline's state, as the gauges read it; tests change it between scrapes. */
function state() {
  return {
    calls: 3,
    waiting: [
      { hotline: "admissions", topic: "fees" },
      { hotline: "admissions", topic: "fees" },
      { hotline: "admissions", topic: "grants" },
      { hotline: "exams" },
    ] as Pick<Caller, "hotline" | "topic">[],
    operators: ["available", "available", "on-call", "paused"] as OperatorStateName[],
    backlog: 7,
    journal: { failing: false, appendFailures: 0 },
  };
}

function metricsOf(s: ReturnType<typeof state>, options: { nodeDefaults?: boolean } = { nodeDefaults: false }) {
  return new HotlineMetrics(
    {
      callsInProgress: () => s.calls,
      waitingCallers: () => s.waiting,
      operatorStates: () => s.operators,
      recordBacklog: () => s.backlog,
      recordJournal: () => s.journal,
    },
    options,
  );
}

/** The sample lines of the text format (no comments, no blank lines). */
function samples(text: string): string[] {
  return text.split("\n").filter((line) => line && !line.startsWith("#"));
}

describe("HotlineMetrics", () => {
  it("reads the gauges at each scrape, with HELP and TYPE for each", async () => {
    const s = state();
    const metrics = metricsOf(s);
    const text = await metrics.text();
    expect(text).toContain(`# HELP hotline_calls_in_progress ${METRICS.callsInProgress.help}\n`);
    expect(text).toContain("# TYPE hotline_calls_in_progress gauge\n");
    expect(text).toContain("# TYPE hotline_waiting_callers gauge\n");
    expect(text).toContain("# TYPE hotline_operators gauge\n");
    expect(text).toContain("# TYPE hotline_record_writes_pending gauge\n");
    const lines = samples(text);
    expect(lines).toContain("hotline_calls_in_progress 3");
    expect(lines).toContain("hotline_record_writes_pending 7");
    expect(lines.filter((l) => l.startsWith("hotline_waiting_callers"))).toEqual([
      'hotline_waiting_callers{hotline="admissions",topic="fees"} 2',
      'hotline_waiting_callers{hotline="admissions",topic="grants"} 1',
      'hotline_waiting_callers{hotline="exams",topic=""} 1',
    ]);
    expect(lines.filter((l) => l.startsWith("hotline_operators"))).toEqual([
      'hotline_operators{state="logged-out"} 0',
      'hotline_operators{state="available"} 2',
      'hotline_operators{state="ringing"} 0',
      'hotline_operators{state="on-call"} 1',
      'hotline_operators{state="wrap-up"} 0',
      'hotline_operators{state="paused"} 1',
    ]);

    // The next scrape sees the change; a topic nobody waits for any more drops out.
    s.calls = 1;
    s.waiting = [{ hotline: "admissions", topic: "grants" }];
    const next = samples(await metrics.text());
    expect(next).toContain("hotline_calls_in_progress 1");
    expect(next.filter((l) => l.startsWith("hotline_waiting_callers"))).toEqual([
      'hotline_waiting_callers{hotline="admissions",topic="grants"} 1',
    ]);
  });

  it("shows a records journal outage and counts the appends its disk refused", async () => {
    const s = state();
    const metrics = metricsOf(s);
    let lines = samples(await metrics.text());
    expect(lines).toContain("hotline_records_journal_failing 0");
    expect(lines).toContain("hotline_records_journal_append_failures_total 0");
    s.journal = { failing: true, appendFailures: 3 };
    lines = samples(await metrics.text());
    expect(lines).toContain("hotline_records_journal_failing 1");
    expect(lines).toContain("hotline_records_journal_append_failures_total 3");
    s.journal = { failing: false, appendFailures: 4 };
    lines = samples(await metrics.text());
    expect(lines).toContain("hotline_records_journal_failing 0");
    expect(lines).toContain("hotline_records_journal_append_failures_total 4");
  });

  it("counts rings by result, every result from 0", async () => {
    const metrics = metricsOf(state());
    metrics.ring("answered");
    metrics.ring("answered");
    metrics.ring("no-answer");
    const text = await metrics.text();
    expect(text).toContain("# TYPE hotline_rings_total counter\n");
    expect(samples(text).filter((l) => l.startsWith("hotline_rings_total"))).toEqual(
      RING_RESULTS.map(
        (r) => `hotline_rings_total{result="${r}"} ${{ answered: 2, "no-answer": 1 }[r as string] ?? 0}`,
      ),
    );
  });

  it("observes ARI requests in a histogram by method and path", async () => {
    const metrics = metricsOf(state());
    metrics.ariRequest({ method: "POST", path: "/channels/:id/answer", seconds: 0.003, status: 204 });
    metrics.ariRequest({ method: "POST", path: "/channels/:id/answer", seconds: 0.02, status: 204 });
    metrics.ariRequest({ method: "GET", path: "/applications/:id", seconds: 1.5 });
    const lines = samples(await metrics.text());
    const answer = 'method="POST",path="/channels/:id/answer"';
    expect(lines).toContain(`hotline_ari_request_duration_seconds_bucket{le="0.0025",${answer}} 0`);
    expect(lines).toContain(`hotline_ari_request_duration_seconds_bucket{le="0.005",${answer}} 1`);
    expect(lines).toContain(`hotline_ari_request_duration_seconds_bucket{le="0.025",${answer}} 2`);
    expect(lines).toContain(`hotline_ari_request_duration_seconds_bucket{le="+Inf",${answer}} 2`);
    expect(lines).toContain(`hotline_ari_request_duration_seconds_count{${answer}} 2`);
    expect(lines).toContain(`hotline_ari_request_duration_seconds_sum{${answer}} 0.023`);
    expect(lines).toContain('hotline_ari_request_duration_seconds_count{method="GET",path="/applications/:id"} 1');
  });

  it("adds Node's own figures (event-loop lag, memory) under their standard names", async () => {
    const text = await metricsOf(state(), {}).text();
    expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge\n");
    expect(text).toContain("# TYPE process_resident_memory_bytes gauge\n");
  });
});

describe("docs/metrics.md", () => {
  const doc = readFileSync(METRICS_DOC, "utf8");

  it("lists every metric the app registers, as the code describes it (npx tsx scripts/metrics-doc.ts)", async () => {
    expect(doc).toBe(withMetricsTable(doc));
    const registered = (await metricsOf(state()).registry.getMetricsAsJSON()).map((m) => m.name);
    expect(registered.sort()).toEqual(
      Object.values(METRICS)
        .map((m) => m.name)
        .sort(),
    );
  });

  it("names every label value that is always there, and Node's metrics as registered", async () => {
    for (const value of [...OPERATOR_STATES, ...RING_RESULTS]) expect(doc).toContain(`\`${value}\``);
    const registered = new Set((await metricsOf(state(), {}).registry.getMetricsAsJSON()).map((m) => m.name));
    const named = [...doc.matchAll(/`((?:process|nodejs)_\w+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(registered).toContain(name);
  });
});

describe("GET /metrics", () => {
  it("serves the text format on the configured address; other paths and methods are refused", async () => {
    const metrics = metricsOf(state());
    metrics.ring("busy");
    const server = new MetricsServer(metrics, "127.0.0.1:0");
    const address = await server.start();
    try {
      expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(server.address).toBe(address);
      const res = await fetch(`http://${address}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      expect(samples(await res.text())).toContain('hotline_rings_total{result="busy"} 1');
      expect((await fetch(`http://${address}/`)).status).toBe(404);
      expect((await fetch(`http://${address}/metrics`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.stop();
    }
    expect(server.address).toBeUndefined();
  });
});

describe("metrics.listen", () => {
  const yaml = (
    metrics: string,
  ) => `organization: { name: X, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }
hotlines:
  main: { greeting: { en: "Hello." } }
${metrics}`;
  const load = (text: string) => loadConfigSync("/virtual/hotline.yaml", { env: {}, readFile: () => text });

  it("is off when absent, 127.0.0.1:9464 when the section is empty", () => {
    const absent = load(yaml(""));
    const empty = load(yaml("metrics: {}\n"));
    expect(absent.ok && absent.config.metrics).toBeUndefined();
    expect(empty.ok && empty.config.metrics).toEqual({ listen: "127.0.0.1:9464" });
  });

  it("takes host:port and [v6]:port, port 0 included, and refuses anything else where it is written", () => {
    expect(parseListen("0.0.0.0:9464")).toEqual({ host: "0.0.0.0", port: 9464 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("localhost:9464")).toEqual({ host: "localhost", port: 9464 });
    for (const bad of ["9464", "127.0.0.1", "127.0.0.1:70000", ":9464", "http://127.0.0.1:9464"])
      expect(parseListen(bad)).toBeUndefined();
    const result = load(yaml('metrics: { listen: "127.0.0.1" }\n'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => formatIssue(e, "/virtual"))).toEqual([
        'hotline.yaml:4:20: metrics.listen: expected host:port, e.g. "127.0.0.1:9464" (port 0: any free port)',
      ]);
  });
});
