import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorInfo } from "../../src/calls/monitor/types.ts";
import { callerScenario, deskPhoneScenario, featureCodeScenario } from "../../src/demo/scenario.ts";
import { runSipp, type SippResult } from "../../src/demo/sipp.ts";
import { ControlClient } from "../../src/operators/control-client.ts";
import { eventually, generalQueueHotline, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { expectSippOk } from "../support/calls.ts";
import { hotlineCli } from "../support/run.ts";
import type { TestPorts } from "../support/sandbox.ts";

const QUEUE = "{ maxWait: 60, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 0 }";
/** SIPp ports: 0 the caller, 10 Ana's desk phone, 11 Eva's (the supervisor's), 20… desk phones dialling codes. */
const ANA = 10;
const EVA = 11;

function yaml(ports: TestPorts): string {
  return testConfigYaml(
    ports,
    `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, code: "101", languages: [en], competences: { general: 2 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(ANA)}" }
supervisors:
  eva: { name: Eva, endpoint: sup-eva, languages: [es, en], contact: "sip:sup-eva@127.0.0.1:${ports.sipp(EVA)}" }
`,
    generalQueueHotline(QUEUE, ""),
  );
}

describe("supervisors monitor operators' calls: listen, whisper, barge (real Asterisk + SIPp caller, operator, supervisor)", () => {
  let h: TestHotline;
  let n = 0;
  let codeLine = 20;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
    await eventually(() => h.app.acd.statuses().every((s) => s.state === "available"));
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A caller talks to Ana for `talkMs`, then hangs up; resolves once Ana's conversation is live. */
  async function conversation(talkMs: number) {
    const caller = `61400${String(++n).padStart(4, "0")}`;
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 200, action: "answer", byeTimeoutMs: 60_000 }),
      port: h.ports.sipp(ANA),
      mediaPort: h.ports.media(1),
      timeoutSeconds: 60,
    });
    const call = runSipp({
      scenario: callerScenario([{ wait: 1500 }, { press: "1" }, { wait: talkMs }, { hangup: true }]),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller },
      timeoutSeconds: 60,
    });
    const live = await eventually(() => h.app.acd.live.ofOperator("ana"), 20_000);
    return { live, done: Promise.all([ana, call]) };
  }

  /** The supervisor's desk phone: answers and waits for the hotline to hang up. */
  function supervisorPhone(): Promise<SippResult> {
    return runSipp({
      scenario: deskPhoneScenario({ ringMs: 300, action: "answer", byeTimeoutMs: 60_000 }),
      port: h.ports.sipp(EVA),
      mediaPort: h.ports.media(2),
      timeoutSeconds: 60,
    });
  }

  async function sessionRow(id: string) {
    await h.app.records.flush();
    return h.app.db("monitor_sessions").where({ id }).first();
  }

  async function viaApi(mode: "listen" | "whisper"): Promise<void> {
    const { live, done } = await conversation(22_000);
    const phone = supervisorPhone();
    const client = await ControlClient.connect(h.config.state.dir);
    const info = (await client.request("POST", "/operators/ana/monitor", { mode, to: "sup-eva" })) as MonitorInfo;
    expect(info).toMatchObject({ operator: "ana", supervisor: "eva", mode, endpoint: "sup-eva", callId: live.callId });
    // The snoop channel on Ana's leg and the supervisor's phone share a bridge of their own; the
    // conversation's bridge still holds only the caller and Ana.
    const monitorBridge = await h.app.resources.bridges.get(`monitor-${info.id}`);
    expect(monitorBridge.channels).toHaveLength(2);
    expect(monitorBridge.channels).toContain(`snoop-${info.id}`);
    const talk = await h.app.resources.bridges.get(live.conversation.bridgeId);
    expect([...talk.channels].sort()).toEqual([live.callId, live.conversation.leg.id].sort());
    expect(h.events.some((e) => e.type === "StasisStart" && e.channel.id === `snoop-${info.id}`)).toBe(true);
    expect(((await client.request("GET", "/monitor")) as MonitorInfo[]).map((s) => s.id)).toEqual([info.id]);
    const running = await sessionRow(info.id);
    expect(running).toMatchObject({ call_id: live.callId, operator: "ana", supervisor: "eva", mode, ended_at: null });
    // The caller hangs up: the supervisor's phone is hung up too (SIPp got its BYE) and the row is closed.
    const [ana, caller] = await done;
    expectSippOk(ana);
    expectSippOk(caller);
    expectSippOk(await phone);
    const row = await eventually(async () => {
      const r = await sessionRow(info.id);
      return r?.ended_at ? r : undefined;
    });
    expect(row.end_reason).toBe("call-ended");
    expect(h.app.room.monitor.list()).toEqual([]);
  }

  it("listen: the control API rings the supervisor's phone into a snoop of Ana's leg; ends with the call", async () => {
    await viaApi("listen");
  });

  it("whisper: the same through a snoop that whispers to Ana's leg only", async () => {
    await viaApi("whisper");
  });

  it("barge from the supervisor's desk phone (*63101): her call joins the conversation's bridge", async () => {
    const { live, done } = await conversation(22_000);
    const password = h.instance.spec.operators.find((o) => o.endpoint === "sup-eva")?.password ?? "";
    const line = codeLine++;
    const phone = runSipp({
      scenario: featureCodeScenario({ code: "*63101", endpoint: "sup-eva", password, byeTimeoutMs: 40_000 }),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(line),
      mediaPort: h.ports.media(3),
      timeoutSeconds: 60,
    });
    const session = await eventually(() => h.app.room.monitor.list()[0]);
    expect(session).toMatchObject({ operator: "ana", supervisor: "eva", mode: "barge", callId: live.callId });
    const talk = await h.app.resources.bridges.get(live.conversation.bridgeId);
    expect(talk.channels).toHaveLength(3);
    const [ana, caller] = await done;
    expectSippOk(ana);
    expectSippOk(caller);
    expectSippOk(await phone);
    const row = await eventually(async () => {
      const r = await sessionRow(session.id);
      return r?.ended_at ? r : undefined;
    });
    expect(row).toMatchObject({ mode: "barge", supervisor: "eva", end_reason: "call-ended" });
  });

  it("only a supervisor's phone may monitor; an operator who is not on a call is said so", async () => {
    const dial = async (code: string, endpoint: string) => {
      const password = h.instance.spec.operators.find((o) => o.endpoint === endpoint)?.password ?? "";
      const from = h.events.length;
      const line = codeLine++;
      expectSippOk(
        await runSipp({
          scenario: featureCodeScenario({ code, endpoint, password }),
          target: `127.0.0.1:${h.ports.sip}`,
          port: h.ports.sipp(line),
          mediaPort: h.ports.media(4),
          timeoutSeconds: 40,
        }),
      );
      return eventually(() => {
        const played = h.events
          .slice(from)
          .flatMap((e) => (e.type === "PlaybackStarted" ? [e.playback.media_uri] : []));
        return played.length > 0 && played;
      });
    };
    expect(await dial("*61101", "op-ana")).toEqual(["sound:hotline/agent-not-supervisor"]);
    expect(await dial("*61101", "sup-eva")).toEqual(["sound:hotline/agent-not-on-call"]);
    expect(await dial("*61999", "sup-eva")).toEqual(["sound:hotline/agent-invalid-code"]);
    // The CLI says the same through the control API.
    const config = join(h.dir, "hotline.yaml");
    const refused = await hotlineCli(["monitor", "ana", "--listen", "--to", "sup-eva", "-c", config], h.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ana is not on a call");
    const list = await hotlineCli(["monitor", "--list", "-c", config], h.dir);
    expect(list.stdout.trim()).toBe("no monitoring in progress");
    await h.app.records.flush();
    // Refused codes leave no session: only the three above.
    expect(await h.app.db("monitor_sessions")).toHaveLength(3);
  });
});
