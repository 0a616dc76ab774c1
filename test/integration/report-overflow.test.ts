import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWeek } from "../../src/analysis/load.ts";
import { renderJson } from "../../src/analysis/render/json.ts";
import { buildReport } from "../../src/analysis/report.ts";
import { settingsFromConfig } from "../../src/analysis/settings.ts";
import { weekContaining } from "../../src/analysis/week.ts";
import { runChecked } from "../../src/asterisk/sandbox/exec.ts";
import { type CallerAction, callerScenario, deskPhoneScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import {
  callAndRecord,
  generalQueueHotline,
  startTestHotline,
  type TestHotline,
  testConfigYaml,
} from "../support/app.ts";
import type { TestPorts } from "../support/sandbox.ts";

/** A short wait limit; Ana's phone rings longer than that, so every caller overflows on the timeout. */
const QUEUE = "{ maxWait: 3, maxLength: 5, announceEvery: 0, ringTimeout: 10, maxMissed: 0, wrapUp: 0 }";

function hotline(overflow: string): string {
  return generalQueueHotline(QUEUE, `    overflow: { action: ${overflow} }`);
}

/** "main" (the English number) overflows to voicemail, "evening" (the Spanish number) to a callback request. */
function yaml(ports: TestPorts): string {
  const extra = `topics:
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 }, contact: "sip:op-ana@127.0.0.1:${ports.sipp(10)}" }
`;
  const text = testConfigYaml(ports, extra, `${hotline("voicemail")}\n  evening:\n${hotline("callback")}`);
  const spanish = "hotline: main, campaign: radio, language: es }";
  if (!text.includes(spanish)) throw new Error("the test configuration's Spanish number changed");
  return text.replace(spanish, "hotline: evening, campaign: radio, language: es }");
}

describe("the live app's overflows in the weekly report (real Asterisk + SIPp)", () => {
  let h: TestHotline;

  beforeAll(async () => {
    h = await startTestHotline({ yaml });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const call = (did: string, line: number, media: number, actions: CallerAction[], voice?: string) =>
    callAndRecord(h, {
      did,
      caller: `61300${did.slice(-4)}`,
      scenario: callerScenario(actions, voice ? { voice } : {}),
      line,
      media,
    });

  it("keys a message left and a callback requested after the queue's wait limit as voicemail and callback", async () => {
    const voice = join(h.dir, "voice.ul");
    await runChecked("sox", ["-n", "-r", "8000", "-c", "1", "-t", "ul", voice, "synth", "2", "sine", "300-500"]);
    // Ana's phone rings for the first caller and never answers; the ring stops when that caller overflows.
    const ana = runSipp({
      scenario: deskPhoneScenario({ ringMs: 0, action: "no-answer" }),
      port: h.ports.sipp(10),
      mediaPort: h.ports.media(1),
      timeoutSeconds: 30,
    });
    // Both callers at once: topic 1 typed ahead, queued at ≈3.5 s, overflowed at ≈6.5 s.
    const [message, callback] = await Promise.all([
      // Voicemail: the beep at ≈10 s, then talking until hanging up.
      call("+34910000001", 0, 0, [{ wait: 1000 }, { press: "1" }, { wait: 16_000 }, { hangup: true }], voice),
      // Callback: the number typed over the prompt, heard back, confirmed with 1.
      call("+34910000002", 1, 3, [
        { wait: 1000 },
        { press: "1" },
        { wait: 9000 },
        { press: "600111222#" },
        { wait: 2500 },
        { press: "1" },
        { expectHangup: 20_000 },
      ]),
    ]);
    await ana;

    expect(message).toMatchObject({
      hotline: "main",
      outcome: "voicemail",
      outcome_reason: "timeout",
      outcome_to: "voicemail",
      outcome_result: null,
      outcome_detail: "overflowed to voicemail (timeout): message left",
    });
    expect(callback).toMatchObject({
      hotline: "evening",
      outcome: "callback",
      outcome_reason: "timeout",
      outcome_to: "callback",
      outcome_detail: "overflowed to a callback request (timeout): callback requested",
    });
    expect(await h.app.db("voicemails").where({ call_id: message.id, reason: "overflow" })).toHaveLength(1);
    expect(await h.app.db("callbacks").where({ call_id: callback.id, number: "600111222" })).toHaveLength(1);

    const week = weekContaining(new Date(), h.config.organization.timezone);
    const data = await loadWeek(h.app.db, week);
    const report = buildReport(data, settingsFromConfig(h.config), h.config.organization.name, new Date());
    const json = JSON.parse(renderJson(report));
    expect(json.analysis.overflow).toMatchObject({ calls: 2, toOutside: 0 });
    expect(json.analysis.overflow.byTarget).toEqual([
      { target: "callback", calls: 1 },
      { target: "voicemail", calls: 1 },
    ]);
    expect(json.analysis.summary).toMatchObject({ offered: 2, overflowed: 2, answered: 0, abandoned: 0 });
  }, 60_000);
});
