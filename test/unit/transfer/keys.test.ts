import { describe, expect, it } from "vitest";
import { type InCallAction, InCallKeys } from "../../../src/calls/transfer/keys.ts";

/** Press each key one second apart; the actions that came out. */
function press(sequence: string, keys = new InCallKeys(), start = 0): InCallAction[] {
  const out: InCallAction[] = [];
  [...sequence].forEach((k, i) => {
    const action = keys.press(k, start + i * 1000);
    if (action) out.push(action);
  });
  return out;
}

describe("an operator's keys during a call", () => {
  it("reads *1<code># as a blind transfer and *2<code># as an attended one", () => {
    expect(press("*112#")).toEqual([{ kind: "transfer", transfer: "blind", code: "12" }]);
    expect(press("*2305#")).toEqual([{ kind: "transfer", transfer: "attended", code: "305" }]);
  });

  it("reads *3, *4 and *0 as complete, swap and cancel", () => {
    expect(press("*3*4*0")).toEqual([{ kind: "complete" }, { kind: "swap" }, { kind: "cancel" }]);
  });

  it("hands *5<d> on as a disposition", () => {
    expect(press("*57")).toEqual([{ kind: "disposition", digit: "7" }]);
  });

  it("ignores keys outside a sequence, and a * starts over", () => {
    expect(press("123#")).toEqual([]);
    expect(press("*1*112#")).toEqual([{ kind: "transfer", transfer: "blind", code: "12" }]);
  });

  it("says a sequence is invalid when it means nothing", () => {
    expect(press("*1#")).toEqual([{ kind: "invalid", keys: "*1#" }]);
    expect(press("*9")).toEqual([{ kind: "invalid", keys: "*9" }]);
    expect(press("*11234567#")).toEqual([{ kind: "invalid", keys: "*11234567" }]);
  });

  it("forgets a sequence after a pause between keys", () => {
    const keys = new InCallKeys(5000);
    expect(keys.press("*", 0)).toBeUndefined();
    expect(keys.press("1", 1000)).toBeUndefined();
    // Seven seconds later the 2 and the # are not part of *1…
    expect(keys.press("2", 8000)).toBeUndefined();
    expect(keys.press("#", 8500)).toBeUndefined();
    expect(press("*3", keys, 9000)).toEqual([{ kind: "complete" }]);
  });
});
