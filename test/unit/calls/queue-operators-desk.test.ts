import { describe, expect, it } from "vitest";
import { autoLogins } from "../../../src/calls/queue/operators-desk.ts";

const reachable = { reachable: true };
const unreachable = { reachable: false };
const nobodyKnown = new Set<string>();

describe("who the desk phone logs in", () => {
  it("an operator with neither roster nor PIN, as soon as their phone is reachable", () => {
    const phones = new Map([
      ["ana", reachable],
      ["ben", unreachable],
    ]);
    expect(autoLogins({ ana: {}, ben: {} }, phones, nobodyKnown)).toEqual(["ana"]);
  });

  it("never one the roster logs in, nor one who logs in with a PIN", () => {
    const phones = new Map([
      ["rostered", reachable],
      ["pinned", reachable],
    ]);
    const operators = {
      rostered: { roster: { shifts: { "mon-fri": "08:30-15:30" }, breaks: [] } },
      pinned: { pin: "1234" },
    };
    expect(autoLogins(operators, phones, nobodyKnown)).toEqual([]);
  });

  it("not one the database already knows: someone who logged out stays out", () => {
    const phones = new Map([
      ["ana", reachable],
      ["ben", reachable],
    ]);
    expect(autoLogins({ ana: {}, ben: {} }, phones, new Set(["ana"]))).toEqual(["ben"]);
  });

  it("not a phone of an operator no longer configured", () => {
    expect(autoLogins({}, new Map([["gone", reachable]]), nobodyKnown)).toEqual([]);
  });
});
