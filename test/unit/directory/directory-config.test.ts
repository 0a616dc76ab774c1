import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/config");

function errorsOf(name: string): string[] {
  const result = loadConfigSync(join(FIXTURES, name), { env: {} });
  if (result.ok) throw new Error(`${name} loaded without errors`);
  return result.errors.map((e) => formatIssue(e, FIXTURES));
}

describe("the directory in the configuration", () => {
  it("reports every bad reference with its place in the file", () => {
    expect(errorsOf("bad-directory.yaml")).toEqual([
      'bad-directory.yaml:16:71: directory.bursar.topics[0]: unknown topic "fess" (did you mean "fees"?) — known: fees',
      'bad-directory.yaml:16:85: directory.bursar.hours: unknown schedule "ofice" — no schedules are defined',
      "bad-directory.yaml:17:32: directory.ruiz.code: code 12 is also directory.bursar's; codes must be unique",
      'bad-directory.yaml:17:69: directory.ruiz.trunk: unknown trunk "mian" (did you mean "main"?) — known: main',
      'bad-directory.yaml:17:89: directory.ruiz.competences[0]: unknown competence "fee" (did you mean "fees"?) — known: fees',
      "bad-directory.yaml:18:3: directory.both: give exactly one of endpoint, number or queue (how to reach Both)",
      "bad-directory.yaml:19:48: directory.self.number: +34910000001 is one of this hotline's own numbers; use queue: { hotline } instead",
      'bad-directory.yaml:19:76: directory.self.languages[0]: "fr" is not in organization.languages (en, es)',
      'bad-directory.yaml:20:60: directory.exams.queue.hotline: unknown hotline "exams" — known: main',
    ]);
  });

  it("tells a configuration that still has specialists: to rename it", () => {
    expect(errorsOf("old-specialists.yaml")).toEqual([
      'old-specialists.yaml:9:1: specialists: "specialists:" is now "directory:", a map by name: rename it to directory: and give each entry a code (see docs/transfers.md)',
    ]);
  });
});
