import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HandoverEnd } from "../../../src/calls/queue/conversation.ts";
import type { QueueOutcome } from "../../../src/calls/queue/queues.ts";
import { FakeChannel } from "../../support/fake-channel.ts";
import { connected, type JourneyHarness, journeyHarness, ScriptedQueues } from "../../support/journey.ts";

const YAML = `organization: { name: Test College, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
trunks:
  - { name: test-trunk, match: ["127.0.0.1:5070"], channels: 2 }
numbers:
  - { did: "+34910000001", hotline: main }
topics:
  general: { name: { en: General, es: General }, competence: general }
  grants: { name: { en: Grants, es: Becas }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en, es], competences: { general: 3 } }
directory:
  ruiz: { name: Dr Ruiz, code: "11", endpoint: desk-ruiz }
hotlines:
  main:
    languageChoice: false
    greeting: { en: "Hello.", es: "Hola." }
    menu: { timeout: 1, retries: 0, default: general, options: { "1": { topic: general } } }
  grants:
    languageChoice: false
    greeting: { en: "Grants.", es: "Becas." }
`;
const NOW = new Date("2026-12-02T09:00:00Z");
const ARRIVED = new Date("2026-12-02T08:58:00Z");

/** Ana answers, then passes the caller on: the conversation ends "transferred", and `next` is what came of it. */
function transferred(next: HandoverEnd): QueueOutcome {
  return {
    kind: "connected",
    operator: "ana",
    waitedSeconds: 5,
    ended: Promise.resolve("transferred"),
    handover: () => Promise.resolve(next),
  };
}

let h: JourneyHarness;
beforeAll(async () => {
  h = await journeyHarness(YAML, NOW);
});
afterAll(async () => {
  await h?.close();
});

describe("the journey after an operator's transfer", () => {
  it("the target took the caller: the outcome is transferred, with who, to whom and how", async () => {
    const queues = new ScriptedQueues({
      main: [transferred({ kind: "talked", operator: "ana", to: "ruiz", transfer: "attended", endedBy: "caller" })],
    });
    const { outcome, row } = await h.call(new FakeChannel("t1"), { queues });
    expect(outcome).toEqual({ kind: "transferred", operator: "ana", to: "ruiz", transfer: "attended" });
    expect(row).toMatchObject({ outcome: "transferred", outcome_to: "ruiz", outcome_result: "attended" });
  });

  it("nobody took them: the caller waits again in their queue with their original arrival, and is served", async () => {
    const queues = new ScriptedQueues({
      main: [
        transferred({ kind: "queue", hotline: "main", topic: "general", arrivedAt: ARRIVED }),
        connected("ana", "caller"),
      ],
    });
    const { outcome } = await h.call(new FakeChannel("t2"), { queues });
    expect(queues.requests).toEqual([
      { hotline: "main", topic: "general", language: "en" },
      { hotline: "main", topic: "general", language: "en", arrivedAt: ARRIVED },
    ]);
    expect(outcome).toEqual({ kind: "answered", operator: "ana", endedBy: "caller" });
  });

  it("a blind transfer to a queue: the caller waits there for its topic as a new arrival", async () => {
    const queues = new ScriptedQueues({
      main: [transferred({ kind: "queue", hotline: "grants", topic: "grants" })],
      grants: [connected("ana", "caller")],
    });
    const { outcome } = await h.call(new FakeChannel("t3"), { queues });
    expect(queues.requests.at(-1)).toEqual({ hotline: "grants", topic: "grants", language: "en" });
    expect(outcome).toMatchObject({ kind: "answered", operator: "ana", queue: "grants" });
  });

  it("the caller hung up while the target rang: answered by the operator, ended by the caller", async () => {
    const queues = new ScriptedQueues({ main: [transferred({ kind: "gone" })] });
    const { outcome } = await h.call(new FakeChannel("t4"), { queues });
    expect(outcome).toEqual({ kind: "answered", operator: "ana", endedBy: "caller" });
  });
});
