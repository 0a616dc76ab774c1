import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allCommands, hotlineProgram } from "./program.ts";

const README = resolve(import.meta.dirname, "../../../README.md");

/** The rows of the README's command table (section "Command line"): first cell and whole row. */
function commandTable(): { command: string; row: string }[] {
  const text = readFileSync(README, "utf8");
  const section = text.slice(
    text.indexOf("## Command line"),
    text.indexOf("\n## ", text.indexOf("## Command line") + 1),
  );
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `hotline"))
    .map((row) => ({ command: row.split(/(?<!\\)\|/)[1]?.trim() ?? "", row }));
}

describe("the README's command table", () => {
  it("lists every command of the hotline program, sub-commands included", async () => {
    const rows = commandTable();
    expect(rows.length).toBeGreaterThan(10);
    const missing = allCommands(await hotlineProgram())
      .map(({ path }) => path)
      .filter(([top, sub]) => {
        const own = rows.filter((r) => new RegExp(`^\`hotline ${top}\\b`).test(r.command));
        if (own.length === 0) return true;
        // A sub-command is named in its row: `asterisk start` / `stop`, `list\|play`, "also `login`".
        return sub !== undefined && !own.some((r) => new RegExp(`\\b${sub}\\b`).test(r.row));
      })
      .map((path) => `hotline ${path.join(" ")}`);
    expect(missing).toEqual([]);
  });
});
