import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpeningHours } from "../../../src/calls/opening-hours.ts";
import { type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";
import { OverrideStore } from "../../../src/config/override-store.ts";

const YAML = `organization: { name: Test College, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }
numbers:
  - { did: "+34910000001", hotline: main }
  - { did: "+34910000002", hotline: always }
schedules:
  office: { timezone: Europe/Madrid, weekly: { mon-fri: "09:00-18:00", sat: closed, sun: closed } }
hotlines:
  main: { languageChoice: false, schedule: office, greeting: { en: Hello. } }
  always: { languageChoice: false, greeting: { en: Hello. } }
state: { dir: ./state }
`;

/** Wednesday 2 December 2026 in Madrid (UTC+1). */
const WED_10 = new Date("2026-12-02T09:00:00Z");
const WED_20 = new Date("2026-12-02T19:00:00Z");
const THU_10 = new Date("2026-12-03T09:00:00Z");

let dir: string;
let config: HotlineConfig;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-opening-"));
  await writeFile(join(dir, "hotline.yaml"), YAML);
  const loaded = loadConfigSync(join(dir, "hotline.yaml"), { env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  config = loaded.config;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the opening hours", () => {
  it("are compiled once per configuration: the calls, the callbacks and the fallback share them", () => {
    expect(OpeningHours.of(config)).toBe(OpeningHours.of(config));
    expect(OpeningHours.of({ ...config })).not.toBe(OpeningHours.of(config));
  });

  it("read the overrides once for a walk over many instants, answering as one decision at a time does", async () => {
    const overrides = new OverrideStore(config.state.dir);
    await overrides.set("main", { state: "closed", until: THU_10, reason: "fire drill" }, WED_10);
    const hours = OpeningHours.of(config);
    const stateAt = await hours.states();
    for (const at of [WED_10, WED_20, THU_10]) {
      for (const hotline of ["main", "always"]) expect(stateAt(hotline, at)).toEqual(await hours.state(hotline, at));
    }
    expect(stateAt("main", WED_10)).toMatchObject({ open: false, rule: expect.stringContaining("fire drill") });
    expect(stateAt("main", THU_10).open).toBe(true);

    // An override set after the reading is the next walk's.
    await overrides.set(undefined, { state: "closed", reason: "strike" }, WED_10);
    expect(stateAt("always", WED_10).open).toBe(true);
    expect((await hours.states())("always", WED_10).open).toBe(false);
    expect((await hours.state("always", WED_10)).open).toBe(false);
  });
});
