import type { RecordsInRange } from "../read.ts";
import type { QueueEventRow } from "../rows.ts";

/** One queue_log line before formatting: `epoch|callid|queuename|agent|event|data1|data2…`. */
export interface QueueLogLine {
  /** Milliseconds, for ordering; written as whole seconds. */
  at: number;
  callId: string;
  queue: string;
  agent: string;
  event: string;
  data: (string | number)[];
}

export interface QueueLogOptions {
  /**
   * The queues an operator is a member of: every hotline (operators take any hotline's callers they are
   * qualified for). Default: the hotlines the records name, in name order.
   */
  queues?: readonly string[];
}

/**
 * Our records as Asterisk's queue_log, for the tools that read it (queue statistics, wallboards).
 * The mapping is documented in docs/records.md; in short: queue_events give ENTERQUEUE, CONNECT,
 * COMPLETECALLER/COMPLETEAGENT, ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY, FULL, JOINEMPTY and
 * TRANSFER; unanswered ring attempts give RINGNOANSWER (RINGCANCELED when the caller hung up first);
 * sessions give ADDMEMBER/REMOVEMEMBER in each queue; a pause stops an operator in every queue, so it is
 * written as app_queue writes a pause without a queue: PAUSEALL (queue "NONE") then PAUSE in each queue,
 * and UNPAUSEALL then UNPAUSE when it ends. Lines outside [from, to) are left out.
 */
