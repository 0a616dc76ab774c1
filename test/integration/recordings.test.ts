import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerScenario, deskPhoneScenario, featureCodeScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { expectSippOk } from "../support/calls.ts";
import { hotlineCli } from "../support/run.ts";
import type { TestPorts } from "../support/sandbox.ts";

const QUEUE = "{ maxWait: 60, announceEvery: 0, ringTimeout: 10, widenAfter: 0, wrapUp: 5 }";
const ANA = 10;

/** Menu 1: a topic recorded with a notice; 2: one never recorded. */
function yaml(ports: TestPorts): string {
  const hotline = `    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    menu:
      timeout: 3
      retries: 0
      default: general
      options:
        "1": { topic: grants }
        "2": { topic: general }
    queue: ${QUEUE}`;
  return testConfigYaml(
    ports,
    `topics:
  grants: { name: { en: Grants, es: Becas }, competence: general, sensitive: true }
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en], competences: { general: 2 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(ANA)}" }
recordings: { dir: ./recordings, retentionDays: 30 }
`,
    hotline,
  );
}

describe("recordings and dispositions (real Asterisk + SIPp caller and operator)", () => {
  let h: TestHotline;
  let n = 0;
  let audio: string;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
    await eventually(() => h.app.acd.statuses().every((s) => s.state === "available"));
    audio = join(h.dir, "voice.ul");
    const sox = spawnSync("sox", [
      "-n",
      "-r",
      "8000",
      "-c",
      "1",
      "-e",
      "u-law",
      "-t",
      "raw",
      audio,
      "synth",
      "20",
      "sine",
      "440",
    ]);
    if (sox.status !== 0) throw new Error(`sox: ${sox.stderr.toString()}`);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A caller who talks (a tone) chooses `press`, talks to Ana for a few seconds and hangs up. */
  async function talk(press: string): Promise<CallRow> {
    const caller = `61500${String(++n).padStart(4, "0")}`;
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 200, action: "answer", byeTimeoutMs: 60_000 }),
      port: h.ports.sipp(ANA),
      mediaPort: h.ports.media(1),
      timeoutSeconds: 60,
    });
    const call = await runSipp({
      scenario: callerScenario([{ wait: 1500 }, { press }, { wait: 12_000 }, { hangup: true }], { voice: audio }),
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: "+34910000001",
      keys: { caller },
      timeoutSeconds: 60,
    });
    expectSippOk(call);
    expectSippOk(await ana);
    return eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: caller }).first();
      return row?.ended_at ? row : undefined;
    });
  }

  const recordingsOf = async (callId: string) => {
    await h.app.records.flush();
    return h.app.db("recordings").where({ call_id: callId });
  };

  let recorded: CallRow;

  it("a sensitive topic: the caller hears the notice, both sides are recorded into recordings.dir (0600, folder 0700)", async () => {
    recorded = await talk("1");
    expect(recorded).toMatchObject({ topic: "grants", outcome: "answered", answered_by: "ana" });
    const played = h.events.flatMap((e) =>
      e.type === "PlaybackStarted" && e.playback.target_uri === `channel:${recorded.id}` ? [e.playback.media_uri] : [],
    );
    expect(played).toContain("sound:hotline/call-recorded");
    // The notice comes before the caller is put through (the operator's name is said on answer).
    expect(played.indexOf("sound:hotline/call-recorded")).toBeLessThan(
      played.indexOf("sound:hotline/speaking-with-ana"),
    );
    const row = await eventually(async () => (await recordingsOf(recorded.id)).find((r) => r.path));
    expect(row).toMatchObject({ operator: "ana", topic: "grants", purged_at: null });
    expect(row.path.startsWith(join(h.dir, "recordings"))).toBe(true);
    const file = statSync(row.path);
    expect(file.size).toBeGreaterThan(10_000); // seconds of 8 kHz audio, not just a header
    expect(Number(row.bytes)).toBe(file.size);
    expect(file.mode & 0o777).toBe(0o600);
    expect(statSync(join(h.dir, "recordings")).mode & 0o777).toBe(0o700);
    const days = (new Date(row.purge_after).getTime() - new Date(row.ended_at).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    // Asterisk's own copy is gone from its spool.
    const spooled = join(h.dir, "asterisk", "spool", "recording", `${row.id}.wav`);
    expect(() => statSync(spooled)).toThrow();
  });

  it("a disposition dialled after the call (*51) lands on the call's record", async () => {
    const password = h.instance.spec.operators.find((o) => o.endpoint === "op-ana")?.password ?? "";
    const from = h.events.length;
    expectSippOk(
      await runSipp({
        scenario: featureCodeScenario({ code: "*51", endpoint: "op-ana", password }),
        target: `127.0.0.1:${h.ports.sip}`,
        port: h.ports.sipp(20),
        mediaPort: h.ports.media(3),
        timeoutSeconds: 40,
      }),
    );
    const played = await eventually(() => {
      const found = h.events.slice(from).flatMap((e) => (e.type === "PlaybackStarted" ? [e.playback.media_uri] : []));
      return found.length > 0 && found;
    });
    expect(played).toEqual(["sound:hotline/agent-disposition-saved"]);
    await h.app.records.flush();
    const row = await h.app.db("calls").where({ id: recorded.id }).first();
    expect(row).toMatchObject({ disposition: "resolved", disposition_by: "ana" });
    expect(row.disposition_at).not.toBeNull();
  });

  it("a topic that is never recorded leaves no recording; the API corrects a disposition, with notes", async () => {
    const plain = await talk("2");
    expect(plain.topic).toBe("general");
    await h.app.records.flush();
    expect(await recordingsOf(plain.id)).toEqual([]);
    const outcome = await h.app.room.dispositions.disposeCall(plain.id, "complaint", "asked for the dean");
    expect(outcome).toEqual({ ok: true, callId: plain.id, disposition: "complaint" });
    await h.app.records.flush();
    expect(await h.app.db("calls").where({ id: plain.id }).first()).toMatchObject({
      disposition: "complaint",
      disposition_by: "ana",
      notes: "asked for the dean",
    });
  });

  it("retention: a recording past its date is deleted (file gone, row marked); `hotline recordings` lists and purges", async () => {
    const [row] = await recordingsOf(recorded.id);
    const list = await hotlineCli(["recordings", "list", "-c", join(h.dir, "hotline.yaml"), "--json"], h.dir);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((r) => r.id)).toEqual([row.id]);
    const path = await hotlineCli(["recordings", "play", row.id, "--path", "-c", join(h.dir, "hotline.yaml")], h.dir);
    expect(path.stdout.trim()).toBe(row.path);
    // Nothing is due yet.
    expect(await h.app.room.purgeRecordings()).toEqual({ files: 0, bytes: 0 });
    await h.app
      .db("recordings")
      .where({ id: row.id })
      .update({ purge_after: new Date(Date.now() - 1000).toISOString() });
    const purged = await hotlineCli(["recordings", "purge", "-c", join(h.dir, "hotline.yaml")], h.dir);
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.stdout).toContain("1 recording deleted");
    expect(() => statSync(row.path)).toThrow();
    const after = await h.app.db("recordings").where({ id: row.id }).first();
    expect(after.purged_at).not.toBeNull();
  });
});
