import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/config/hostile");
const tmp = mkdtempSync(join(tmpdir(), "hotline-hostile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Load a file, return its formatted errors and how long loading took. */
function refused(file: string): { errors: string[]; ms: number } {
  const started = performance.now();
  const result = loadConfigSync(file, { env: {} });
  const ms = performance.now() - started;
  if (result.ok) throw new Error(`${file} loaded without errors`);
  return { errors: result.errors.map((e) => formatIssue(e, resolve(file, ".."))), ms };
}

function written(name: string, content: string | Buffer): string {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
}

describe("hostile or broken configuration files are refused quickly, with a location", () => {
  it("a 342-byte alias bomb, at the alias that blows up, in under a second", () => {
    const { errors, ms } = refused(join(FIXTURES, "alias-bomb.yaml"));
    // The second *d on line 5 is where the expansion passes the bound.
    expect(errors).toEqual([
      "alias-bomb.yaml:5:11: expands to more than 20000 values through aliases (an alias bomb?); use fewer or smaller aliases",
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it("a file over 1 MiB, before parsing it", () => {
    const file = written("huge.yaml", `# ${"x".repeat(1024 * 1024)}\n`);
    const { errors, ms } = refused(file);
    expect(errors).toEqual([
      "huge.yaml:1:1: file is 1048579 bytes, more than the 1048576 bytes a configuration file may have",
    ]);
    expect(ms).toBeLessThan(1000);
  });
});

describe("deep nesting gets a located, human message instead of a stack overflow", () => {
  const message =
    "nested more than 64 levels deep; a configuration needs far fewer (is a bracket or an indentation wrong?)";

  it("3,000 nested flow lists, at the bracket that crosses the limit", () => {
    const file = written("deep-flow.yaml", `organization:\n  name: ${"[".repeat(3000)}${"]".repeat(3000)}\n`);
    const { errors, ms } = refused(file);
    expect(errors).toEqual([`deep-flow.yaml:2:${9 + 64}: ${message}`]);
    expect(ms).toBeLessThan(1000);
  });

  it("3,000 nested block lists on one line", () => {
    const file = written("deep-block.yaml", `organization:\n  ${"- ".repeat(3000)}x\n`);
    expect(refused(file).errors).toEqual([`deep-block.yaml:2:${3 + 2 * 64}: ${message}`]);
  });

  it("block nesting by indentation", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${" ".repeat(i)}k${i}:`);
    const file = written("deep-indent.yaml", `${lines.join("\n")} x\n`);
    expect(refused(file).errors).toEqual([`deep-indent.yaml:258:257: ${message}`]);
  });

  it("brackets inside quotes and comments do not count", () => {
    const text = `organization: # ${"[".repeat(100)}\n  name: "${"[".repeat(100)}"\n  other: '${"{".repeat(100)}'\n`;
    const file = written("quoted.yaml", text);
    expect(refused(file).errors.join("\n")).not.toContain("nested more than");
  });
});

describe("a file that is not UTF-8 text says so, at the first bad character", () => {
  const head = "organization:\n  name: Test College\n";

  it('Latin-1 "María"', () => {
    const file = written(
      "latin1.yaml",
      Buffer.concat([Buffer.from(`${head}  contact: Mar`), Buffer.from([0xed]), Buffer.from("a\n")]),
    );
    expect(refused(file).errors).toEqual(["latin1.yaml:3:15: not UTF-8 text (byte 0xED); save the file as UTF-8"]);
  });

  it("binary garbage", () => {
    const file = written("binary.yaml", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x41]));
    expect(refused(file).errors).toEqual(["binary.yaml:1:2: not UTF-8 text (byte 0x8B); save the file as UTF-8"]);
  });

  it("valid UTF-8 with control characters (a binary file that happens to decode)", () => {
    const file = written("control.yaml", `${head}  x: a\u0000b\n`);
    expect(refused(file).errors).toEqual([
      "control.yaml:3:7: not text: control character U+0000 (is this a binary file?)",
    ]);
  });

  it("an included file, located in that file", () => {
    written("part.yaml", Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x4d, 0x61, 0x72, 0xed, 0x61, 0x0a]));
    const main = written("includes-latin1.yaml", "organization: !include part.yaml\n");
    expect(refused(main).errors).toContain(
      "part.yaml:1:10: organization: not UTF-8 text (byte 0xED); save the file as UTF-8",
    );
  });

  it("UTF-8 names load unchanged", () => {
    const file = written("utf8.yaml", `${head}  contact: María\n`);
    expect(refused(file).errors.join("\n")).not.toContain("UTF-8");
  });
});

describe("an unclosed bracket is also pointed at where it was opened", () => {
  it("a flow map left open, with a closed list and a quoted bracket before it", () => {
    const file = written(
      "unclosed.yaml",
      'organization:\n  name: "[x"\n  languages: [en]\n  extra: {a: 1, b: [2]\nhotlines: {}\n',
    );
    expect(refused(file).errors[0]).toBe(
      'unclosed.yaml:5:1: Flow map in block collection must be sufficiently indented and end with a } (the "{" opened at line 4, column 10 is not closed)',
    );
  });
});
