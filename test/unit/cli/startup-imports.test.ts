import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../../src");

/**
 * The npm packages a module loads before any of its code runs: its static imports, followed through
 * our own modules (type-only imports load nothing). Dynamic `await import()` is not followed.
 */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, spec = ""] of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?"([^"]+)"/gm)) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith("node:"))
        packages.add(
          spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
  };
  visit(resolve(SRC, entry));
  return packages;
}

describe("what loads at start", () => {
  it("the CLI loads only commander and luxon until a command runs (--help, --version start fast)", () => {
    expect([...staticPackages("cli/index.ts")].sort()).toEqual(["commander", "luxon"]);
  });
});
