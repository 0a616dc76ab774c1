import { describe, expect, it } from "vitest";
import { callsCsv } from "../../../src/records/export/csv.ts";
import { formatQueueLog, queueLogLines } from "../../../src/records/export/queue-log.ts";
import { callsXlsx } from "../../../src/records/export/xlsx.ts";
import type { RecordsInRange } from "../../../src/records/read.ts";
import type { CallRow } from "../../../src/records/rows.ts";
import { rawControls } from "../../support/raw-controls.ts";
import { unzip } from "../../support/unzip.ts";

const iso = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, 0) + s * 1000).toISOString();
const epoch = (s: number) => Date.UTC(2026, 10, 20, 9, 0, 0) / 1000 + s;

function call(id: string, over: Partial<CallRow> = {}): CallRow {
  return {
    id,
    did: "+34910000001",
    hotline: "admissions",
    campaign: null,
    trunk: "main",
    caller_number: "+34600111222",
    caller_name: null,
    language: "en",
    started_at: iso(0),
    answered_at: iso(1),
    ended_at: iso(100),
    duration_seconds: 100,
    outcome: "completed",
    outcome_reason: null,
    outcome_to: null,
    outcome_result: null,
    hangup_cause: 16,
    hangup_cause_text: "Normal Clearing",
    topic: null,
    menu_path: null,
    queue_entered_at: null,
    queue_left_at: null,
    wait_seconds: null,
    answered_by: null,
    operator_answered_at: null,
    survey_score: null,
    outcome_detail: null,
    schedule_rule: null,
    cost: 0.02,
    currency: "EUR",
    billed_seconds: 120,
    ...over,
  };
}

/** Two callers: c1 waits, maria does not answer, juan does, c1 hangs up; c2 abandons. Juan logs in and pauses. */
const fixture: RecordsInRange = {
  calls: [call("c1", { answered_by: "juan" }), call("c2", { caller_number: "+34600333444", outcome: "caller-hangup" })],
  queueEvents: [
    {
      id: "e1",
      call_id: "c1",
      hotline: "admissions",
      at: iso(5),
      event: "enter",
      operator: null,
      position: 1,
      wait_seconds: null,
      detail: null,
    },
    {
      id: "e2",
      call_id: "c2",
      hotline: "admissions",
      at: iso(6),
      event: "enter",
      operator: null,
      position: 2,
      wait_seconds: null,
      detail: null,
    },
    {
      id: "e3",
      call_id: "c1",
      hotline: "admissions",
      at: iso(30),
      event: "answer",
      operator: "juan",
      position: null,
      wait_seconds: 25,
      detail: null,
    },
    {
      id: "e4",
      call_id: "c2",
      hotline: "admissions",
      at: iso(40),
      event: "abandon",
      operator: null,
      position: 1,
      wait_seconds: null,
      detail: null,
    },
    {
      id: "e5",
      call_id: "c1",
      hotline: "admissions",
      at: iso(90),
      event: "complete",
      operator: "juan",
      position: null,
      wait_seconds: null,
      detail: "caller",
    },
  ],
  attempts: [
    {
      id: "leg1",
      call_id: "c1",
      operator: "maria",
      endpoint: "PJSIP/maria",
      started_at: iso(6),
      answered_at: null,
      ended_at: iso(21),
      result: "no-answer",
      ring_seconds: 15,
      wrapup_ended_at: null,
    },
    {
      id: "leg2",
      call_id: "c1",
      operator: "juan",
      endpoint: "PJSIP/juan",
      started_at: iso(21),
      answered_at: iso(30),
      ended_at: iso(90),
      result: "answered",
      ring_seconds: 9,
      wrapup_ended_at: null,
    },
  ],
  sessions: [
    {
      id: "s1",
      operator: "juan",
      endpoint: "PJSIP/juan",
      logged_in_at: iso(-60),
      logged_out_at: iso(200),
      reason: "logout",
    },
  ],
  pauses: [{ id: "p1", operator: "juan", started_at: iso(120), ended_at: iso(180), reason: "break", planned: true }],
};

