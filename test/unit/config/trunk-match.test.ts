import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { trunkMatchProblem } from "../../../src/config/host-match.ts";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";

const tmp = mkdtempSync(join(tmpdir(), "hotline-match-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a trunk's match entries", () => {
  it.each([
    "127.0.0.1",
    "127.0.0.1:5070",
    "203.0.113.0/24",
    "::1",
    "2001:db8::5",
    "[2001:db8::5]:5060",
    "[::1]",
    "2001:db8::/32",
    "sip.carrier.example",
    "sip.carrier.example:5061",
    "localhost",
  ])("accepts %s", (entry) => {
    expect(trunkMatchProblem(entry)).toBeUndefined();
  });

  it.each([
    ["not a host", "is not an address, host name or CIDR block"],
    ["127.0.0.1:99999", "the port must be a number from 1 to 65535"],
    ["127.0.0.1:0", "the port must be a number from 1 to 65535"],
    ["127.0.0.1:abc", "the port must be a number from 1 to 65535"],
    ["999.1.1.1", "is not an address"],
    ["10.0.0.0/33", "the prefix length must be 0 to 32"],
    ["[not-v6]:5060", "is not an address"],
    ["-bad-.example", "is not an address"],
    ["", "is not an address"],
  ])("refuses %j", (entry, why) => {
    expect(trunkMatchProblem(entry)).toContain(why);
  });

  it("fails the configuration check at the entry's file:line:col", () => {
    const file = join(tmp, "trunks.yaml");
    writeFileSync(
      file,
      [
        "organization: { name: T, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }",
        "hotlines:",
        '  main: { greeting: { en: "Hi" } }',
        "trunks:",
        "  - name: carrier",
        '    match: ["not a host", "127.0.0.1:99999", "127.0.0.1:abc", "127.0.0.1:5070"]',
        "    channels: 2",
        "",
      ].join("\n"),
    );
    const result = loadConfigSync(file, { env: {} });
    if (result.ok) throw new Error("loaded");
    expect(result.errors.map((e) => formatIssue(e, tmp))).toEqual([
      'trunks.yaml:6:13: trunks[0].match[0]: "not a host" is not an address, host name or CIDR block (optionally with :port), such as "203.0.113.5", "203.0.113.5:5060", "203.0.113.0/24", "[2001:db8::5]:5060" or "sip.carrier.example"',
      'trunks.yaml:6:27: trunks[0].match[1]: "127.0.0.1:99999": the port must be a number from 1 to 65535',
      'trunks.yaml:6:46: trunks[0].match[2]: "127.0.0.1:abc": the port must be a number from 1 to 65535',
    ]);
  });
});
