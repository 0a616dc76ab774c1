import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxForConfig } from "../../../src/asterisk/sandbox/from-config.ts";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";
import { recordModeOf } from "../../../src/config/schema-room.ts";

const BASE = `organization: { name: Org, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello, es: Hola } }
topics:
  fees: { name: { en: Fees, es: Tasas }, competence: fees }
  grants: { name: { en: Grants, es: Becas }, competence: fees, sensitive: true }
  exams: { name: { en: Exams, es: Exámenes }, competence: fees, record: always }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [es], code: "101", competences: { fees: 3 } }
  ben: { name: Ben, endpoint: op-ben, languages: [en], code: "102", competences: { fees: 3 } }
`;

async function load(extra: string, base = BASE) {
  const dir = await mkdtemp(join(tmpdir(), "room-config-"));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, base + extra);
  return { dir, result: loadConfigSync(file, { env: {} }) };
}

async function errorsOf(extra: string, base = BASE): Promise<string[]> {
  const { dir, result } = await load(extra, base);
  if (result.ok) throw new Error("loaded without errors");
  return result.errors.map((e) => formatIssue(e, dir));
}

describe("the supervisors' room configuration", () => {
  it("has defaults: no supervisors, recordings in ./var/recordings next to the file, the default dispositions", async () => {
    const { dir, result } = await load("");
    if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join("\n"));
    const { config } = result;
    expect(config.supervisors).toEqual({});
    expect(config.recordings).toEqual({ dir: join(dir, "var/recordings"), retentionDays: 90 });
    expect(Object.entries(config.dispositions).map(([d, v]) => [d, v.name, v.resolved])).toEqual([
      ["1", "resolved", true],
      ["2", "escalated", false],
      ["3", "complaint", false],
      ["4", "wrong-number", true],
      ["9", "other", false],
    ]);
    expect(recordModeOf(config.topics.fees)).toBe("never");
    expect(recordModeOf(config.topics.grants)).toBe("announce");
    expect(recordModeOf(config.topics.exams)).toBe("always");
  });

  it("locates its mistakes as file:line:col", async () => {
    const errors = await errorsOf(
      `supervisors:
  eva: { name: Eva, endpoint: op-ana, languages: [fr] }
dispositions:
  "1": { name: done, resolved: true }
  "2": { name: done }
`,
      BASE.replace('code: "102"', 'code: "101"').replace("sensitive: true", "sensitive: true, record: always"),
    );
    expect(errors).toEqual([
      "hotline.yaml:6:89: topics.grants.record: a sensitive topic's callers are told they are recorded: use announce or never",
      'hotline.yaml:10:62: operators.ben.code: code "101" is also operator ana\'s',
      'hotline.yaml:12:31: supervisors.eva.endpoint: endpoint "op-ana" is operator ana\'s desk phone',
      'hotline.yaml:12:51: supervisors.eva.languages[0]: "fr" is not in organization.languages (en, es)',
      'hotline.yaml:15:16: dispositions["2"].name: "done" is also disposition 1',
    ]);
  });

  it("refuses a bad operator code and a disposition key that is not a digit", async () => {
    const errors = await errorsOf(
      `dispositions:
  "12": { name: x }
`,
      BASE.replace('code: "102"', "code: 10x"),
    );
    expect(errors.join("\n")).toContain("an operator code is 1 to 6 digits");
    expect(errors.join("\n")).toContain("a disposition key is one digit, 0 to 9");
  });

  it("gives supervisors' desk phones sandbox endpoints like operators'", async () => {
    const { dir, result } = await load(`supervisors:
  eva: { name: Eva, endpoint: sup-eva, languages: [en] }
`);
    if (!result.ok) throw new Error("not ok");
    const instance = await sandboxForConfig(result.config, join(dir, "asterisk"));
    expect(instance.spec.operators.map((p) => p.endpoint)).toEqual(["op-ana", "op-ben", "sup-eva"]);
    expect(instance.spec.operators.every((p) => p.password.length > 10)).toBe(true);
  });
});