describe("queue_log export", () => {
  it("derives Asterisk's lines, in time order", () => {
    expect(formatQueueLog(queueLogLines(fixture)).split("\n")).toEqual([
      `${epoch(-60)}|NONE|admissions|juan|ADDMEMBER|`,
      `${epoch(5)}|c1|admissions|NONE|ENTERQUEUE||+34600111222|1`,
      `${epoch(6)}|c2|admissions|NONE|ENTERQUEUE||+34600333444|2`,
      `${epoch(21)}|c1|admissions|maria|RINGNOANSWER|15000`,
      `${epoch(30)}|c1|admissions|juan|CONNECT|25|leg2|9`,
      `${epoch(40)}|c2|admissions|NONE|ABANDON|1|2|34`,
      `${epoch(90)}|c1|admissions|juan|COMPLETECALLER|25|60|1`,
      `${epoch(120)}|NONE|NONE|juan|PAUSEALL|break`,
      `${epoch(120)}|NONE|admissions|juan|PAUSE|break`,
      `${epoch(180)}|NONE|NONE|juan|UNPAUSEALL|`,
      `${epoch(180)}|NONE|admissions|juan|UNPAUSE|`,
      `${epoch(200)}|NONE|admissions|juan|REMOVEMEMBER|`,
      "",
    ]);
  });

  it("member lines name each queue, as app_queue writes them; a pause is PAUSEALL then PAUSE per queue", () => {
    const lines = queueLogLines(fixture, undefined, { queues: ["admissions", "it"] });
    const member = lines.filter((l) => l.callId === "NONE").map((l) => `${l.queue}|${l.agent}|${l.event}|${l.data}`);
    expect(member).toEqual([
      "admissions|juan|ADDMEMBER|",
      "it|juan|ADDMEMBER|",
      "NONE|juan|PAUSEALL|break",
      "admissions|juan|PAUSE|break",
      "it|juan|PAUSE|break",
      "NONE|juan|UNPAUSEALL|",
      "admissions|juan|UNPAUSE|",
      "it|juan|UNPAUSE|",
      "admissions|juan|REMOVEMEMBER|",
      "it|juan|REMOVEMEMBER|",
    ]);
    // Only PAUSEALL/UNPAUSEALL may name no queue: third-party parsers skip member lines of queue NONE.
    expect(lines.filter((l) => l.queue === "NONE").map((l) => l.event)).toEqual(["PAUSEALL", "UNPAUSEALL"]);
  });

  it("closes a connected call from its record when no complete event was written; keeps to the range", () => {
    const noComplete = { ...fixture, queueEvents: fixture.queueEvents.filter((e) => e.event !== "complete") };
    const lines = queueLogLines(noComplete, { from: new Date(iso(0)), to: new Date(iso(150)) });
    expect(lines.at(-1)).toMatchObject({ event: "PAUSE", queue: "admissions" });
    expect(lines.find((l) => l.callId === "c1" && l.event.startsWith("COMPLETE"))).toMatchObject({
      event: "COMPLETEAGENT", // outcome "completed": not the caller hanging up
      agent: "juan",
      data: [25, 70, 1],
    });
    expect(lines.some((l) => l.event === "ADDMEMBER" || l.event === "REMOVEMEMBER")).toBe(false);
  });

  it("a caller who hung up on the operator (the answered outcome says so) closes as COMPLETECALLER", () => {
    const calls = fixture.calls.map((c) =>
      c.id === "c1" ? { ...c, outcome: "answered" as const, outcome_result: "caller" } : c,
    );
    const noComplete = { ...fixture, calls, queueEvents: fixture.queueEvents.filter((e) => e.event !== "complete") };
    const lines = queueLogLines(noComplete, { from: new Date(iso(0)), to: new Date(iso(150)) });
    expect(lines.find((l) => l.callId === "c1" && l.event.startsWith("COMPLETE"))).toMatchObject({
      event: "COMPLETECALLER",
      agent: "juan",
    });
  });

  it("maps overflow, closing, leave, full and no-operators", () => {
    const ev = (event: string, detail: string | null = null) => ({
      id: event,
      call_id: "c9",
      hotline: "it",
      at: iso(10),
      event: event as never,
      operator: null,
      position: 3,
      wait_seconds: 7,
      detail,
    });
    const only = { calls: [], attempts: [], sessions: [], pauses: [] };
    const events = ["overflow", "closing", "full", "no-operators", "position-announced"].map((e) => ev(e));
    const lines = queueLogLines({ ...only, queueEvents: [...events, ev("leave", "1")] });
    expect(lines.map((l) => [l.event, ...l.data])).toEqual([
      ["EXITWITHTIMEOUT", 3, 3, 7],
      ["EXITEMPTY", 3, 3, 7],
      ["FULL"],
      ["JOINEMPTY"],
      ["EXITWITHKEY", "1", 3, 3, 7],
    ]);
  });
});

