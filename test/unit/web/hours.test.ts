import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HotlineConfig, loadConfigSync } from "../../../src/config/index.ts";
import { silentLogger } from "../../../src/logger.ts";
import { WebConsole } from "../../../src/web/console.ts";
import type { ConsoleActions, RoomViews } from "../../../src/web/types.ts";

describe("the public hours, for the organization's website (Fastify, no sign-in)", () => {
  let web: WebConsole;
  let config: HotlineConfig;
  let base: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "public-hours-"));
    const file = join(dir, "hotline.yaml");
    await writeFile(
      file,
      `organization: { name: Org, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: es }
schedules:
  office: { timezone: Europe/Madrid, weekly: { mon-fri: "09:00-18:00" } }
hotlines:
  main: { schedule: office, greeting: { en: Hello, es: Hola } }
  always: { greeting: { en: Hello, es: Hola } }
web: { listen: "127.0.0.1:0", publicHours: true }
`,
    );
    const loaded = loadConfigSync(file, { env: {} });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    config = loaded.config;
    web = new WebConsole({
      config: () => config,
      views: { desk: async () => ({}), wallboard: async () => ({}), onChange: () => () => undefined } as RoomViews,
      actions: {} as ConsoleActions,
      audit: () => undefined,
      secret: "a test secret of some length",
      logger: silentLogger,
    });
    await web.start();
    base = web.address.replace(/\/$/, "");
  });
  afterAll(async () => {
    await web?.stop();
  });

  it("says open now or when it opens, as JSON any website may read", async () => {
    const r = await fetch(`${base}/public/hours/always.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("cache-control")).toBe("public, max-age=60");
    const body = (await r.json()) as { now: { open: boolean }; text: { now: string } };
    expect(body.now.open).toBe(true);
    // The organization's language unless asked.
    expect(body.text.now).toBe("Abierto ahora.");
    const main = (await (await fetch(`${base}/public/hours/main.json?lang=en`)).json()) as {
      week: { days: number[] }[];
      text: { week: { days: string; hours: string }[] };
    };
    expect(main.text.week[0]).toEqual({ days: "Monday to Friday", hours: "09:00–18:00" });
  });

  it("serves the calendar feed and the HTML snippet", async () => {
    const ics = await fetch(`${base}/public/hours/main.ics`);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT\r\n/);
    const html = await (await fetch(`${base}/public/hours/main.html?lang=es`)).text();
    expect(html).toContain("<dt>De lunes a viernes</dt><dd>de 09:00 a 18:00</dd>");
  });

  it("knows no hotline it does not have, and nothing at all while publicHours is off", async () => {
    expect((await fetch(`${base}/public/hours/nope.json`)).status).toBe(404);
    expect((await fetch(`${base}/public/hours/main.pdf`)).status).toBe(404);
    const web0 = config.web;
    if (!web0) throw new Error("no web");
    config = { ...config, web: { ...web0, publicHours: false } };
    expect((await fetch(`${base}/public/hours/main.json`)).status).toBe(404);
  });
});
