import { describe, expect, it } from "vitest";
import {
  callbackIdOf,
  callerOfCallback,
  dueNow,
  engineId,
  nextAttempt,
  type PendingCallback,
} from "../../../src/calls/callbacks/pending.ts";

const T = new Date("2027-03-01T09:00:00Z");
const later = (s: number) => new Date(T.getTime() + s * 1000);

const cb: PendingCallback = {
  id: "cb-1",
  callId: "call-1",
  hotline: "admissions",
  language: "es",
  topic: "grants",
  number: "612345678",
  reason: "queue",
  requestedAt: later(60),
  placeAt: T,
  attempts: 0,
  inEngine: false,
  busy: false,
};

describe("a pending callback in the engine", () => {
  it("is a caller who arrived at the caller's place, with an id no channel has", () => {
    expect(callerOfCallback(cb)).toEqual({
      callId: "callback:cb-1",
      hotline: "admissions",
      topic: "grants",
      language: "es",
      arrivedAt: T,
    });
    expect(callbackIdOf(engineId("cb-1"))).toBe("cb-1");
    expect(callbackIdOf("1796189974.0")).toBeUndefined();
  });

  it("waits in line only while open, not busy, and once its retry time has come", () => {
    expect(dueNow(cb, true, T)).toBe(true);
    expect(dueNow(cb, false, T)).toBe(false);
    expect(dueNow({ ...cb, busy: true }, true, T)).toBe(false);
    expect(dueNow({ ...cb, nextAttemptAt: later(120) }, true, later(119))).toBe(false);
    expect(dueNow({ ...cb, nextAttemptAt: later(120) }, true, later(120))).toBe(true);
  });

  it("is tried again after each configured interval, then given up", () => {
    expect(nextAttempt([120, 600], 1, T)).toEqual(later(120));
    expect(nextAttempt([120, 600], 2, T)).toEqual(later(600));
    expect(nextAttempt([120, 600], 3, T)).toBeUndefined();
    expect(nextAttempt([], 1, T)).toBeUndefined();
  });
});
