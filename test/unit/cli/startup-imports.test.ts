import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../../src");

/**
 * What a module loads before any of its code runs: its static imports, followed through our own
 * modules (type-only imports load nothing); dynamic `await import()` is not followed.
 */
function staticClosure(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(SRC, file);
    if (modules.has(name)) return;
    modules.add(name);
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
  return { modules, packages };
}

describe("what loads at start", () => {
  it("the CLI loads only commander and luxon until a command runs (--help, --version start fast)", () => {
    expect([...staticClosure("cli/index.ts").packages].sort()).toEqual(["commander", "luxon"]);
  });

  it("the running app loads the weekly report's renderers and mailer only when a report runs", () => {
    const { modules, packages } = staticClosure("main.ts");
    // charts.ts requires ECharts, the largest of them, when it loads.
    for (const module of ["analysis/write.ts", "analysis/mail.ts", "analysis/render/charts.ts"])
      expect(modules).not.toContain(module);
    for (const name of ["echarts", "nodemailer", "write-excel-file"]) expect(packages).not.toContain(name);
  });

  it("the running app loads prom-client only when the configuration has a metrics section", () => {
    const { modules, packages } = staticClosure("main.ts");
    expect(modules).not.toContain("metrics/hotline-metrics.ts");
    expect(packages).not.toContain("prom-client");
  });
});
