import { describe, expect, it } from "vitest";
import { normalizeNumber, type RoutingConfig, routeCall } from "../../../src/config/routing.ts";

const config: RoutingConfig = {
  organization: { defaultLanguage: "en", languages: ["en", "es"] },
  numbers: [
    { did: "+34910000001", hotline: "admissions", campaign: "newspaper" },
    { did: "+34910000002", hotline: "admissions", campaign: "radio", language: "es" },
    { did: "900100200", hotline: "support" },
  ],
  hotlines: { admissions: {}, support: {} },
};

describe("routing a call by the number dialled", () => {
  it("finds the hotline, campaign and language of a configured DID", () => {
    expect(routeCall(config, "+34910000002")).toEqual({
      hotline: "admissions",
      campaign: "radio",
      language: "es",
      known: true,
    });
    expect(routeCall(config, "900100200")).toEqual({
      hotline: "support",
      campaign: undefined,
      language: "en",
      known: true,
    });
  });

  it("matches on digits, whatever the carrier's formatting", () => {
    expect(normalizeNumber("+34 910-000-001")).toBe("34910000001");
    expect(routeCall(config, "34910000001").campaign).toBe("newspaper");
  });

  it("sends an unknown number to the first hotline rather than dropping the caller", () => {
    expect(routeCall(config, "555")).toEqual({
      hotline: "admissions",
      campaign: undefined,
      language: "en",
      known: false,
    });
  });
});
