import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextOpeningSpeech } from "../../src/calls/speech.ts";
import { type CallerAction, callerScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";
import { hotlineCli } from "../support/run.ts";

const ZONE = "Europe/Madrid";

/**
 * Two hotlines closed by a manual override until 09:00 the day after tomorrow: "main" (the English
 * number) takes voicemail, "evening" (the Spanish number) takes callback requests.
 */
const mainHotline = `    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    closed: { action: voicemail }
  evening:
    languageChoice: false
    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    closed: { action: callback }`;

/** The caller "talks": SIPp streams a tone (raw µ-law, payload 0) from right after the ACK. */
function talkingCaller(actions: CallerAction[], audio: string): string {
  const xml = callerScenario(actions);
  const ack = xml.indexOf("CSeq: 1 ACK");
  const afterAck = xml.indexOf("</send>", ack) + "</send>".length;
  const stream = `\n  <nop><action><exec rtp_stream="${audio},-1,0"/></action></nop>`;
  return xml.slice(0, afterAck) + stream + xml.slice(afterAck);
}

describe("closed hours: announcement, voicemail and callback (real Asterisk + SIPp)", () => {
  let h: TestHotline;
  let until: Date;
  let audio: string;
  let n = 0;

  beforeAll(async () => {
    h = await startTestHotline({
      yaml: (ports) => {
        // The Spanish number leads to the callback hotline.
        const yaml = testConfigYaml(ports, "", mainHotline);
        const spanish = "hotline: main, campaign: radio, language: es }";
        if (!yaml.includes(spanish)) throw new Error("the test configuration's Spanish number changed");
        return yaml.replace(spanish, "hotline: evening, campaign: radio, language: es }");
      },
    });
    // Closed by hand until 09:00 (Madrid) the day after tomorrow: the next opening is known.
    until = DateTime.now()
      .setZone(ZONE)
      .plus({ days: 2 })
      .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
    await mkdir(join(h.dir, "state"), { recursive: true });
    await writeFile(
      join(h.dir, "state", "schedule-overrides.json"),
      JSON.stringify({
        version: 1,
        overrides: {
          "*": { state: "closed", until: until.toISOString(), reason: "test", setAt: new Date().toISOString() },
        },
      }),
    );
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

  async function call(did: string, scenario: string): Promise<CallRow> {
    const caller = `61200${String(++n).padStart(4, "0")}`;
    const result = await runSipp({
      scenario,
      target: `127.0.0.1:${h.ports.sip}`,
      port: h.ports.sipp(0),
      mediaPort: h.ports.media(0),
      service: did,
      keys: { caller },
    });
    expect(result.errors || "", result.stdout.slice(-1500)).toBe("");
    expect(result.successful).toBe(1);
    return eventually(async () => {
      const row = await h.app.db<CallRow>("calls").where({ caller_number: caller }).first();
      return row?.ended_at ? row : undefined;
    });
  }

  const played = (callId: string) =>
    h.events
      .filter((e) => e.type === "PlaybackStarted" && e.playback.target_uri === `channel:${callId}`)
      .flatMap((e) => (e.type === "PlaybackStarted" ? (e.playback.media_uri.split(",") as string[]) : []));

  it("closed → 'we open <day> at 9' → a message left by hanging up → kept, listed, played by the CLI", async () => {
    const row = await call("+34910000001", talkingCaller([{ wait: 21_000 }, { hangup: true }], audio));
    const media = played(row.id);
    // closed, we-open and the day/time in one request, in order, as the hotline's zone computes it.
    const spoken = nextOpeningSpeech(until, new Date(row.started_at), ZONE, "en");
    const from = media.indexOf("sound:hotline/closed-main");
    expect(from).toBeGreaterThanOrEqual(0);
    expect(media.slice(from, from + 2 + spoken.length)).toEqual([
      "sound:hotline/closed-main",
      "sound:hotline/we-open-main",
      ...spoken,
    ]);
    expect(spoken).toContain("sound:digits/at");
    expect(spoken).toContain("number:9");
    expect(media).toContain("sound:hotline/voicemail-main");
    expect(media).not.toContain("sound:hotline/voicemail-saved-main"); // the caller had hung up

    expect(row).toMatchObject({ outcome: "voicemail", schedule_rule: expect.stringContaining("override") });
    expect(row.outcome_detail).toBe("closed: message left");
    const message = await eventually(() => h.app.db("voicemails").where({ call_id: row.id }).first());
    expect(message).toMatchObject({
      hotline: "main",
      language: "en",
      reason: "closed",
      caller_number: row.caller_number,
    });
    expect(message.duration_seconds).toBeGreaterThan(1);
    const spooled = join(h.dir, "asterisk", "spool", "recording", `${message.recording}.wav`);
    expect(existsSync(spooled)).toBe(true);

    // The operator's view: listed as new, saved to a WAV file, then no longer new.
    const config = join(h.dir, "hotline.yaml");
    const list = await hotlineCli(["voicemail", "list", "--config", config, "--json"], h.dir);
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as { id: string; reason: string; heard_at: string | null }[];
    expect(listed.find((m) => m.id === message.id)).toMatchObject({ reason: "closed", heard_at: null });
    const out = join(h.dir, "heard", "message.wav");
    const play = await hotlineCli(["voicemail", "play", message.id, "--out", out, "--config", config], h.dir);
    expect(play.code, play.stderr).toBe(0);
    expect((await readFile(out)).subarray(0, 4).toString()).toBe("RIFF");
    const after = await hotlineCli(["voicemail", "list", "--config", config, "--json"], h.dir);
    expect((JSON.parse(after.stdout) as { id: string }[]).map((m) => m.id)).not.toContain(message.id);
  }, 90_000);

  it("a caller who ends the message with # hears it was saved, then goodbye", async () => {
    const row = await call(
      "+34910000001",
      talkingCaller([{ wait: 20_000 }, { press: "#" }, { expectHangup: 15_000 }], audio),
    );
    const media = played(row.id);
    const saved = media.indexOf("sound:hotline/voicemail-saved-main");
    expect(saved).toBeGreaterThan(media.indexOf("sound:hotline/voicemail-main"));
    expect(media.indexOf("sound:hotline/goodbye-main")).toBeGreaterThan(saved);
    expect(row).toMatchObject({ outcome: "voicemail", outcome_detail: "closed: message left" });
    const message = await eventually(() => h.app.db("voicemails").where({ call_id: row.id }).first());
    expect(message.duration_seconds).toBeGreaterThan(1);
  }, 60_000);

  it("a caller who hangs up during the announcement leaves no message; the call stays 'closed'", async () => {
    // Greeting ~3.3 s, then the closed announcement: the caller hangs up in the middle of it.
    const row = await call("+34910000001", callerScenario([{ wait: 6000 }, { hangup: true }]));
    expect(row.outcome).toBe("closed");
    expect(row.schedule_rule).toContain("override");
    expect(await h.app.db("voicemails").where({ call_id: row.id })).toEqual([]);
  });

  it("closed with callback: the caller enters 600111222#, hears it read back, confirms with 1", async () => {
    const row = await call(
      "+34910000002",
      callerScenario([
        { wait: 14_000 },
        { press: "600111222#" },
        { wait: 2500 },
        { press: "1" },
        { expectHangup: 20_000 },
      ]),
    );
    const media = played(row.id);
    expect(media).toContain("sound:hotline/closed-evening");
    expect(media).toContain("sound:digits/es-el"); // "el <weekday>" in Spanish
    expect(media).toContain("sound:hotline/callback-evening");
    expect(media).toContain("digits:600111222");
    expect(media).toContain("sound:hotline/callback-saved-evening");
    // "1" pressed during the read-back answers the confirmation without it being asked.
    expect(media).not.toContain("sound:hotline/callback-confirm-evening");
    expect(row).toMatchObject({ outcome: "callback", outcome_detail: "closed: callback requested", language: "es" });
    const request = await eventually(() => h.app.db("callbacks").where({ call_id: row.id }).first());
    expect(request).toMatchObject({ number: "600111222", hotline: "evening", language: "es", reason: "closed" });

    const config = join(h.dir, "hotline.yaml");
    const list = await hotlineCli(["callbacks", "list", "--config", config, "--json"], h.dir);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual(
      expect.objectContaining({ id: request.id, number: "600111222", caller_number: row.caller_number }),
    );
    const done = await hotlineCli(["callbacks", "done", request.id, "--config", config], h.dir);
    expect(done.code, done.stderr).toBe(0);
    expect((await h.app.db("callbacks").where({ id: request.id }).first()).done_at).toBeTruthy();
  }, 90_000);
});
