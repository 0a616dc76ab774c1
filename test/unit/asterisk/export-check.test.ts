import { describe, expect, it } from "vitest";
import {
  type AsteriskFacts,
  asteriskFindings,
  type Expected,
  formatFindings,
} from "../../../src/asterisk/export/check.ts";

const expected: Expected = {
  app: "northfield",
  modules: ["res_stasis", "codec_gsm"],
  endpoints: ["carrier", "op-maria"],
  prompts: { en: ["greeting-main", "busy"], es: [] },
};

const present: AsteriskFacts = {
  version: "22.10.1",
  modules: { res_stasis: true, codec_gsm: true },
  endpoints: ["alice", "carrier", "op-maria"],
  connectedApps: [],
  inboundApp: "northfield",
  sounds: { en: ["digits/1", "hotline/greeting-main", "hotline/busy"] },
};

const missing = (facts: AsteriskFacts) =>
  asteriskFindings(expected, facts)
    .filter((f) => f.status === "missing")
    .map((f) => f.text);

describe("check --asterisk findings", () => {
  it("finds nothing missing when Asterisk has it all; notes what is not knowable", () => {
    const findings = asteriskFindings(expected, present);
    expect(findings.filter((f) => f.status === "missing")).toEqual([]);
    const text = formatFindings(findings);
    expect(text).toMatch(/^ok {6}module res_stasis loaded$/m);
    expect(text).toMatch(/^ok {6}codec codec_gsm loaded$/m);
    expect(text).toMatch(/^ok {6}sounds en: all 2 prompts/m);
    expect(text).toMatch(/^note {4}sounds es: no prompts built/m);
    expect(text).toMatch(/^note {4}ARI app northfield not connected now/m);
  });

  it("names each missing module, endpoint, prompt and a dialplan handing calls to another app", () => {
    expect(
      missing({
        ...present,
        modules: { res_stasis: false, codec_gsm: true },
        endpoints: ["carrier"],
        inboundApp: "hotline",
        sounds: { en: ["hotline/greeting-main"] },
      }),
    ).toEqual([
      "module res_stasis not loaded (modules.conf: load = res_stasis.so)",
      "dialplan hotline-inbound hands calls to hotline, not to northfield (export the snippets again)",
      "endpoint op-maria (pjsip.conf: #include pjsip_hotline.conf)",
      "sounds en: 1 of 2 prompts not in Asterisk's sounds/en/hotline (e.g. busy)",
    ]);
    expect(missing({ ...present, inboundApp: undefined })).toEqual([
      "dialplan context hotline-inbound (extensions.conf: #include extensions_hotline.conf)",
    ]);
  });

  it("notes a connected app and skips sounds Asterisk could not list", () => {
    const text = formatFindings(asteriskFindings(expected, { ...present, connectedApps: ["northfield"], sounds: {} }));
    expect(text).toMatch(/^note {4}ARI app northfield is connected now/m);
    expect(text).toMatch(/^note {4}sounds en: Asterisk did not list its sounds/m);
  });
});