describe("CSV export", () => {
  it("one row per call, every column, RFC 4180 quoting, local times with offset", () => {
    const csv = callsCsv(
      [call("c1", { caller_name: 'Ana "la" Pérez, PhD', outcome_detail: "line1\nline2" })],
      "Europe/Madrid",
    );
    const [header, row, end] = csv.split("\r\n");
    expect(end).toBe("");
    expect(header?.split(",")).toContain("billed_seconds");
    expect(header?.split(",")).toHaveLength(33);
    expect(row).toContain('"Ana ""la"" Pérez, PhD"');
    expect(csv).toContain("line1\\nline2");
    expect(row?.startsWith("c1,2026-11-20T10:00:00+01:00,2026-11-20T10:00:01+01:00,")).toBe(true);
    expect(row).toContain(",120,0.02,EUR,");
  });
});

describe("xlsx export", () => {
  it("is a valid workbook: dates as serial numbers with a date style, numbers as numbers, text as text", async () => {
    const file = await callsXlsx([call("c1")], "Europe/Madrid");
    const entries = unzip(file);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"]),
    );
    const sheet = entries.get("xl/worksheets/sheet1.xml") as string;
    // started_at 09:00:00Z is 10:00 in Madrid: serial 46346 + 10/24.
    const serial = (46346 + 10 / 24).toString().slice(0, 10);
    const cell = sheet.match(/<c r="B2"[^>]*>.*?<\/c>/)?.[0] ?? "";
    expect(cell).toContain(`<v>${serial}`);
    const style = Number(cell.match(/s="(\d+)"/)?.[1]);
    const styles = entries.get("xl/styles.xml") as string;
    const xf =
      [...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)?.[1] ?? "").matchAll(/<xf [^>]*>/g)][style]?.[0] ?? "";
    const fmtId = xf.match(/numFmtId="(\d+)"/)?.[1];
    expect(styles).toMatch(new RegExp(`<numFmt numFmtId="${fmtId}" formatCode="yyyy-mm-dd hh:mm:ss"`));
    // cost is a number cell; the caller number a (shared or inline) string with its +.
    expect(sheet).toMatch(/<c r="AA2"[^>]*><v>0.02<\/v><\/c>/);
    expect(sheet).not.toMatch(/<c r="J2"[^>]*><v>34600111222<\/v>/);
  });
});

describe("caller ID in exports", () => {
  const hostile = call("c1", {
    caller_number: "=cmd|' /C calc'!A0\r\n",
    caller_name: "\u202Eevil\u001b[31m",
    did: "+34910000001",
  });

  it("CSV: no raw control characters, formula prefixes behind an apostrophe, + numbers kept as text", () => {
    const row = callsCsv([hostile], "Europe/Madrid").split("\r\n")[1] ?? "";
    expect(rawControls(row, { lineFeeds: true })).toEqual([]);
    expect(row).toContain(",'=cmd|' /C calc'!A0\\r\\n,");
    expect(row).toContain(",\\u202Eevil\\u001B[31m,");
    expect(row).toContain(",'+34910000001,");
    expect(callsCsv([call("c2", { caller_name: "@SUM(A1)", caller_number: "-2+3" })], "UTC")).toContain(
      ",'-2+3,'@SUM(A1),",
    );
  });

  it("xlsx: string cells without raw control characters, the number's + as is", async () => {
    const entries = unzip(await callsXlsx([hostile], "Europe/Madrid"));
    const xml = [...entries.values()].join("");
    expect(rawControls(xml)).toEqual([]);
    expect(xml).toContain("=cmd|' /C calc'!A0\\r\\n");
    expect(xml).toContain("\\u202Eevil");
    expect(xml).toContain(">+34910000001<");
    expect(xml).not.toContain("<f>");
  });
});
