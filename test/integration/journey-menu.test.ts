import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallerAction, callerScenario } from "../../src/demo/scenario.ts";
import { runSipp } from "../../src/demo/sipp.ts";
import type { CallRow } from "../../src/records/call-records.ts";
import { eventually, startTestHotline, type TestHotline, testConfigYaml } from "../support/app.ts";

/** A bilingual hotline with a language choice and a two-level topic menu. */
const hotline = `    greeting:
      en: "Hello, you have reached {organization}."
      es: "Hola, ha llamado a {organization}."
    menu:
      timeout: 2
      retries: 1
      default: general
      options:
        "1": { topic: fees }
        "2":
          menu:
            options:
              "1": { topic: grants }
              "2": { topic: general }
`;
const topics = `topics:
  fees: { name: { en: Fees, es: Tasas }, competence: fees }
  grants: { name: { en: Grants, es: Becas }, competence: grants }
  general: { name: { en: General questions, es: Preguntas generales }, competence: general }
`;

describe("the caller's journey: language and topic menu (real Asterisk + SIPp keys)", () => {
  let h: TestHotline;
  let n = 0;

  beforeAll(async () => {
    h = await startTestHotline({ yaml: (ports) => testConfigYaml(ports, topics, hotline) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function call(did: string, actions: CallerAction[]): Promise<CallRow> {
    const caller = `61100${String(++n).padStart(4, "0")}`;
    const result = await runSipp({
      scenario: callerScenario(actions),
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
      .map((e) => (e.type === "PlaybackStarted" ? `${e.playback.media_uri}@${e.playback.language}` : ""));

  it("a caller on the English number presses 2 for Spanish, then 2 and 1: grants, in Spanish", async () => {
    const row = await call("+34910000001", [
      { wait: 4200 },
      { press: "2" },
      { wait: 300 },
      { press: "21" },
      { expectHangup: 20_000 },
    ]);
    expect(row.language).toBe("es");
    expect(row.topic).toBe("grants");
    expect(row.menu_path).toBe("2>1");
    const media = played(row.id);
    expect(media).toContain("sound:hotline/greeting-main@en");
    // Pressing 2 during the English option stops it, and the Spanish option is not played at all.
    expect(media).toContain("sound:hotline/language-option@en");
    expect(media).not.toContain("sound:hotline/language-option@es");
    expect(media).toContain("sound:hotline/menu-main@es");
    expect(media).toContain("sound:hotline/goodbye-main@es");
  });

  it("an invalid key is told so and asked again; a valid key then counts", async () => {
    const row = await call("+34910000001", [
      { wait: 1500 },
      { press: "1" },
      { wait: 300 },
      { press: "9" },
      { wait: 2500 },
      { press: "1" },
      { expectHangup: 20_000 },
    ]);
    expect(row.language).toBe("en");
    expect(row.topic).toBe("fees");
    expect(row.menu_path).toBe("1");
    expect(played(row.id)).toContain("sound:hotline/invalid-main@en");
  });

  it("silence through every retry takes the menu's default topic", async () => {
    const row = await call("+34910000002", [{ expectHangup: 30_000 }]);
    expect(row.language).toBe("es"); // the radio number's own language, kept when nothing is pressed
    expect(row.topic).toBe("general");
    expect(row.menu_path).toBe("default");
    expect(row.outcome).toBe("completed");
  });
});
