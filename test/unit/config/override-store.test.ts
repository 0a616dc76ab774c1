import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OverrideStore } from "../../../src/config/override-store.ts";

describe("OverrideStore", () => {
  let dir: string;
  const now = new Date("2027-07-05T08:00:00Z");

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-overrides-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("persists an override across instances (a restart) until it expires", async () => {
    await new OverrideStore(join(dir, "state")).set(
      undefined,
      { state: "closed", until: new Date("2027-07-05T10:00:00Z"), reason: "fire drill" },
      now,
    );
    const reopened = new OverrideStore(join(dir, "state"));
    expect(await reopened.forSchedule("admissions", now)).toEqual({
      state: "closed",
      until: new Date("2027-07-05T10:00:00Z"),
      reason: "fire drill",
    });
    expect(await reopened.active("admissions", new Date("2027-07-05T10:00:00Z"))).toBeNull();
  });

  it("lets a hotline's own override win over the one for all hotlines, and clears selectively", async () => {
    const store = new OverrideStore(dir);
    await store.set(undefined, { state: "closed" }, now);
    await store.set("exams", { state: "open" }, now);
    expect((await store.active("exams", now))?.state).toBe("open");
    expect((await store.active("admissions", now))?.state).toBe("closed");
    expect(await store.clear("exams", now)).toBe(true);
    expect((await store.active("exams", now))?.state).toBe("closed");
    expect(await store.clear(undefined, now)).toBe(true);
    expect(await store.all()).toEqual({});
    expect(await store.clear(undefined, now)).toBe(false);
  });

  it("refuses an end in the past and a damaged file", async () => {
    const store = new OverrideStore(dir);
    await expect(store.set(undefined, { state: "open", until: new Date("2020-01-01T00:00:00Z") }, now)).rejects.toThrow(
      /in the past/,
    );
    await writeFile(store.file, "{ not json");
    await expect(store.active("admissions", now)).rejects.toThrow(/not valid JSON/);
  });

  it("writes readable JSON", async () => {
    const store = new OverrideStore(dir);
    await store.set("admissions", { state: "open", reason: "results day" }, now);
    expect(JSON.parse(await readFile(store.file, "utf8"))).toEqual({
      version: 1,
      overrides: { admissions: { state: "open", reason: "results day", setAt: "2027-07-05T08:00:00.000Z" } },
    });
  });
});
