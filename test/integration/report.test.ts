import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeWeek } from "../../src/analysis/analyze.ts";
import { loadWeek } from "../../src/analysis/load.ts";
import { settingsFromConfig } from "../../src/analysis/settings.ts";
import { isoWeek } from "../../src/analysis/week.ts";
import { loadConfig } from "../../src/config/index.ts";
import { openDatabase } from "../../src/records/db.ts";
import { HOTLINE_BIN as BIN, ROOT, runProcess } from "../support/run.ts";

const CONFIG = join(ROOT, "config/hotline.example.yaml");
const CHROMIUM = "/usr/bin/chromium";

function chromium(args: string[], profile: string) {
  return runProcess(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      ...args,
    ],
    ROOT,
  );
}

describe("hotline seed + hotline report", () => {
  let dir: string;
  let db: string;
  let out: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotline-report-it-"));
    db = join(dir, "records.sqlite");
    out = join(dir, "out");
    const seeded = await runProcess(
      process.execPath,
      [BIN, "seed", "--week", "2026-W47", "--weeks", "2", "--db", db, "--config", CONFIG],
      dir,
    );
    expect(seeded.stderr).toBe("");
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/seeded 2026-W47: \d+ synthetic calls/);
    const report = await runProcess(
      process.execPath,
      [BIN, "report", "--week", "2026-W47", "--db", db, "--config", CONFIG, "--out", out],
      dir,
    );
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("2026-W47 (synthetic data)");
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the four files", async () => {
    for (const name of ["report.html", "report.json", "report.xlsx", "report.md"]) {
      expect((await stat(join(out, name))).size).toBeGreaterThan(1000);
    }
    const xlsx = await readFile(join(out, "report.xlsx"));
    expect(xlsx.subarray(0, 2).toString()).toBe("PK"); // a zip, as every .xlsx
    const md = await readFile(join(out, "report.md"), "utf8");
    expect(md).toContain("**Synthetic data**");
    expect(md).toContain("## Findings");
  });

  it("reports JSON numbers that agree with a direct computation on the database", async () => {
    const json = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
    const loaded = await loadConfig(CONFIG);
    if (!loaded.ok) throw new Error("example configuration does not load");
    const week = isoWeek("2026-W47", loaded.config.organization.timezone);
    const knex = await openDatabase({ client: "sqlite", filename: db });
    try {
      const direct = analyzeWeek(await loadWeek(knex, week), settingsFromConfig(loaded.config));
      expect(json.analysis.summary).toEqual(JSON.parse(JSON.stringify(direct.summary)));
      expect(json.analysis.byCampaign).toEqual(JSON.parse(JSON.stringify(direct.byCampaign)));
      // And plain SQL, independent of the analysis code.
      const from = new Date(week.start).toISOString();
      const to = new Date(week.end).toISOString();
      const inWeek = () => knex("calls").where("started_at", ">=", from).andWhere("started_at", "<", to);
      const received = (await inWeek().count({ n: "*" }))[0]?.n;
      const answered = (await inWeek().whereNotNull("operator_answered_at").count({ n: "*" }))[0]?.n;
      expect(json.analysis.summary.received).toBe(Number(received));
      expect(json.analysis.summary.answered).toBe(Number(answered));
    } finally {
      await knex.destroy();
    }
    expect(json.analysis.synthetic).toBe(true);
    expect(json.analysis.summary.received).toBeGreaterThan(500);
    for (const key of ["serviceLevel", "serviceLevelWithAbandons", "asa", "aht", "abandonRate", "longestWait"]) {
      expect(typeof json.analysis.summary[key]).toBe("number");
    }
    expect(json.analysis.previous.received).toBeGreaterThan(500); // --weeks 2 seeded W46 as well
    expect(json.analysis.heatmap.calls).toHaveLength(7);
    expect(json.findings.length).toBeGreaterThan(0);
  });

  it("produces HTML that opens offline and draws its charts in Chromium", async () => {
    expect(existsSync(CHROMIUM), "install Debian's chromium (apt-get install -y chromium)").toBe(true);
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?https?:/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("Synthetic data");
    expect(html).toContain("@media print");

    const profile = join(dir, "chromium");
    const dom = await chromium(["--dump-dom", `file://${join(out, "report.html")}`], profile);
    expect(dom.code).toBe(0);
    expect((dom.stdout.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(dom.stdout).toMatch(/<rect|<path/);
    expect(dom.stdout).toContain("Calls by hour of the week");

    const png = join(dir, "report.png");
    const shot = await chromium(
      ["--window-size=1000,2400", `--screenshot=${png}`, `file://${join(out, "report.html")}`],
      profile,
    );
    expect(shot.code).toBe(0);
    expect((await stat(png)).size).toBeGreaterThan(50_000);
    if (process.env.HOTLINE_REPORT_PNG) await runProcess("cp", [png, process.env.HOTLINE_REPORT_PNG], ROOT);
  }, 60_000);
});
