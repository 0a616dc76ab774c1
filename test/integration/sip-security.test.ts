import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillTemplate } from "../../src/asterisk/sandbox/render.ts";
import { runSipp, SCENARIOS, type SippResult, type SippRun } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { callAndRecord, eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { loadFilter } from "../support/fail2ban.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** The test configuration's trunk (identified by SIPp ports 0–4) and one operator's desk phone. */
function yaml(ports: TestPorts): string {
  return testConfigYaml(ports, "operators:\n  ana: { name: Ana, endpoint: op-ana, languages: [es, en] }\n");
}

/** SIPp ports from here on are in no trunk's match: an outsider on the same host. */
const OUTSIDE = 10;

describe("SIP identity: trunks by address, desk phones by digest, nothing by name (real Asterisk + SIPp)", () => {
  let h: TestHotline;
  let line = OUTSIDE;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const password = () => h.instance.spec.operators.find((o) => o.endpoint === "op-ana")?.password ?? "";

  /**
   * One SIPp run of sipp/<scenario> as `user` (with `password`), by default from an outside port of
   * its own (each run a new source, as probes come), or from SIPp port `from`.
   */
  async function probe(
    scenario: string,
    user: string,
    {
      password = "none",
      from = line++,
      ...run
    }: Omit<SippRun, "scenario" | "target" | "port" | "mediaPort"> & { password?: string; from?: number } = {},
  ): Promise<SippResult> {
    // Unquoted in SIP URIs and in SIPp's [authentication …].
    if (![user, password].every((v) => /^[\w.~-]+$/.test(v))) throw new Error(`not usable in SIPp: ${user}`);
    const xml = fillTemplate(
      await readFile(join(SCENARIOS, scenario), "utf8"),
      { USER: user, PASSWORD: password },
      scenario,
    );
    return runSipp({
      scenario: xml,
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(from),
      mediaPort: h.ports.media(from % 10),
      timeoutSeconds: 15,
      ...run,
    });
  }

  /**
   * The response a probe scenario got: the scenarios pass only on a 401 (or, for the refusal ones,
   * 403/407), and any other answer is an unexpected message SIPp logs with its status line.
   */
  function answer(result: SippResult, passed: number): string {
    if (result.successful === 1 && result.failed === 0) return String(passed);
    return /SIP\/2\.0 (\d{3})/.exec(result.errors)?.[1] ?? `no answer: ${result.errors || result.stdout.slice(-800)}`;
  }

  it("refuses an INVITE from outside every trunk's match that names a trunk in From, and writes no record", async () => {
    const from = h.events.length;
    const result = await probe("spoof-invite.xml", "test-trunk", { service: "+34910000001" });
    expect(answer(result, 401)).toBe("401");
    // Long enough for a call that got in to reach the app and its record.
    await sleep(1000);
    expect(await h.app.db<CallRow>("calls").where({ trunk: "test-trunk" })).toEqual([]);
    expect(h.events.slice(from).filter((e) => e.type === "StasisStart")).toEqual([]);
  });

  it("still takes a call from the trunk's own address", async () => {
    const row = await callAndRecord(h, { did: "+34910000001", caller: "600100200", scenario: "caller-hangup.xml" });
    expect(row.trunk).toBe("test-trunk");
  });

  it("answers REGISTER probes the same whatever the name: a trunk's, a desk phone's, or nobody's", async () => {
    const names = ["test-trunk", "op-ana", "nobody-7f3a", "anonymous"];
    const answers: Record<string, string> = {};
    for (const user of names) {
      const result = await probe("register-probe.xml", user, { password: "wrong-password" });
      answers[user] = answer(result, 401);
    }
    expect(answers).toEqual(Object.fromEntries(names.map((n) => [n, "401"])));
  });

  it("registers a desk phone that answers the challenge with its own password", async () => {
    const result = await probe("register.xml", "op-ana", { password: password() });
    expect(result.errors, result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
  });

  it("does not answer an OPTIONS ping from an unknown source, whatever name it gives", async () => {
    for (const user of ["test-trunk", "op-ana", "scanner"]) {
      const result = await probe("options-probe.xml", user);
      expect([user, answer(result, 401)]).toEqual([user, "401"]);
    }
  });

  it("answers the carrier's OPTIONS keepalive from the trunk's own address", async () => {
    const result = await probe("options-ping.xml", "carrier", { from: 1 });
    expect(result.errors, result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
  });

  it("writes failed digest answers and a burst of unidentified requests to the security log fail2ban reads", async () => {
    const log = join(h.instance.dirs.log, "security.log");
    // It names callers' addresses and the accounts they tried: the owner's only.
    expect((await stat(log)).mode & 0o077).toBe(0);
    const wrong = await probe("register-probe.xml", "op-ana", { password: "guess-1" });
    expect(answer(wrong, 401)).toBe("401");
    // More unidentified requests from one address than unidentified_request_count within the period.
    const burst = await probe("options-probe.xml", "scanner", { calls: 8, rate: 40 });
    expect(burst.successful).toBe(8);
    const lines = await eventually(async () => {
      const text = await readFile(log, "utf8").catch(() => "");
      const all = text.split("\n").filter(Boolean);
      const seen = (event: string) => all.some((l) => l.includes(`SecurityEvent="${event}"`));
      return seen("ChallengeResponseFailed") && seen("InvalidAccountID") ? all : undefined;
    });
    const filter = await loadFilter();
    const banned = lines.flatMap((l) => {
      const host = filter.match(l);
      return host ? [{ host, event: /SecurityEvent="(\w+)"/.exec(l)?.[1] }] : [];
    });
    expect(banned.some((b) => b.event === "ChallengeResponseFailed" && b.host === "127.0.0.1")).toBe(true);
    expect(banned.some((b) => b.event === "InvalidAccountID" && b.host === "127.0.0.1")).toBe(true);
    // A challenge every desk phone gets before it answers is no failure.
    const challenges = lines.filter((l) => l.includes('SecurityEvent="ChallengeSent"'));
    expect(challenges.length).toBeGreaterThan(0);
    expect(challenges.filter((l) => filter.match(l))).toEqual([]);
  });
});
