import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { featureCodeScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

const PIN = "4711";

/** Ana logs in with a PIN and hears Spanish (her first language); Ben has no PIN. */
function yaml(ports: TestPorts): string {
  return testConfigYaml(
    ports,
    `operators:
  ana: { name: Ana, endpoint: op-ana, pin: "${PIN}", languages: [es, en] }
  ben: { name: Ben, endpoint: op-ben, languages: [en] }
`,
  );
}

describe("operators' desk-phone feature codes (real Asterisk, the app's ACD, a SIPp desk phone)", () => {
  let h: TestHotline;
  let phone = 20;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const state = (operator: string) => h.app.acd.statuses().find((s) => s.operator === operator);

  /** The desk phone dials `code` (and types `keys`); returns SIPp's result and what its channel heard. */
  async function dial(
    code: string,
    options: { endpoint?: string; keys?: string; hangUpAfterMs?: number } = {},
  ): Promise<{ result: SippResult; played: string[]; languages: string[] }> {
    const endpoint = options.endpoint ?? "op-ana";
    const password = h.instance.spec.operators.find((o) => o.endpoint === endpoint)?.password ?? "";
    const from = h.events.length;
    const n = phone++;
    const result = await runSipp({
      scenario: featureCodeScenario({
        code,
        endpoint,
        password,
        pinDigits: options.keys,
        hangUpAfterMs: options.hangUpAfterMs,
      }),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(n),
      mediaPort: h.ports.media(n % 10),
      timeoutSeconds: 40,
    });
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    // The whole scenario passed: answered, and (unless the phone hung up first) the hotline's BYE.
    expect(result.successful).toBe(1);
    const events = h.events.slice(from);
    const start = events.flatMap((e) => (e.type === "StasisStart" && e.args[0] === "feature" ? [e] : []))[0];
    expect(start?.args).toEqual(["feature", code, endpoint]);
    const channel = `channel:${start?.channel.id}`;
    const playbacks = await eventually(() => {
      const found = h.events
        .slice(from)
        .flatMap((e) => (e.type === "PlaybackStarted" && e.playback.target_uri === channel ? [e.playback] : []));
      return found.length > 0 && found;
    });
    return {
      result,
      played: playbacks.map((p) => p.media_uri),
      languages: playbacks.map((p) => p.language ?? ""),
    };
  }

  it("an operator with a PIN starts logged out; *1 and the PIN typed after the prompt log her in, in her language", async () => {
    expect(state("ana")?.state).toBe("logged-out");
    const { played, languages } = await dial("*1", { keys: `${PIN}#` });
    expect(state("ana")?.state).toBe("available");
    expect(played).toEqual(["sound:hotline/agent-pin", "sound:hotline/agent-logged-in"]);
    expect(languages).toEqual(["es", "es"]);
    await h.app.records.flush();
    const sessions = await h.app.db("operator_sessions").where({ operator: "ana" });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ endpoint: "PJSIP/op-ana", logged_out_at: null });
  });

  it("a wrong PIN changes nothing", async () => {
    const { played } = await dial("*2", {}); // log out first, so a wrong PIN has something to refuse
    expect(played).toEqual(["sound:hotline/agent-logged-out"]);
    const wrong = await dial("*1", { keys: "1234#" });
    expect(wrong.played).toEqual(["sound:hotline/agent-pin", "sound:hotline/agent-wrong-pin"]);
    expect(state("ana")?.state).toBe("logged-out");
  });

  it("a PIN dialled with the code (*1<pin>) needs no prompt; logging in again is confirmed as such", async () => {
    expect((await dial(`*1${PIN}`)).played).toEqual(["sound:hotline/agent-logged-in"]);
    expect(state("ana")?.state).toBe("available");
    expect((await dial(`*1${PIN}`)).played).toEqual(["sound:hotline/agent-logged-in"]);
  });

  it("*32 pauses for a break (recorded as a planned pause); *4 resumes", async () => {
    expect((await dial("*32")).played).toEqual(["sound:hotline/agent-paused"]);
    expect(state("ana")).toMatchObject({ state: "paused", reason: "break" });
    expect((await dial("*4")).played).toEqual(["sound:hotline/agent-resumed"]);
    expect(state("ana")?.state).toBe("available");
    await h.app.records.flush();
    const pause = await h.app.db("operator_pauses").where({ operator: "ana" }).first();
    expect(pause).toMatchObject({ reason: "break" });
    expect(pause.ended_at).not.toBeNull();
    expect(Boolean(pause.planned)).toBe(true);
  });

  it("an operator without a PIN is not asked for one; *2 logs out", async () => {
    const loggedIn = await dial("*1", { endpoint: "op-ben" });
    expect(loggedIn.played).toEqual(["sound:hotline/agent-logged-in"]);
    expect(loggedIn.languages).toEqual(["en"]);
    expect(state("ben")?.state).toBe("available");
    expect((await dial("*2", { endpoint: "op-ben" })).played).toEqual(["sound:hotline/agent-logged-out"]);
    expect(state("ben")?.state).toBe("logged-out");
  });

  it("an unknown code is said to be invalid and changes nothing", async () => {
    const { played } = await dial("*7");
    expect(played).toEqual(["sound:hotline/agent-invalid-code"]);
    expect(state("ana")?.state).toBe("available");
  });

  it("a phone that belongs to no operator (any more) is told so", async () => {
    const { ben: _, ...operators } = h.config.operators;
    h.app.applyConfig({ ...h.config, operators });
    try {
      const { played, languages } = await dial("*1", { endpoint: "op-ben" });
      expect(played).toEqual(["sound:hotline/agent-unknown-phone"]);
      expect(languages).toEqual(["en"]); // the organization's default language
    } finally {
      h.app.applyConfig(h.config);
    }
    expect(h.logs.some((l) => l.msg === "feature code from a phone that belongs to no operator")).toBe(true);
    // A PIN dialled inline never reaches the logs.
    expect(h.logs.some((l) => JSON.stringify(l).includes(`*1${PIN}`))).toBe(false);
  });

  it("a phone hung up while asked for the PIN changes nothing, and nothing fails", async () => {
    await dial("*2");
    const { played } = await dial("*1", { hangUpAfterMs: 800 });
    expect(played).toEqual(["sound:hotline/agent-pin"]);
    await eventually(() => h.logs.some((l) => l.msg === "desk phone hung up before the end"));
    expect(state("ana")?.state).toBe("logged-out");
    expect(h.logs.filter((l) => l.level >= 50 && l.component === "feature-codes")).toEqual([]);
  });
});
