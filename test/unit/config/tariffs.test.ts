import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";

const BASE = `organization: { name: Org, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello } }
`;

async function load(extra: string) {
  const dir = await mkdtemp(join(tmpdir(), "tariffs-config-"));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, BASE + extra);
  return { dir, result: loadConfigSync(file, { env: {} }) };
}

describe("the candidate contracts", () => {
  it("fill in what an offer leaves out: no fees, no allowance, per started minute, no limit", async () => {
    const { result } = await load(`tariffs:
  offers:
    carrier-b: { perMinute: 0.012 }
`);
    if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join("\n"));
    expect(result.config.tariffs).toEqual({
      blockingTarget: 0.01,
      callerClasses: {},
      offers: {
        "carrier-b": {
          currency: "EUR",
          perMinute: 0.012,
          billing: { minimumSeconds: 0, incrementSeconds: 60 },
          monthly: { fixed: 0, perNumber: 0, perChannel: 0 },
          includedMinutes: 0,
        },
      },
    });
  });
  it("refuse a price for a caller class nobody defined, and per-class prices without other's, where they are", async () => {
    const { dir, result } = await load(`tariffs:
  callerClasses: { mobile: ["+346", "+347"] }
  offers:
    carrier-b:
      perMinute: { mobile: 0.03, mobiel: 0.01 }
`);
    if (result.ok) throw new Error("loaded without errors");
    expect(result.errors.map((e) => formatIssue(e, dir))).toEqual([
      "hotline.yaml:8:18: tariffs.offers.carrier-b.perMinute: give the price of the other callers too (other: …)",
      'hotline.yaml:8:42: tariffs.offers.carrier-b.perMinute.mobiel: no caller class "mobiel" in tariffs.callerClasses',
    ]);
  });
});
