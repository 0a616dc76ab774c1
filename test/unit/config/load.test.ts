// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { SandboxConfig } from "../../../src/asterisk/sandbox/from-config.ts";
import { formatIssue, type LoadResult, loadConfig, loadConfigSync } from "../../../src/config/index.ts";
import type { AppConfig } from "../../../src/main.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/config");
const EXAMPLE = resolve(import.meta.dirname, "../../../config/hotline.example.yaml");
const env = { HOTLINE_TEST_AMI_PASSWORD: "s3cret-from-env" };

/** The formatted errors of a fixture, file names relative to the fixtures folder. */
function errorsOf(name: string, extraEnv: Record<string, string> = {}): string[] {
  const result = loadConfigSync(join(FIXTURES, name), { env: { ...env, ...extraEnv } });
  if (result.ok) throw new Error(`${name} loaded without errors`);
  return result.errors.map((e) => formatIssue(e, FIXTURES));
}

function ok(result: LoadResult) {
  if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join("\n"));
  return result;
}

describe("the example configuration", () => {
  it("loads with no errors and no warnings", async () => {
    const { config, warnings, files } = ok(await loadConfig(EXAMPLE, { env: {} }));
    expect(warnings).toEqual([]);
    expect(files).toEqual([EXAMPLE]);
    expect(config.organization).toEqual({
      name: "Northfield University",
      timezone: "Europe/Madrid",
      languages: ["en", "es"],
      defaultLanguage: "en",
    });
    expect(Object.keys(config.hotlines)).toEqual(["admissions", "exams"]);
    expect(config.numbers.map((n) => n.campaign)).toEqual([undefined, "newspaper", "radio"]);
    expect(config.trunks[0]).toMatchObject({ name: "main-trunk", match: ["127.0.0.1:5070"], channels: 30 });
    expect(Object.keys(config.operators)).toHaveLength(4);
    expect(config.asterisk).toMatchObject({
      mode: "sandbox",
      app: "hotline",
      sandbox: { sipPort: 5060, rtpEnd: 10999 },
    });
  });

  it("takes operator PINs from the environment, with the file's default otherwise", () => {
    const withEnv = ok(loadConfigSync(EXAMPLE, { env: { HOTLINE_PIN_MARIA: "998877" } }));
    expect(withEnv.config.operators.maria?.pin).toBe("998877");
    const without = ok(loadConfigSync(EXAMPLE, { env: {} }));
    expect(without.config.operators.maria?.pin).toBe("4711");
  });

  it("is usable as the app's and the sandbox's configuration (also checked by tsc)", () => {
    const { config } = ok(loadConfigSync(EXAMPLE, { env: {} }));
    const app: AppConfig = config;
    const sandbox: SandboxConfig = config;
    expect(app.hotlines.admissions).toBeDefined();
    expect(sandbox.operators.maria?.endpoint).toBe("op-maria");
  });
});

describe("defaults and paths", () => {
  it("fills defaults and resolves relative paths against the config file's folder", () => {
    const { config } = ok(loadConfigSync(join(FIXTURES, "minimal.yaml"), { env }));
    expect(config.path).toBe(join(FIXTURES, "minimal.yaml"));
    expect(config.dir).toBe(FIXTURES);
    expect(config.asterisk).toEqual({
      mode: "sandbox",
      app: "hotline",
      sandbox: { sipPort: 5060, httpPort: 8088, amiPort: 5038, rtpStart: 10000, rtpEnd: 10999 },
    });
    expect(config.database).toEqual({ client: "sqlite", filename: join(FIXTURES, "var", "hotline.sqlite") });
    expect(config.sounds.dir).toBe(join(FIXTURES, "sounds"));
    expect(config.state.dir).toBe(join(FIXTURES, "var", "state"));
    expect(config.hotlines.main?.queue).toMatchObject({ maxWait: 600, maxLength: 20, strategy: "longest-idle" });
    expect(config.analysis.serviceLevelTarget).toBe(0.8);
    expect(config.numbers).toEqual([]);
  });
});

