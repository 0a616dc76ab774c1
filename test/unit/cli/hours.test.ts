import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodeFor } from "../../../src/cli/errors.ts";
import { captured, hotlineProgram } from "./program.ts";

const EXAMPLE = resolve(import.meta.dirname, "../../../config/hotline.example.yaml");
/** Thursday 3 December 2026, 11:00 in Madrid. */
const AT = "2026-12-03T10:00:00Z";
let dir: string;

async function hotline(...args: string[]) {
  const r = await captured(async () => {
    try {
      await (await hotlineProgram()).parseAsync(["node", "hotline", "hours", ...args, "-c", EXAMPLE, "--at", AT]);
      return undefined;
    } catch (e) {
      return e;
    }
  });
  return {
    stdout: r.stdout,
    code: r.value === undefined ? 0 : exitCodeFor(r.value),
    error: r.value as Error | undefined,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-hours-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("hotline hours", () => {
  it("prints each hotline's hours in the organization's language", async () => {
    const { stdout } = await hotline();
    expect(stdout).toContain("admissions\n  Opening hours:\n    Monday to Friday: 09:00–14:00 and 16:00–18:00\n");
    expect(stdout).toContain("    Tuesday 8 December: closed (Immaculate Conception)\n");
    expect(stdout).toContain("exams\n");
    expect(stdout).toContain("  Closed now. Opens Thursday 1 July 2027 at 08:00.\n");
  });
  it("in Spanish, as an HTML snippet", async () => {
    const { stdout } = await hotline("--hotline", "admissions", "--lang", "es", "--format", "html");
    expect(stdout).toMatch(/^<section class="hotline-hours" lang="es">/);
    expect(stdout).toContain("<dt>De lunes a viernes</dt><dd>de 09:00 a 14:00 y de 16:00 a 18:00</dd>");
    expect(stdout).toContain('data-open="true">Abierto ahora, hasta las 14:00.</p>');
  });
  it("as JSON and as an iCalendar feed for one hotline", async () => {
    const json = JSON.parse((await hotline("--hotline", "admissions", "--format", "json")).stdout) as {
      now: { open: boolean; closesAt: string };
    };
    expect(json.now).toEqual({ open: true, closesAt: "2026-12-03T13:00:00.000Z", opensAt: null });
    const ics = (await hotline("--hotline", "admissions", "--format", "ics")).stdout;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("DTSTART:20261203T080000Z\r\nDTEND:20261203T130000Z\r\n");
  });
  it("refuses a feed of several hotlines, an unknown hotline and a flyer without a folder: usage mistakes", async () => {
    const feed = await hotline("--format", "ics");
    expect(feed.code).toBe(2);
    expect(feed.error?.message).toBe("--format ics is one hotline's feed: name it with --hotline");
    expect((await hotline("--hotline", "nope")).code).toBe(2);
    expect((await hotline("--flyer")).error?.message).toBe("--flyer writes files: give the folder with -o DIR");
  });
  it("writes a printable flyer per number, each in its number's language", async () => {
    const out = join(dir, "flyers");
    await hotline("--flyer", "-o", out);
    expect((await readdir(out)).sort()).toEqual([
      "flyer-34910000000.html",
      "flyer-34910000001.html",
      "flyer-34910000002.html",
    ]);
    // The newspaper campaign's number is Spanish.
    const spanish = await readFile(join(out, "flyer-34910000001.html"), "utf8");
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('<p class="campaign">newspaper</p>');
    expect(spanish).toContain('<p class="number">+34 910 000 001</p>');
    expect(spanish).toContain("<th>De lunes a viernes</th><td>de 09:00 a 14:00 y de 16:00 a 18:00</td>");
  });
});
