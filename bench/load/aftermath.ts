import { setTimeout as sleep } from "node:timers/promises";
import type { Knex } from "knex";
import type { OperatorStatus } from "../../src/acd/types.ts";
import { basicAuth } from "../../src/asterisk/sandbox/instance.ts";
import { readOperatorStates } from "../../src/records/read.ts";
import type { Side } from "./sides.ts";
import type { BenchSippResult } from "./sipp.ts";

/** What the records say about one batch of calls (found by its caller number). */
export interface RecordsSummary {
  rows: number;
  open: number;
  byOutcome: Record<string, number>;
}

/** The batch's records once the writer has caught up (bounded), by outcome; `open` were never closed. */
export async function recordsSummary(db: Knex, caller: string, expected: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let summary: RecordsSummary = { rows: 0, open: 0, byOutcome: {} };
  while (Date.now() < deadline) {
    const rows = (await db("calls")
      .where({ caller_number: caller })
      .select("outcome")
      .count({ n: "*" })
      .groupBy("outcome")) as { outcome: string | null; n: number | string }[];
    const byOutcome: Record<string, number> = {};
    for (const r of rows) byOutcome[String(r.outcome ?? "(open)")] = Number(r.n);
    const total = Object.values(byOutcome).reduce((a, b) => a + b, 0);
    summary = { rows: total, open: byOutcome["(open)"] ?? 0, byOutcome };
    if (total >= expected && summary.open === 0) break;
    await sleep(1000);
  }
  return summary;
}

export interface OperatorLine {
  operator: string;
  state: string;
  since: string;
  callsToday?: number;
  missedInRow?: number;
  detail: string;
}

/**
 * Every operator's state at the end, as `hotline operators` shows it: the running app's control
 * API, or the database's operator_states when the app is not running.
 */
export async function operatorStates(side: Side, db: Knex): Promise<{ from: string; lines: OperatorLine[] }> {
  try {
    const statuses = (await side.app?.statuses()) ?? [];
    return { from: "the app's control API", lines: statuses.map(fromStatus) };
  } catch {
    const rows = await readOperatorStates(db);
    return {
      from: "the database (operator_states): the app is not running",
      lines: rows.map((r) => ({ operator: r.operator, state: r.state, since: r.since, detail: r.reason ?? "" })),
    };
  }
}

function fromStatus(s: OperatorStatus): OperatorLine {
  const detail = [
    s.reason,
    s.call ? `call ${s.call.callId}` : undefined,
    s.pending ? `then ${s.pending.kind}` : undefined,
    s.deviceBusy ? "phone busy" : undefined,
  ].filter(Boolean);
  return {
    operator: s.operator,
    state: s.state,
    since: new Date(s.since).toISOString(),
    callsToday: s.callsToday,
    missedInRow: s.missedInRow,
    detail: detail.join(", "),
  };
}

export function operatorsText(states: { from: string; lines: OperatorLine[] }): string {
  const counts = new Map<string, number>();
  for (const l of states.lines) counts.set(l.state, (counts.get(l.state) ?? 0) + 1);
  return [
    `Every operator's state at the end (${states.from}): ${[...counts].map(([k, v]) => `${v} ${k}`).join(", ")}`,
    "",
    "| operator | state | since | calls today | missed in a row | detail |",
    "| --- | --- | --- | --- | --- | --- |",
    ...states.lines.map(
      (l) =>
        `| ${l.operator} | ${l.state} | ${l.since.slice(11, 23)} | ${l.callsToday ?? ""} | ${l.missedInRow ?? ""} | ${l.detail} |`,
    ),
  ].join("\n");
}

export interface Leftovers {
  channels: string[];
  bridges: string[];
}

/** Channels and bridges Asterisk still has once every call is over (the hotline keeps its holding bridges). */
export async function leftovers(side: Side): Promise<Leftovers | undefined> {
  const { spec } = side.asterisk;
  const get = async (what: string) => {
    const res = await fetch(`${side.asterisk.ariUrl}/ari/${what}`, {
      headers: { authorization: basicAuth(spec.ari.username, spec.ari.password) },
      signal: AbortSignal.timeout(5000),
    });
    return ((await res.json()) as { id: string; name?: string }[]).map((x) => x.name || x.id);
  };
  try {
    return { channels: await get("channels"), bridges: await get("bridges") };
  } catch {
    return undefined;
  }
}

export function outcomesText(label: string, placed: number, r: RecordsSummary): string {
  const list = Object.entries(r.byOutcome)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  return `${label}: ${placed} calls placed, ${r.rows} records (${r.rows === placed ? "records = calls" : `${placed - r.rows} missing`}), ${r.open} never closed; outcomes: ${list || "none"}`;
}

/** What SIPp said on both ends, in the report's words; the kinds of errors of failed calls. */
export function sippLines(callers: BenchSippResult, phones: BenchSippResult | undefined): string[] {
  const errors = callers.failed ? ` — ${callers.errors.split("\n").slice(0, 3).join(" / ")}` : "";
  return [
    `- callers (SIPp): ${callers.successful} passed, ${callers.failed} failed${errors}`,
    `- desk phones (SIPp): ${phones ? `${phones.successful} calls passed, ${phones.failed} failed` : "did not stop"}`,
  ];
}

export function leftLine(left: Leftovers | undefined): string {
  if (!left) return "- left in Asterisk after the last call: could not ask";
  const list = (what: string, names: string[]) =>
    `${names.length} ${what}${names.length ? ` (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""})` : ""}`;
  return `- left in Asterisk after the last call: ${list("channels", left.channels)}, ${list("bridges", left.bridges)}`;
}