describe("errors, located as file:line:col: path: message", () => {
  it("malformed YAML", () => {
    expect(errorsOf("malformed.yaml")).toEqual([
      'malformed.yaml:4:3: Flow sequence in block collection must be sufficiently indented and end with a ] (the "[" opened at line 3, column 14 is not closed)',
    ]);
  });

  it("a wrong type points at the value", () => {
    expect(errorsOf("wrong-type.yaml")).toEqual([
      'wrong-type.yaml:8:14: asterisk.sandbox.sipPort: expected a number, got the text "five-thousand"',
    ]);
  });

  it("an unknown key points at the key and suggests the closest allowed one", () => {
    expect(errorsOf("unknown-key.yaml")).toEqual([
      'unknown-key.yaml:10:7: hotlines.main.queue.maxWiat: unknown key "maxWiat" (did you mean "maxWait"?)',
    ]);
  });

  it("a missing required key points at the map that should hold it", () => {
    expect(errorsOf("missing-key.yaml")).toEqual([
      'missing-key.yaml:7:3: hotlines.main.greeting: missing required key "greeting"',
    ]);
  });

  it("a reference to an unknown hotline", () => {
    expect(errorsOf("bad-reference.yaml")).toEqual([
      'bad-reference.yaml:8:14: numbers[0].hotline: unknown hotline "admisions" (did you mean "admissions"?) — known: admissions',
    ]);
  });

  it("an unset environment variable without a default (the one with a default is fine)", () => {
    expect(errorsOf("missing-env.yaml")).toEqual([
      "missing-env.yaml:8:68: asterisk.ari.password: environment variable HOTLINE_TEST_ARI_PASSWORD is not set (set it, or write ${HOTLINE_TEST_ARI_PASSWORD:-default})",
    ]);
    const result = ok(loadConfigSync(join(FIXTURES, "missing-env.yaml"), { env: { HOTLINE_TEST_ARI_PASSWORD: "x9" } }));
    expect(result.config.asterisk.ari?.password).toBe("x9");
    expect(result.config.asterisk.ami?.password).toBe("from-default");
  });

  it("an error inside an included file is reported in that file", () => {
    const result = loadConfigSync(join(FIXTURES, "include-main.yaml"), { env });
    expect(result.files).toEqual([join(FIXTURES, "include-main.yaml"), join(FIXTURES, "parts", "bad-operators.yaml")]);
    expect(errorsOf("include-main.yaml")).toEqual([
      "parts/bad-operators.yaml:6:24: operators.ana.competences.fees: must be at most 5",
    ]);
  });

  it("an include cycle, at the !include that closes it", () => {
    expect(errorsOf("cycle-a.yaml")).toEqual([
      "parts/cycle-b.yaml:3:18: hotlines.main.menu: include cycle: cycle-a.yaml → parts/cycle-b.yaml → cycle-a.yaml",
    ]);
  });

  it("reports every schema error at once, in file order", () => {
    expect(errorsOf("many-errors.yaml")).toEqual([
      'many-errors.yaml:3:13: organization.timezone: unknown time zone "Europe/Madird" (use an IANA name such as Europe/Madrid)',
      'many-errors.yaml:6:3: organization.colour: unknown key "colour"',
      'many-errors.yaml:8:11: database.client: expected one of "sqlite", "pg", got the text "mysql"',
      "many-errors.yaml:12:15: trunks[0].channels: must be at least 1",
      'many-errors.yaml:14:10: numbers[0].did: write phone numbers in quotes, e.g. "+34910000001" (YAML reads +34910000001 as a number)',
    ]);
  });

  it("reports every cross-reference error at once", () => {
    expect(errorsOf("bad-crossrefs.yaml")).toEqual([
      "bad-crossrefs.yaml:10:12: numbers[1].did: duplicate number +34 910 000 001 (also numbers[0])",
      'bad-crossrefs.yaml:10:56: numbers[1].language: "fr" is not in organization.languages (en, es)',
      'bad-crossrefs.yaml:13:15: hotlines.main.schedule: unknown schedule "ofice" (did you mean "office"?) — known: office',
      'bad-crossrefs.yaml:14:5: hotlines.main.greeting.es: the greeting is missing in "es"',
      'bad-crossrefs.yaml:17:23: hotlines.main.menu.options["1"].topic: unknown topic "fess" (did you mean "fees"?) — known: fees',
      'bad-crossrefs.yaml:18:39: hotlines.main.overflow.to: "dr-ruis" is not a phone number, a directory entry or a hotline (did you mean "dr-ruiz"?)',
      'bad-crossrefs.yaml:22:53: operators.ana.languages[1]: "de" is not in organization.languages (en, es)',
      'bad-crossrefs.yaml:22:73: operators.ana.competences.fee: unknown competence "fee" (did you mean "fees"?) — known: fees',
      'bad-crossrefs.yaml:23:31: operators.bob.endpoint: endpoint "op-1" is also used by operator ana',
    ]);
  });

  it("keeps warnings apart from errors", () => {
    const result = loadConfigSync(join(FIXTURES, "bad-crossrefs.yaml"), { env });
    expect(result.warnings.map((w) => formatIssue(w, FIXTURES))).toEqual([
      'bad-crossrefs.yaml:27:3: warning: schedules.office: schedule "office" is not used by any hotline',
    ]);
  });

  it("reports the schedule engine's errors inside the schedule", () => {
    expect(errorsOf("bad-schedule.yaml")).toEqual([
      "bad-schedule.yaml:13:24: schedules.office.weekly.mon-fri: range 18:00-09:00 ends before it starts; if it is meant to cross midnight write it as 18:00-09:00+1",
    ]);
  });

  it("a missing main file", () => {
    expect(errorsOf("does-not-exist.yaml")).toEqual([
      `does-not-exist.yaml:1:1: cannot read ${join(FIXTURES, "does-not-exist.yaml")}: file not found`,
    ]);
  });
});
