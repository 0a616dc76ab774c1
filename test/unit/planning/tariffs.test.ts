import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/analysis/types.ts";
import {
  billedSecondsOn,
  blockedCalls,
  callerClass,
  compareTariffs,
  DAYS_PER_MONTH,
  type Offer,
  replayOffer,
  sizeChannels,
} from "../../../src/planning/tariffs.ts";
import { call as fixture } from "../analysis/fixtures.ts";

const T0 = Date.UTC(2026, 10, 2, 9);
const s = (seconds: number) => T0 + seconds * 1000;

/** A recorded call: arrives `at` s after T0, picked up 5 s later, connected for `connected` s (null: never picked up). */
function call(
  id: string,
  caller: string,
  at: number,
  connected: number | null,
  extra: Partial<CallRecord> = {},
): CallRecord {
  return fixture("2026-11-02 10:00", {
    id,
    trunk: "carrier",
    callerNumber: caller,
    startedAt: s(at),
    answeredAt: connected === null ? null : s(at + 5),
    endedAt: connected === null ? s(at + 20) : s(at + 5 + connected),
    outcome: { kind: "completed" },
    answeredBy: connected === null ? null : "ana",
    ...extra,
  });
}

const CLASSES = { mobile: ["+346", "+347"], "madrid-landline": ["+3491"] };
const MOBILE = "+34600111222";
const LANDLINE = "+34910000000";

/** One average month, so the fees are one month's. */
const MONTH = { start: T0, end: T0 + DAYS_PER_MONTH * 86_400_000, numbers: 2 };

const OFFER: Offer = {
  name: "Carrier B · Business 12",
  currency: "EUR",
  perMinute: { mobile: 0.03, other: 0.01 },
  billing: { minimumSeconds: 30, incrementSeconds: 6 },
  monthly: { fixed: 20, perNumber: 5, perChannel: 3 },
  includedMinutes: 2,
  channels: 2,
  term: { months: 12, discount: 0.1 },
  earlyTermination: { fee: 50, perRemainingMonth: 10 },
};

const CALLS = [
  call("c1", MOBILE, 0, 45),
  call("c2", LANDLINE, 100, 10),
  call("c3", MOBILE, 200, 125),
  call("c5", "+33123456789", 210, 60),
  call("c4", MOBILE, 220, 30), // both channels taken by c3 and c5
  call("c6", MOBILE, 400, null), // nobody picked up
  call("c7", MOBILE, 500, null, { outcome: { kind: "busy" } as CallRecord["outcome"] }),
];

describe("a recorded month replayed on an offer, against the bill computed by hand", () => {
  const bill = replayOffer(CALLS, OFFER, MONTH, CLASSES);
  it("rounds each call as the offer bills: 45 s → 48 s, 10 s → the 30 s minimum, 125 s → 126 s", () => {
    expect(billedSecondsOn(45, OFFER.billing)).toBe(48);
    expect(billedSecondsOn(10, OFFER.billing)).toBe(30);
    expect(billedSecondsOn(125, OFFER.billing)).toBe(126);
    expect(billedSecondsOn(0, OFFER.billing)).toBe(0);
  });
  it("refuses the call that found both channels taken, and bills nothing for it", () => {
    expect(bill.blocked).toBe(1);
    expect(bill.calls).toBe(7);
  });
  it("counts minutes by caller class (mobile 0.8 + 2.1); a class the offer has no price for pays other's", () => {
    expect(bill.billedMinutes.mobile).toBeCloseTo(2.9, 9);
    expect(bill.billedMinutes["madrid-landline"]).toBeCloseTo(0.5, 9);
    expect(bill.billedMinutes.other).toBeCloseTo(1.0, 9);
  });
  it("lets the 2 included minutes cover the first calls: c1, c2 and 0.7 of c3", () => {
    expect(bill.includedMinutesUsed).toBeCloseTo(2, 9);
    // 1.4 mobile minutes × 0.03 + 1.0 other minute × 0.01
    expect(bill.minuteCharges).toBeCloseTo(0.052, 9);
  });
  it("adds the month's fees (20 + 2 numbers × 5 + 2 channels × 3), takes 10 % off for the term", () => {
    expect(bill.fees).toBeCloseTo(36, 9);
    expect(bill.discount).toBeCloseTo(3.6052, 9);
    expect(bill.total).toBeCloseTo(32.4468, 9);
    expect(bill.perMonth).toBeCloseTo(32.4468, 9);
    expect(bill.perWeek).toBeCloseTo((32.4468 * 7) / DAYS_PER_MONTH, 9);
    expect(bill.perTerm).toBeCloseTo(32.4468 * 12, 9);
  });
  it("divides by the calls an operator answered (4), and prices leaving half way (6 months + 50 + 6 × 10)", () => {
    expect(bill.perAnsweredCall).toBeCloseTo(32.4468 / 4, 9);
    expect(bill.leavingHalfWay).toBeCloseTo(6 * 32.4468 + 50 + 60, 9);
  });
});

