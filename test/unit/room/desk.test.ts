import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/records/ops.ts";
import { type DeskInput, deskView, guidanceFor, rosterToday, topicsOf } from "../../../src/room/desk.ts";
import { ago, local, NOW, roomConfig, status } from "./room-config.ts";

/** topics.fees.guidance set on the parsed configuration. */
function withGuidance(guidance: Record<string, string>, organization = "Test College") {
  const config = roomConfig();
  config.organization.name = organization;
  const fees = config.topics.fees;
  if (fees) fees.guidance = guidance;
  return config;
}

const row = (fields: Row = {}): Row => ({
  id: "c1",
  caller_number: "600111222",
  caller_name: "Eve",
  language: "es",
  topic: "fees",
  menu_path: "1",
  campaign: "radio",
  hotline: "admissions",
  started_at: ago(3).toISOString(),
  queue_entered_at: ago(2.5).toISOString(),
  operator_answered_at: ago(1).toISOString(),
  ...fields,
});

function desk(input: Partial<DeskInput> = {}) {
  return deskView({ config: roomConfig(), now: NOW, operator: "ana", status: undefined, callRow: undefined, ...input });
}

describe("desk: me", () => {
  it("shows my state, since when, the pause reason, what is pending and my calls today", () => {
    const me = desk({
      status: status("ana", "paused", 4, { reason: "break", pending: { kind: "logout" }, callsToday: 7 }),
    }).me;
    expect(me).toMatchObject({
      operator: "ana",
      name: "Ana",
      state: "paused",
      since: ago(4).toISOString(),
      reason: "break",
      pending: { kind: "logout" },
      callsToday: 7,
    });
  });

  it("an operator the ACD does not know yet is logged out", () => {
    expect(desk().me).toMatchObject({ state: "logged-out", since: null, reason: null, pending: null, callsToday: 0 });
  });
});

describe("desk: my roster today (the organization's zone)", () => {
  const config = roomConfig();

  it("lists today's shifts, lunch and breaks, and the next break: lunch at 13:00 when it is 11:00", () => {
    expect(rosterToday(config, "ana", NOW)).toEqual({
      shiftsToday: ["08:00-16:00"],
      lunch: "13:00-13:30",
      breaks: ["10:30-10:45", "15:00-15:10"],
      nextBreak: { from: local("13:00").toISOString(), to: local("13:30").toISOString(), kind: "lunch" },
    });
  });

  it("a break in progress is the next break until it ends", () => {
    expect(rosterToday(config, "ana", local("10:35")).nextBreak).toEqual({
      from: local("10:30").toISOString(),
      to: local("10:45").toISOString(),
      kind: "break",
    });
  });

  it("on a day without a shift (Saturday) there is nothing, and no next break within a day", () => {
    expect(rosterToday(config, "ana", local("11:00", "2026-12-05"))).toEqual({ shiftsToday: [], breaks: [] });
  });

  it("without a roster: nothing planned", () => {
    expect(rosterToday(config, "dan", NOW)).toEqual({ shiftsToday: [], breaks: [] });
  });
});

describe("desk: the caller card", () => {
  it("shows number, name, language, topic (named in the page's language), menu path, campaign and time waited", () => {
    const call = desk({
      status: status("ana", "on-call", 1, { call: { callId: "c1", hotline: "admissions" } }),
      callRow: row(),
      language: "es",
    }).call;
    expect(call).toEqual({
      callId: "c1",
      number: "600111222",
      name: "Eve",
      language: "es",
      topic: "fees",
      topicName: "Tasas",
      menuPath: "1",
      campaign: "radio",
      hotline: "admissions",
      waitedSeconds: 90,
      since: ago(1).toISOString(),
      startedAt: ago(3).toISOString(),
    });
  });

  it("while ringing, the wait runs until now and since is when the ringing began", () => {
    const call = desk({
      status: status("ana", "ringing", 0.25, { call: { callId: "c1", hotline: "admissions" } }),
      callRow: row({ operator_answered_at: null }),
    }).call;
    expect(call).toMatchObject({ waitedSeconds: 150, since: ago(0.25).toISOString(), topicName: "Tasas" });
  });

  it("the caller's number and name are shown harmless: control and bidi characters become visible escapes", () => {
    const call = desk({ callRow: row({ caller_number: "600\n111", caller_name: "\u202Eevil" }) }).call;
    expect(call?.number).toBe("600\\n111");
    expect(call?.name).toBe("\\u202Eevil");
  });

  it("no call ringing or in progress: no card and no guidance", () => {
    expect(desk({ status: status("ana", "available") })).toMatchObject({ call: null, guidance: null });
  });

  it("a call the mirror does not hold yet still gets a card from the ACD's status", () => {
    const call = desk({ status: status("ana", "ringing", 0, { call: { callId: "c9", hotline: "info" } }) }).call;
    expect(call).toMatchObject({ callId: "c9", hotline: "info", topic: null, number: null, since: NOW.toISOString() });
  });
});

describe("desk: the topic's guidance", () => {
  const guidance = {
    en: "# Fees\nGood morning, {organization}, {operator} speaking.",
    es: "Buenos días, {organization}, le atiende {operator}.\n\n- **Nunca** prometa plaza",
  };

  it("is in the caller's language, placeholders filled in, rendered as HTML", () => {
    const view = desk({ config: withGuidance(guidance), callRow: row({ language: "es" }) });
    expect(view.guidance).toEqual({
      topic: "fees",
      language: "es",
      html: "<p>Buenos días, Test College, le atiende Ana.</p>\n<ul>\n<li><strong>Nunca</strong> prometa plaza</li>\n</ul>",
    });
  });

  it("else in the operator's first language (ana: es), else the first one given", () => {
    const config = withGuidance(guidance);
    expect(desk({ config, callRow: row({ language: "fr" }) }).guidance?.language).toBe("es");
    expect(guidanceFor(config, "fees", ["fr", "de"], { operator: "X" })?.language).toBe("en");
  });

  it("names that look like markup arrive escaped, not as HTML or Markdown", () => {
    const config = withGuidance({ en: "{organization} / {operator}" }, "<b>Evil</b> *Co*");
    expect(guidanceFor(config, "fees", ["en"], { operator: '"Ana"' })?.html).toBe(
      "<p>&lt;b&gt;Evil&lt;/b&gt; *Co* / &quot;Ana&quot;</p>",
    );
  });

  it("a topic without guidance has none", () => {
    expect(desk({ callRow: row() }).guidance).toBeNull();
    expect(desk({ callRow: row({ topic: "grants" }), config: withGuidance(guidance) }).guidance).toBeNull();
  });
});

it("topicsOf: the topics whose competence the operator has", () => {
  const config = roomConfig();
  expect(topicsOf(config, "ana")).toEqual(["fees"]);
  expect(topicsOf(config, "ben")).toEqual(["fees", "grants"]);
  expect(topicsOf(config, "dan")).toEqual([]);
});