export function queueLogLines(
  records: RecordsInRange,
  range?: { from: Date; to: Date },
  options: QueueLogOptions = {},
): QueueLogLine[] {
  const lines: QueueLogLine[] = [];
  const callerOf = new Map(records.calls.map((c) => [c.id, c]));
  const queueOf = new Map<string, string>();
  for (const c of records.calls) if (c.hotline) queueOf.set(c.id, c.hotline);
  for (const e of records.queueEvents) if (e.call_id) queueOf.set(e.call_id, e.hotline);

  // Per call, what later lines need from earlier events: where it entered, when it was connected.
  const entered = new Map<string, QueueEventRow>();
  const connected = new Map<string, QueueEventRow>();
  const completed = new Set<string>();
  const ms = (iso: string) => Date.parse(iso);
  const secs = (n: number | null | undefined) => Math.max(0, Math.round(n ?? 0));
  const waited = (e: QueueEventRow) => {
    if (e.wait_seconds !== null) return secs(e.wait_seconds);
    const enter = e.call_id ? entered.get(e.call_id) : undefined;
    return enter ? secs((ms(e.at) - ms(enter.at)) / 1000) : 0;
  };

  for (const e of records.queueEvents) {
    const callId = e.call_id ?? "NONE";
    const origPosition = (e.call_id && entered.get(e.call_id)?.position) ?? e.position ?? 0;
    const line = (event: string, data: (string | number)[], agent = e.operator ?? "NONE") =>
      lines.push({ at: ms(e.at), callId, queue: e.hotline, agent, event, data });
    switch (e.event) {
      case "enter":
        if (e.call_id) entered.set(e.call_id, e);
        line("ENTERQUEUE", ["", (e.call_id && callerOf.get(e.call_id)?.caller_number) || "", e.position ?? 1], "NONE");
        break;
      case "answer": {
        if (e.call_id) connected.set(e.call_id, e);
        const leg = records.attempts.find(
          (a) => a.call_id === e.call_id && a.operator === e.operator && a.result === "answered",
        );
        line("CONNECT", [waited(e), leg?.id ?? "", secs(leg?.ring_seconds)]);
        break;
      }
      case "complete": {
        if (e.call_id) completed.add(e.call_id);
        const connect = e.call_id ? connected.get(e.call_id) : undefined;
        const talk = connect ? secs((ms(e.at) - ms(connect.at)) / 1000) : 0;
        const hold = connect ? waited(connect) : 0;
        line(e.detail === "caller" ? "COMPLETECALLER" : "COMPLETEAGENT", [hold, talk, origPosition]);
        break;
      }
      case "abandon":
        line("ABANDON", [e.position ?? 0, origPosition, waited(e)], "NONE");
        break;
      case "overflow":
        line("EXITWITHTIMEOUT", [e.position ?? 0, origPosition, waited(e)], "NONE");
        break;
      case "closing":
        line("EXITEMPTY", [e.position ?? 0, origPosition, waited(e)], "NONE");
        break;
      case "leave":
        line("EXITWITHKEY", [e.detail ?? "", e.position ?? 0, origPosition, waited(e)], "NONE");
        break;
      case "full":
        line("FULL", [], "NONE");
        break;
      case "no-operators":
        line("JOINEMPTY", [], "NONE");
        break;
      case "transfer": {
        const connect = e.call_id ? connected.get(e.call_id) : undefined;
        const talk = connect ? secs((ms(e.at) - ms(connect.at)) / 1000) : 0;
        line("TRANSFER", [e.detail ?? "", "", connect ? waited(connect) : 0, talk]);
        if (e.call_id) completed.add(e.call_id);
        break;
      }
      case "position-announced":
        break; // queue_log has no such line
    }
  }

  // A connected call whose completion was not recorded as an event: close it from the call record.
  for (const [callId, connect] of connected) {
    const call = callerOf.get(callId);
    if (completed.has(callId) || !call?.ended_at) continue;
    lines.push({
      at: ms(call.ended_at),
      callId,
      queue: connect.hotline,
      agent: connect.operator ?? call.answered_by ?? "NONE",
      // Who hung up, as the answered call's outcome says (older rows: a caller-hangup outcome).
      event: call.outcome_result === "caller" || call.outcome === "caller-hangup" ? "COMPLETECALLER" : "COMPLETEAGENT",
      data: [waited(connect), secs((ms(call.ended_at) - ms(connect.at)) / 1000), entered.get(callId)?.position ?? 0],
    });
  }

  for (const a of records.attempts) {
    if (!a.result || a.result === "answered") continue;
    const ringMs = Math.round((a.ring_seconds ?? 0) * 1000);
    lines.push({
      at: a.ended_at ? ms(a.ended_at) : ms(a.started_at) + ringMs,
      callId: a.call_id,
      queue: queueOf.get(a.call_id) ?? "NONE",
      agent: a.operator,
      event: a.result === "caller-gone" ? "RINGCANCELED" : "RINGNOANSWER",
      data: [ringMs],
    });
  }

  const queues = options.queues ?? [...new Set(queueOf.values())].sort();
  // As app_queue: one line per queue the member is in (callid "NONE"), none when no queue is known.
  const member = (at: string, agent: string, event: string, data: string) => {
    for (const queue of queues) lines.push({ at: ms(at), callId: "NONE", queue, agent, event, data: [data] });
  };
  const all = (at: string, agent: string, event: string, data: string) =>
    lines.push({ at: ms(at), callId: "NONE", queue: "NONE", agent, event, data: [data] });
  for (const s of records.sessions) {
    member(s.logged_in_at, s.operator, "ADDMEMBER", "");
    if (s.logged_out_at) member(s.logged_out_at, s.operator, "REMOVEMEMBER", "");
  }
  for (const p of records.pauses) {
    all(p.started_at, p.operator, "PAUSEALL", p.reason);
    member(p.started_at, p.operator, "PAUSE", p.reason);
    if (p.ended_at) {
      // An unpause has no reason of its own; app_queue then writes an empty one.
      all(p.ended_at, p.operator, "UNPAUSEALL", "");
      member(p.ended_at, p.operator, "UNPAUSE", "");
    }
  }

  const inRange = range ? lines.filter((l) => l.at >= range.from.getTime() && l.at < range.to.getTime()) : lines;
  // Stable: lines of the same instant keep the order they were derived in (ENTERQUEUE before CONNECT…).
  return inRange
    .map((l, i) => ({ l, i }))
    .sort((x, y) => x.l.at - y.l.at || x.i - y.i)
    .map(({ l }) => l);
}

/** The lines as the queue_log file: `epoch|callid|queuename|agent|event|data…`, one per line. */
export function formatQueueLog(lines: readonly QueueLogLine[]): string {
  return lines
    .map((l) =>
      [Math.floor(l.at / 1000), l.callId, l.queue, l.agent, l.event, ...l.data.map(String)]
        .map((f) => String(f).replaceAll(/[|\r\n]/g, " "))
        .join("|"),
    )
    .map((line) => `${line}\n`)
    .join("");
}
