import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import knex from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import type { OperatorStateRow } from "../../src/records/rows.ts";
import {
  type ConfiguredSandbox,
  defaultHotline,
  eventually,
  startAppProcess,
  startConfiguredSandbox,
  testConfigYaml,
} from "../support/app.ts";
import { HOTLINE_BIN } from "../support/run.ts";
import type { TestPorts } from "../support/sandbox.ts";

const url = process.env.HOTLINE_TEST_PG || inject("pgUrl");
// The records of this run in a schema of their own; the leader lock is keyed by it too.
const schema = `hotline_standby_${randomBytes(6).toString("hex")}`;
const connection = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const admin = () => knex({ client: "pg", connection: url, pool: { min: 0, max: 1 } });

function yaml(ports: TestPorts): string {
  const hotline = `${defaultHotline()}
    queue: { maxWait: 120, maxLength: 5, announceEvery: 0, ringTimeout: 15, wrapUp: 0, whisper: false }`;
  const ana = `ana: { name: Ana, endpoint: op-ana, languages: [en, es], contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }`;
  return testConfigYaml(ports, `operators:\n  ${ana}\n`, hotline).replace(
    "database: { filename: ./hotline.sqlite }",
    `database: { client: pg, connection: "${connection}" }`,
  );
}

/** Milliseconds since `t0` at which `text` first shows in a process's output (polled). */
async function seenAfter(output: string[], text: string, t0: number, ms = 20_000): Promise<number> {
  await eventually(() => output.join("").includes(text) || undefined, ms);
  return Date.now() - t0;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once("exit", r));
}

describe("a standby app (PostgreSQL leader lock) takes over when the leader is killed (real Asterisk, SIPp, PostgreSQL)", () => {
  let s: ConfiguredSandbox;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    const a = admin();
    await a.raw(`create schema "${schema}"`);
    await a.destroy();
    s = await startConfiguredSandbox({ yaml });
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await s?.stop();
    const a = admin();
    await a.raw(`drop schema if exists "${schema}" cascade`);
    await a.destroy();
  });

  it("the standby adopts the call in progress within 5 s, serves new calls; the records are complete", async () => {
    const leaderOut: string[] = [];
    const leader = await startAppProcess(s, leaderOut);
    children.push(leader);
    expect(leaderOut.join("")).toContain("leading: this app drives Asterisk");
    const standbyOut: string[] = [];
    const standby = await startAppProcess(s, standbyOut, {
      args: ["--standby"],
      readyWhen: "standby: another app leads; waiting to take over",
    });
    children.push(standby);
    // The standby names who leads, and does not touch Asterisk while it waits.
    expect(standbyOut.join("")).toContain("pid");
    expect(standbyOut.join("")).not.toContain("hotline running");

    const phone = runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer" }),
      port: s.ports.sipp(10),
      mediaPort: s.ports.media(10),
      calls: 2,
      timeoutSeconds: 90,
    });
    const caller = (line: number, number: string, talkMs: number) =>
      runSipp({
        scenario: callerScenario([{ wait: talkMs }, { hangup: true }]),
        target: `127.0.0.1:${s.ports.sip}`,
        port: s.ports.sipp(line),
        mediaPort: s.ports.media(line),
        service: "+34910000001",
        keys: { caller: number },
        timeoutSeconds: 60,
      });
    const first = caller(0, "640000001", 15_000);
    await eventually(() => leaderOut.join("").includes('"msg":"operator answered"') || undefined, 20_000);

    const killedAt = Date.now();
    leader.kill("SIGKILL");
    await exited(leader);
    const leading = await seenAfter(standbyOut, "leading: this app drives Asterisk", killedAt);
    const running = await seenAfter(standbyOut, "hotline running", killedAt);
    const adopted = await seenAfter(standbyOut, "conversation adopted after a restart", killedAt);
    process.stdout.write(
      `standby: lock ${leading} ms, running ${running} ms, call adopted ${adopted} ms after the kill\n`,
    );
    expect(running).toBeLessThanOrEqual(5000);

    const firstResult = await first;
    expect(firstResult.errors || "", firstResult.stdout.slice(-1500)).toBe("");
    const second = await caller(1, "640000002", 10_000);
    expect(second.errors || "", second.stdout.slice(-1500)).toBe("");
    const phoneResult = await phone;
    expect(phoneResult.successful, phoneResult.stdout.slice(-1500)).toBe(2);

    // A second leader is refused while one leads.
    const third = spawn(process.execPath, [HOTLINE_BIN, "start", "-c", s.file], { cwd: s.dir });
    children.push(third);
    let thirdErr = "";
    third.stderr.on("data", (d: Buffer) => {
      thirdErr += d.toString();
    });
    expect(await exited(third)).toBe(1);
    expect(thirdErr).toMatch(/another hotline app leads \(hotline hotline .* pid \d+\); start this one with --standby/);

    standby.kill("SIGTERM");
    expect(await exited(standby)).toBe(0);
    const db = knex({ client: "pg", connection, pool: { min: 0, max: 1 } });
    try {
      const rows = await db<CallRow>("calls").whereIn("caller_number", ["640000001", "640000002"]);
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatchObject({ outcome: "answered", answered_by: "ana" });
      expect(rows.every((r) => r.ended_at)).toBe(true);
      for (const row of rows) {
        expect(await db("queue_events").where({ call_id: row.id, event: "complete" })).toHaveLength(1);
      }
      const attempts = await db("operator_attempts").whereIn(
        "call_id",
        rows.map((r) => r.id),
      );
      expect(attempts.filter((x) => !x.ended_at)).toEqual([]);
      const states = await db<OperatorStateRow>("operator_states").select("operator", "state");
      expect(states.filter((x) => x.state === "on-call" || x.state === "ringing")).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 180_000);

  it("a leader whose lock session is cut stops at once (exit 1) rather than drive on beside another", async () => {
    const out: string[] = [];
    const leader = await startAppProcess(s, out);
    children.push(leader);
    const a = admin();
    try {
      const cut = await a.raw(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name like ?",
        [`hotline % pid ${leader.pid}`],
      );
      expect(cut.rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await a.destroy();
    }
    expect(await exited(leader)).toBe(1);
    expect(out.join("")).toContain("leader lock lost: stopping at once");
  }, 60_000);

  it("--standby on SQLite is refused with a clear error", async () => {
    const file = join(s.dir, "sqlite.yaml");
    await writeFile(file, testConfigYaml(s.ports));
    const child = spawn(process.execPath, [HOTLINE_BIN, "start", "-c", file, "--standby"], { cwd: s.dir });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    expect(await exited(child)).toBe(2);
    expect(err).toContain("--standby needs database.client: pg (the leader lock is kept in PostgreSQL)");
  }, 30_000);
});
