import { describe, expect, it } from "vitest";
import {
  dbDiff,
  fallbackDb,
  fallbackMembers,
  formatWindows,
  membersDiff,
  type OpenState,
  openWindows,
} from "../../../src/fallback/plan.ts";

const operators = { ana: { endpoint: "op-ana" }, luis: { endpoint: "op-luis" }, eva: { endpoint: "op-eva" } };

describe("who is in the native fallback queue", () => {
  it("every operator logged in; one on a pause is in, paused; one logged out is not", () => {
    const members = fallbackMembers(operators, [
      { operator: "luis", state: "paused" },
      { operator: "ana", state: "on-call" },
      { operator: "eva", state: "logged-out" },
      { operator: "gone", state: "available" },
    ]);
    expect(members).toEqual([
      { interface: "PJSIP/op-ana", operator: "ana", paused: false },
      { interface: "PJSIP/op-luis", operator: "luis", paused: true },
    ]);
  });

  it("Asterisk's members become the wanted ones: removed, added, paused or resumed, nothing else", () => {
    const ana = { interface: "PJSIP/op-ana", operator: "ana", paused: false };
    const luis = { interface: "PJSIP/op-luis", operator: "luis", paused: false };
    const eva = { interface: "PJSIP/op-eva", operator: "eva", paused: false };
    expect(membersDiff([ana, luis], [ana, { ...luis, paused: true }, eva])).toEqual([
      {
        Action: "QueuePause",
        Queue: "hotline-fallback",
        Interface: "PJSIP/op-luis",
        Paused: "true",
        Reason: "hotline",
      },
      {
        Action: "QueueAdd",
        Queue: "hotline-fallback",
        Interface: "PJSIP/op-eva",
        MemberName: "eva",
        StateInterface: "PJSIP/op-eva",
        Paused: "false",
      },
    ]);
    expect(membersDiff([ana, eva], [ana])).toEqual([
      { Action: "QueueRemove", Queue: "hotline-fallback", Interface: "PJSIP/op-eva" },
    ]);
    expect(membersDiff([ana], [ana])).toEqual([]);
  });
});

const h = (hours: number) => Date.UTC(2026, 11, 7, hours) as number;

/** Open 09–17 every day (UTC), as OpeningHours answers. */
function nineToFive(at: Date): OpenState {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const open = day + 9 * 3_600_000;
  const close = day + 17 * 3_600_000;
  const t = at.getTime();
  if (t >= open && t < close) return { open: true, nextChange: new Date(close), nextOpening: null };
  const next = t < open ? open : open + 86_400_000;
  return { open: false, nextChange: new Date(next), nextOpening: new Date(next) };
}

describe("the opening windows the dialplan reads", () => {
  it("open now: the first window starts at 0 and ends at closing; then every day's hours to the horizon", async () => {
    const windows = openWindows(nineToFive, new Date(h(10)), 2 * 86_400_000);
    expect(windows).toEqual([
      [0, h(17)],
      [h(24 + 9), h(24 + 17)],
      [h(48 + 9), h(48 + 10)],
    ]);
    expect(formatWindows(windows.slice(0, 2))).toBe(`0-${h(17) / 1000}|${h(33) / 1000}-${h(41) / 1000}`);
  });

  it("closed now: starts at the next opening; the value does not change while the hour passes", async () => {
    const at7 = formatWindows(openWindows(nineToFive, new Date(h(7)), 86_400_000 * 3));
    const at8 = formatWindows(openWindows(nineToFive, new Date(h(8)), 86_400_000 * 3));
    expect(at7.split("|")[0]).toBe(`${h(9) / 1000}-${h(17) / 1000}`);
    expect(at8.split("|").slice(0, 2)).toEqual(at7.split("|").slice(0, 2));
  });

  it("always open: one window to the horizon; closed for good: none", async () => {
    const always = () => ({ open: true, nextChange: null, nextOpening: null });
    expect(openWindows(always, new Date(h(10)), 1000)).toEqual([[0, h(10) + 1000]]);
    const never = () => ({ open: false, nextChange: null, nextOpening: null });
    expect(openWindows(never, new Date(h(10)))).toEqual([]);
  });
});

describe("the AstDB values", () => {
  const config = {
    organization: { defaultLanguage: "en" },
    numbers: [
      { did: "+34 910 000 001", hotline: "main" },
      { did: "+34910000002", hotline: "exams", language: "es" },
      { did: "34910000001", hotline: "exams" },
    ],
    hotlines: { main: { queue: { maxWait: 300 } }, exams: { queue: { maxWait: 120 } } },
  };

  it("numbers by their digits (the first entry wins, as in routing), a default, hours and waits per hotline", () => {
    const db = fallbackDb(config, { main: "0-100" });
    expect(Object.fromEntries(db)).toEqual({
      "hotline-number/default": "main|en",
      "hotline-number/34910000001": "main|en",
      "hotline-number/34910000002": "exams|es",
      "hotline-hours/main": "0-100",
      "hotline-hours/exams": "",
      "hotline-wait/main": "300",
      "hotline-wait/exams": "120",
    });
  });

  it("only what changed is written; what is no longer wanted is deleted", () => {
    const written = new Map([
      ["hotline-wait/main", "300"],
      ["hotline-number/34999", "main|en"],
    ]);
    const wanted = new Map([
      ["hotline-wait/main", "300"],
      ["hotline-hours/main", "0-100"],
    ]);
    expect(dbDiff(written, wanted)).toEqual([
      { Action: "DBPut", Family: "hotline-hours", Key: "main", Val: "0-100" },
      { Action: "DBDel", Family: "hotline-number", Key: "34999" },
    ]);
  });
});
