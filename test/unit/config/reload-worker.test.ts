import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/config/index.ts";
import { loadOffThread } from "../../../src/config/reload-worker.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/config");

describe("loading a configuration in a worker thread", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-reload-worker-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("returns the loader's result and a hash of what it read", async () => {
    const file = join(dir, "hotline.yaml");
    await writeFile(file, await readFile(join(FIXTURES, "minimal.yaml"), "utf8"));
    const loaded = await loadOffThread(file, {});
    if ("refused" in loaded) throw new Error(loaded.refused.message);
    expect(loaded.result.ok).toBe(true);
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a load over its memory limit with a located error", async () => {
    const file = join(dir, "hotline.yaml");
    const base = await readFile(join(FIXTURES, "minimal.yaml"), "utf8");
    await writeFile(file, `${base}xx: [${Array.from({ length: 19_000 }, () => `"${"v".repeat(40)}"`).join(", ")}]\n`);
    const loaded = await loadOffThread(file, {}, { memoryMb: 8 });
    expect("refused" in loaded && formatIssue(loaded.refused, dir)).toBe(
      "hotline.yaml:1:1: needed more than 8 MB to load (too large for a configuration); refused, the running configuration stays",
    );
  }, 20_000);
});
