import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HotlineConfig, loadConfigSync } from "../../src/config/index.ts";
import { startHotline } from "../../src/main.ts";
import { buildPrompts, missingPrompts } from "../../src/sounds/build.ts";

/** Real espeak-ng and sox (no Asterisk needed): what `hotline sounds build` leaves on disk. */
describe("prompt audio", () => {
  let dir: string;
  let config: HotlineConfig;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-sounds-"));
    const loaded = loadConfigSync(join(import.meta.dirname, "../../config/hotline.example.yaml"));
    if (!loaded.ok) throw new Error("example config");
    config = { ...loaded.config, sounds: { dir } };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("the app refuses to start while prompts are missing, naming each one", async () => {
    const missing = missingPrompts(config);
    expect(missing.length).toBeGreaterThan(40);
    await expect(
      startHotline(config, {
        connection: {
          ari: { url: "http://127.0.0.1:1", username: "u", password: "p" },
          ami: { host: "127.0.0.1", port: 1, username: "u", password: "p" },
          app: "hotline",
        },
      }),
    ).rejects.toThrow(
      /missing prompt audio — run `hotline sounds build`:\n[\s\S]*greeting-admissions\.wav \(hotlines\.admissions\.greeting\.en\)/,
    );
  });

  it("renders every prompt as 8 kHz mono 16-bit WAV, then only what changed; a person's recording wins", async () => {
    const progress: string[] = [];
    const first = await buildPrompts(config, {
      onProgress: (done, total, p) => void progress.push(`${done}/${total} ${p.file}`),
    });
    expect(progress).toHaveLength(first.rendered.length);
    expect(progress.at(-1)).toMatch(new RegExp(`^${first.rendered.length}/${first.rendered.length} `));
    expect(first.rendered.length).toBe(missingPrompts({ ...config, sounds: { dir: join(dir, "none") } }).length);
    expect(missingPrompts(config)).toEqual([]);
    const greeting = join(dir, "es", "greeting-admissions.wav");
    const header = (await readFile(greeting)).subarray(0, 36);
    expect(header.toString("ascii", 0, 4)).toBe("RIFF");
    expect(header.readUInt16LE(22)).toBe(1); // mono
    expect(header.readUInt32LE(24)).toBe(8000); // 8 kHz
    expect(header.readUInt16LE(34)).toBe(16); // 16-bit

    // Nothing changed: no synthesis at all (no progress), and quickly.
    progress.length = 0;
    const t0 = performance.now();
    const again = await buildPrompts(config, { onProgress: () => void progress.push("rendered") });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(progress).toEqual([]);
    expect(again.rendered).toEqual([]);
    expect(again.upToDate.length).toBe(first.rendered.length);

    // A recording of a person under the same name (here: any other WAV) is kept, even when the text changes.
    const recorded = join(dir, "en", "goodbye-admissions.wav");
    await rm(recorded);
    await copyFile(join(dir, "en", "busy-admissions.wav"), recorded);
    const size = (await stat(recorded)).size;
    const changed = structuredClone(config);
    changed.organization.name = "Northfield College";
    const third = await buildPrompts(changed);
    expect(third.recorded.map((p) => p.path)).toContain(recorded);
    expect((await stat(recorded)).size).toBe(size);
    // The greetings name the organization, so they are rendered again.
    expect(third.rendered.map((p) => p.file)).toContain("greeting-admissions");
  }, 60_000);
});
