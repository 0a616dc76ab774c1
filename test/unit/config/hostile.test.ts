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
    // The fifth *d on line 5 is where the expansion passes the bound.
    expect(errors).toEqual([
      "alias-bomb.yaml:5:20: expands to more than 50000 values through aliases (an alias bomb?); use fewer or smaller aliases",
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