describe("caller classes", () => {
  it("the longest prefix decides; anything else is other", () => {
    const classes = { mobile: ["+346"], special: ["+34600"] };
    expect(callerClass("+34600123456", classes)).toBe("special");
    expect(callerClass("+34612345678", classes)).toBe("mobile");
    expect(callerClass("+441234", classes)).toBe("other");
    expect(callerClass(null, classes)).toBe("other");
  });
});

describe("channels", () => {
  it("no channel limit refuses nobody", () => {
    expect(blockedCalls(CALLS, undefined).size).toBe(0);
  });
  it("a channel freed at the instant a call comes is free for it", () => {
    const back = [call("a", MOBILE, 0, 10), call("b", MOBILE, 15, 10)];
    expect(blockedCalls(back, 1).size).toBe(0);
  });
  it("sizes the channels for the busy hour with Erlang B: 10 erlangs at 1 % → 18; 10 channels block 21 %", () => {
    const hour = Array.from({ length: 20 }, (_, i) => ({
      ...call(`h${i}`, MOBILE, 3600 + i * 90, 1795),
    }));
    const sizing = sizeChannels(hour, { start: T0, end: T0 + 7 * 86_400_000 }, 10, 0.01);
    expect(sizing.busyHour).toBe(new Date(s(3600)).toISOString());
    expect(sizing.erlangs).toBeCloseTo(10, 9);
    expect(sizing.needed).toBe(18);
    expect(sizing.currentBlocking).toBeCloseTo(0.2146, 4);
  });
});

describe("the comparison", () => {
  it("replays each trunk's calls on its own prices and every call on each candidate", () => {
    const trunks = [
      { name: "carrier", channels: 4, costPerMinute: 0.02, currency: "EUR", monthlyFee: 30, billingIncrement: 60 },
    ];
    const c = compareTariffs(
      CALLS,
      trunks,
      { blockingTarget: 0.01, callerClasses: CLASSES, offers: { b: OFFER } },
      MONTH,
    );
    // Per started minute: 1 + 1 + 3 + 1 + 1 minutes at 0.02, plus the 30 fee.
    expect(c.current[0]).toMatchObject({ offer: "carrier (current)", blocked: 0 });
    expect(c.current[0]?.total).toBeCloseTo(7 * 0.02 + 30, 9);
    expect(c.offers[0]?.offer).toBe("b");
    expect(c.offers[0]?.total).toBeCloseTo(32.4468, 9);
    expect(c.sizing.current).toBe(4);
    expect(c.currentTotal).toBeNull();
  });
  it("adds the trunks up as the contract in force", () => {
    const trunks = [
      { name: "carrier", channels: 4, costPerMinute: 0.02, currency: "EUR", monthlyFee: 30, billingIncrement: 60 },
      { name: "backup", channels: 2, costPerMinute: 0.05, currency: "EUR", monthlyFee: 10, billingIncrement: 1 },
    ];
    const calls = [...CALLS, call("b1", MOBILE, 900, 61, { trunk: "backup" })];
    const c = compareTariffs(calls, trunks, { blockingTarget: 0.01, callerClasses: {}, offers: {} }, MONTH);
    expect(c.current.map((b) => b.total)).toEqual([
      expect.closeTo(7 * 0.02 + 30, 9),
      expect.closeTo((61 / 60) * 0.05 + 10, 9),
    ]);
    expect(c.currentTotal?.total).toBeCloseTo(7 * 0.02 + 30 + (61 / 60) * 0.05 + 10, 9);
    // Answered on the trunks: c1, c2, c3, c4, c5 and b1.
    expect(c.currentTotal?.perAnsweredCall).toBeCloseTo((c.currentTotal?.total ?? 0) / 6, 9);
    expect(c.sizing.current).toBe(6);
  });
});
