import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeChannel } from "../../support/fake-channel.ts";
import { connected, type JourneyHarness, journeyHarness, ScriptedQueues } from "../../support/journey.ts";

const YAML = `organization: { name: Test College, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
numbers:
  - { did: "+34910000001", hotline: main }
topics:
  general: { name: { en: General, es: General }, competence: general }
  grants: { name: { en: Grants, es: Becas }, competence: general, sensitive: true }
  exams: { name: { en: Exams, es: Exámenes }, competence: general, record: always }
  fees: { name: { en: Fees, es: Tasas }, competence: general, record: announce }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 } }
hotlines:
  main:
    languageChoice: false
    greeting: { en: "Hello.", es: "Hola." }
    menu:
      timeout: 2
      retries: 0
      default: general
      options: { "1": { topic: general }, "2": { topic: grants }, "3": { topic: exams }, "4": { topic: fees } }
`;

const sound = (file: string) => `sound:hotline/${file}`;
let h: JourneyHarness;
beforeAll(async () => {
  h = await journeyHarness(YAML, new Date("2026-12-02T09:00:00Z"));
});
afterAll(async () => {
  await h?.close();
});

describe("the recording notice in the journey", () => {
  async function heard(key: string): Promise<string[]> {
    const caller = new FakeChannel(`rn-${key}`).when(sound("menu-main")).press(key);
    const queues = new ScriptedQueues({ main: [connected("ana", "caller")] });
    const { outcome } = await h.call(caller, { queues });
    expect(outcome).toMatchObject({ kind: "answered", operator: "ana" });
    return caller.played;
  }

  it("is said after the topic is chosen and before the queue, for sensitive and announce topics", async () => {
    for (const key of ["2", "4"]) {
      const played = await heard(key);
      expect(played).toContain(sound("call-recorded"));
      expect(played.indexOf(sound("call-recorded"))).toBeGreaterThan(played.indexOf(sound("menu-main")));
    }
  });

  it("is not said for topics never recorded or recorded without a notice", async () => {
    for (const key of ["1", "3"]) expect(await heard(key)).not.toContain(sound("call-recorded"));
  });
});
