import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";
import { allowPatternRegex, callbackAllowed } from "../../../src/config/schema-callbacks.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/config");

describe("callbacks.allow", () => {
  it("digit patterns match whole numbers", () => {
    const allow = ["[67]XXXXXXXX", "[89][1-8]XXXXXXX", "00Z."];
    expect(callbackAllowed(allow, "612345678")).toBe(true);
    expect(callbackAllowed(allow, "912345678")).toBe(true);
    expect(callbackAllowed(allow, "0033123")).toBe(true);
    expect(callbackAllowed(allow, "905123456")).toBe(false); // premium rate
    expect(callbackAllowed(allow, "80312345")).toBe(false); // too short
    expect(callbackAllowed(allow, "6123456789")).toBe(false); // too long
    expect(callbackAllowed(allow, "000")).toBe(false);
  });

  it("regular expressions between slashes, anchored", () => {
    expect(callbackAllowed(["/6\\d{8}/"], "612345678")).toBe(true);
    expect(callbackAllowed(["/6\\d{8}/"], "9612345678")).toBe(false);
  });

  it("nothing is allowed by an empty list", () => {
    expect(callbackAllowed([], "612345678")).toBe(false);
  });

  it("bad patterns say why", () => {
    expect(allowPatternRegex("/6(/")).toMatch(/not a valid regular expression/);
    expect(allowPatternRegex("6Q")).toMatch(/expected a digit pattern/);
    expect(allowPatternRegex("[9-1]X")).toMatch(/backwards/);
  });

  it("configuration errors are located: bad pattern, unknown trunk", () => {
    const result = loadConfigSync(join(FIXTURES, "bad-callbacks.yaml"), { env: {} });
    if (result.ok) throw new Error("loaded without errors");
    const errors = result.errors.map((e) => formatIssue(e, FIXTURES));
    expect(errors).toEqual([
      expect.stringMatching(/^bad-callbacks\.yaml:15:24: callbacks\.allow\[1\]: not a valid regular expression/),
      expect.stringMatching(/^bad-callbacks\.yaml:15:38: callbacks\.allow\[2\]: expected a digit pattern/),
      'bad-callbacks.yaml:16:10: callbacks.trunk: unknown trunk "mian" (did you mean "main"?) — known: main',
    ]);
  });
});
