// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, formatPath, interpolate, resolveConfigPath } from "../../../src/config/index.ts";
import { levenshtein, suggest } from "../../../src/config/suggest.ts";

describe("interpolate", () => {
  const env = { HOST: "pbx.example.org", EMPTY: "" };

  it("replaces ${VAR} and ${VAR:-default}, also when the variable is empty", () => {
    expect(interpolate("http://${HOST}:${PORT:-8088}/ari", env)).toEqual({
      value: "http://pbx.example.org:8088/ari",
      problems: [],
    });
    expect(interpolate("${EMPTY:-fallback}", env).value).toBe("fallback");
    expect(interpolate("${HOST:-unused}", env).value).toBe("pbx.example.org");
  });

  it("keeps $${ as a literal ${", () => {
    expect(interpolate("cost $${X} and $5", env)).toEqual({ value: "cost ${X} and $5", problems: [] });
  });

  it("reports unset and empty variables and malformed references", () => {
    expect(interpolate("${NOPE}", env).problems).toEqual([
      "environment variable NOPE is not set (set it, or write ${NOPE:-default})",
    ]);
    expect(interpolate("${EMPTY}", env).problems).toEqual([
      "environment variable EMPTY is empty (set it, or write ${EMPTY:-default})",
    ]);
    expect(interpolate("${9x}", env).problems[0]).toMatch(/not a valid variable reference/);
    expect(interpolate("abc ${HOST", env).problems[0]).toMatch(/^unterminated/);
  });
});

describe("did-you-mean", () => {
  it("counts a swapped pair of letters as one edit", () => {
    expect(levenshtein("tiemzone", "timezone")).toBe(1);
    expect(levenshtein("kitten", "sitting")).toBe(3);
  });

  it("suggests only close candidates", () => {
    expect(suggest("nmae", ["name", "endpoint", "languages"])).toBe("name");
    expect(suggest("Languages", ["name", "languages"])).toBe("languages");
    expect(suggest("colour", ["name", "timezone", "languages"])).toBeUndefined();
  });
});

describe("formatting", () => {
  it("writes paths with dots for names and brackets for indexes and other keys", () => {
    expect(formatPath(["hotlines", "main", "schedule", "weekly", "mon", 0])).toBe(
      "hotlines.main.schedule.weekly.mon[0]",
    );
    expect(formatPath(["hotlines", "main", "menu", "options", "1", "topic"])).toBe(
      'hotlines.main.menu.options["1"].topic',
    );
  });

  it("prints file:line:col: path: message, and marks warnings the gcc way", () => {
    const issue = {
      file: "/etc/hotline/a.yaml",
      line: 3,
      col: 7,
      path: "trunks[0]",
      message: "bad",
      severity: "error" as const,
    };
    expect(formatIssue(issue)).toBe("/etc/hotline/a.yaml:3:7: trunks[0]: bad");
    expect(formatIssue(issue, "/etc/hotline")).toBe("a.yaml:3:7: trunks[0]: bad");
    expect(formatIssue(issue, "/srv")).toBe("/etc/hotline/a.yaml:3:7: trunks[0]: bad");
    expect(formatIssue({ ...issue, severity: "warning" }, "/etc/hotline")).toBe("a.yaml:3:7: warning: trunks[0]: bad");
    expect(formatIssue({ ...issue, path: "" }, "/etc/hotline")).toBe("a.yaml:3:7: bad");
  });
});

describe("resolveConfigPath", () => {
  it("prefers --config, then $HOTLINE_CONFIG, then config/hotline.yaml if present, then the example", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "hotline-config-path-"));
    try {
      expect(resolveConfigPath("mine.yaml", { HOTLINE_CONFIG: "env.yaml" }, cwd)).toBe("mine.yaml");
      expect(resolveConfigPath(undefined, { HOTLINE_CONFIG: "env.yaml" }, cwd)).toBe("env.yaml");
      expect(resolveConfigPath(undefined, {}, cwd)).toBe(join("config", "hotline.example.yaml"));
      const { mkdir } = await import("node:fs/promises");
      await mkdir(join(cwd, "config"));
      await writeFile(join(cwd, "config", "hotline.yaml"), "");
      expect(resolveConfigPath(undefined, {}, cwd)).toBe(join("config", "hotline.yaml"));
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
