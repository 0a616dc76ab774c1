import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AcdQueues } from "../../../src/calls/queue/acd-queues.ts";
import type { QueueOutcome } from "../../../src/calls/queue/queues.ts";
import { silentLogger } from "../../../src/logger.ts";
import { eventually } from "../../support/app.ts";
import { FakeAsterisk } from "../../support/fake-asterisk.ts";
import { type JourneyHarness, journeyHarness } from "../../support/journey.ts";

// Equal skills, linear strategy: Ana is rung first, then Ben; rings of 5 s, no wrap-up, no announcements.
const YAML = `organization: { name: Test College, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
numbers:
  - { did: "+34910000001", hotline: main }
topics:
  general: { name: { en: General, es: General }, competence: general }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en], competences: { general: 5 } }
  ben: { name: Ben, endpoint: op-ben, languages: [en], competences: { general: 5 } }
hotlines:
  main:
    languageChoice: false
    greeting: { en: "Hello.", es: "Hola." }
    queue: { maxWait: 20, maxLength: 5, announceEvery: 0, ringTimeout: 5, strategy: linear, wrapUp: 0 }
`;

const NOW = new Date("2026-12-02T09:00:00Z");
const REQUEST = { hotline: "main", topic: "general", language: "en" };

describe("the ACD adapter on a fake Asterisk (the real hub, engine and records)", () => {
  let h: JourneyHarness;
  let asterisk: FakeAsterisk;
  let acd: AcdQueues;
  let n = 0;

  beforeEach(async () => {
    h = await journeyHarness(YAML, NOW);
    asterisk = new FakeAsterisk();
    acd = queuesFor(h);
  });
  afterEach(async () => {
    await acd?.close();
    await h.close();
  });

  function queuesFor(harness: JourneyHarness): AcdQueues {
    const config = () => harness.config;
    return new AcdQueues({
      hub: asterisk.hub,
      records: harness.records,
      logger: silentLogger,
      app: "hotline-test",
      config,
    });
  }

  /** A caller in the app, with their session, waiting for an operator. */
  function caller() {
    const id = `caller-${++n}`;
    asterisk.caller(id);
    const session = h.session(asterisk.hub.channel(id), { queues: acd, hub: asterisk.hub });
    session.setTopic("general");
    const waited = acd.enter(session, REQUEST);
    // A test that ends while the caller still waits closes the queues under them: that is no failure.
    waited.catch(() => undefined);
    return { id, session, waited };
  }

  const state = (operator: string) => acd.statuses().find((s) => s.operator === operator)?.state;
  const operatorLeg = () => [...asterisk.channels.keys()].find((id) => id.startsWith("operator-"));

  it("operators without roster or PIN are logged in once their desk phones are reachable", async () => {
    asterisk.phone("op-ana");
    await acd.start([]);
    expect(state("ana")).toBe("available");
    expect(state("ben")).toBe("logged-out");
  });

  it("the first operator in line is rung and answers: whispered the topic, introduced, bridged, then free again", async () => {
    asterisk.phone("op-ana");
    asterisk.phone("op-ben");
    await acd.start([]);
    const { id, waited } = caller();
    const connected = (await waited) as Extract<QueueOutcome, { kind: "connected" }>;
    expect(connected).toMatchObject({ kind: "connected", operator: "ana" });
    expect(asterisk.rung).toEqual(["op-ana"]);
    const leg = await eventually(operatorLeg);
    expect(asterisk.played.get(leg)).toEqual(["sound:hotline/topic-general"]);
    expect(asterisk.played.get(id)).toContain("sound:hotline/speaking-with-ana");
    const [talk] = asterisk.bridgesOfType("mixing");
    expect(talk && asterisk.inBridge(talk.id).sort()).toEqual([id, leg].sort());
    expect(state("ana")).toBe("on-call");

    asterisk.hangUp(leg);
    expect(await connected.ended).toBe("operator");
    await eventually(() => state("ana") === "available");
    expect(asterisk.bridgesOfType("mixing")).toEqual([]);
    await h.records.flush();
    const events = await h.db("queue_events").where({ call_id: id }).orderBy("at").select("event");
    expect(events.map((e) => e.event)).toEqual(["enter", "answer", "complete"]);
    expect(await h.db("operator_attempts").where({ call_id: id }).select("operator", "result")).toEqual([
      { operator: "ana", result: "answered" },
    ]);
  });

  it("a phone that rings out moves the caller on to the next operator; the miss is recorded", async () => {
    asterisk.phone("op-ana", "no-answer");
    asterisk.phone("op-ben");
    await acd.start([]);
    const { id, waited } = caller();
    expect(await waited).toMatchObject({ kind: "connected", operator: "ben" });
    expect(asterisk.rung).toEqual(["op-ana", "op-ben"]);
    await h.records.flush();
    const attempts = await h.db("operator_attempts").where({ call_id: id }).orderBy("started_at");
    // Ben's ring is still a conversation: answered, its result written when it ends.
    expect(attempts.map((a) => [a.operator, a.result, a.answered_at !== null])).toEqual([
      ["ana", "no-answer", false],
      ["ben", null, true],
    ]);
  });

  it("a caller who hangs up while a phone rings: the ring stops, is recorded caller-gone, the operator is free", async () => {
    asterisk.phone("op-ana", "ring");
    await acd.start([]);
    const { id, waited } = caller();
    const leg = await eventually(operatorLeg);
    asterisk.hangUp(id);
    await expect(waited).rejects.toThrow(/gone/);
    await eventually(() => !asterisk.channels.has(leg));
    await eventually(() => state("ana") === "available");
    await h.records.flush();
    expect(await h.db("operator_attempts").where({ call_id: id }).select("result")).toEqual([
      { result: "caller-gone" },
    ]);
    const events = await h.db("queue_events").where({ call_id: id }).orderBy("at").select("event");
    expect(events.map((e) => e.event)).toEqual(["enter", "abandon"]);
    // The hotline's holding bridge stays for the next caller, empty.
    expect(asterisk.bridgesOfType("holding").map((b) => b.channels.size)).toEqual([0]);
  });

  it("nobody reachable who could serve: no-operators at once, and the queue says so", async () => {
    await acd.start([]);
    const { id, waited } = caller();
    expect(await waited).toEqual({ kind: "no-operators" });
    await h.records.flush();
    expect(await h.db("queue_events").where({ call_id: id }).select("event")).toEqual([{ event: "no-operators" }]);
  });

  it("a waiting caller is marked on their channel, so a restarted app can put them back in line", async () => {
    asterisk.phone("op-ana", "ring");
    await acd.start([]);
    const { id } = caller();
    const mark = await eventually(() => asterisk.channels.get(id)?.vars.get("HOTLINE_QUEUE"));
    expect(mark).toMatch(/^main\|general\|en\|/);
  });

  /** The same room with other queue settings. */
  async function withQueue(settings: string): Promise<void> {
    await acd.close();
    await h.close();
    h = await journeyHarness(YAML.replace("wrapUp: 0 }", `wrapUp: 0, ${settings} }`), NOW);
    acd = queuesFor(h);
  }

  it("with whisper and introduction off the caller is bridged the moment the operator answers, hearing nothing", async () => {
    await withQueue("whisper: false, introduce: false");
    asterisk.phone("op-ana");
    await acd.start([]);
    const { id, waited } = caller();
    expect(await waited).toMatchObject({ kind: "connected", operator: "ana" });
    const leg = await eventually(operatorLeg);
    expect(asterisk.played.get(leg)).toBeUndefined();
    expect(asterisk.played.get(id) ?? []).not.toContain("sound:hotline/speaking-with-ana");
    const [talk] = asterisk.bridgesOfType("mixing");
    expect(talk && asterisk.inBridge(talk.id).sort()).toEqual([id, leg].sort());
  });

  it("an operator who hangs up during the whisper missed the caller; after maxOffers offers the caller overflows", async () => {
    await withQueue("maxOffers: 3, maxMissed: 2, retryAfter: 0");
    asterisk.phone("op-ana", "drop");
    asterisk.phone("op-ben", "drop");
    await acd.start([]);
    const { id, waited } = caller();
    expect(await waited).toMatchObject({ kind: "timeout", offers: 3 });
    await h.records.flush();
    const attempts = await h.db("operator_attempts").where({ call_id: id }).orderBy("started_at").select("result");
    expect(attempts.map((a) => a.result)).toEqual(["rejected", "rejected", "rejected"]);
    const events = await h.db("queue_events").where({ call_id: id }).orderBy("at").select("event", "detail");
    expect(events).toEqual([
      { event: "enter", detail: null },
      { event: "overflow", detail: "offers" },
    ]);
    // Two misses in a row pause the operator, as for a phone nobody picks up.
    await eventually(() => state("ana") === "paused");
  });

  it("rings Asterisk cannot place are nobody's miss, and matching backs off instead of hammering it", async () => {
    await withQueue("maxOffers: 50, maxMissed: 1, retryAfter: 0");
    asterisk.phone("op-ana", "fail");
    await acd.start([]);
    const { id } = caller();
    await new Promise((r) => setTimeout(r, 1500));
    await h.records.flush();
    const attempts = await h.db("operator_attempts").where({ call_id: id }).select("result");
    // Three at once, then 250, 500 ms… apart: a handful in 1.5 s, not one per event-loop turn.
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts.length).toBeLessThanOrEqual(6);
    expect(new Set(attempts.map((a) => a.result))).toEqual(new Set(["failed"]));
    expect(state("ana")).toBe("available");
  });
});
