import { type Command, Option } from "commander";
import type { HoursLanguage } from "../../hours/words.ts";
import { UsageError } from "../errors.ts";

interface HoursOptions {
  config?: string;
  hotline?: string;
  lang?: HoursLanguage;
  format: "text" | "html" | "json" | "ics";
  at?: string;
  days: number;
  flyer?: boolean;
  out?: string;
}

/**
 * `hotline hours`: the hours to print on the ads and show on the website, from the schedule the
 * calls are routed by (and the override in force), in English or Spanish.
 */
export function registerHoursCommand(program: Command): void {
  program
    .command("hours")
    .description(
      "a hotline's hours in plain words (en/es) as text, an HTML snippet, JSON or an iCalendar feed; --flyer -o DIR writes a printable page per number",
    )
    .option("-c, --config <file>", "hotline configuration")
    .option("--hotline <name>", "the hotline (default: each one)")
    .addOption(new Option("--lang <language>", "en or es (default: the organization's, else en)").choices(["en", "es"]))
    .addOption(
      new Option("--format <format>", "text, html, json or ics")
        .choices(["text", "html", "json", "ics"])
        .default("text"),
    )
    .option("--at <instant>", "as at this instant (ISO 8601; default now)")
    .option("--days <n>", "how many days ahead to look for days that differ", (v) => days(v), 60)
    .option("--flyer", "write flyer-<number>.html for each number, to print (with -o)")
    .option("-o, --out <dir>", "folder for the flyers")
    .action(async (opts: HoursOptions) => {
      const { loadConfigForCli } = await import("../load-config.ts");
      const { OpeningHours } = await import("../../calls/opening-hours.ts");
      const { hoursLanguage, hoursLines, hoursText } = await import("../../hours/words.ts");
      const render = await import("../../hours/render.ts");
      const config = await loadConfigForCli(opts.config);
      const at = opts.at ? instant(opts.at) : new Date();
      if (opts.hotline && !config.hotlines[opts.hotline])
        throw new UsageError(`--hotline: no hotline "${opts.hotline}" in ${config.path}`);
      if (opts.flyer && !opts.out) throw new UsageError("--flyer writes files: give the folder with -o DIR");
      const hours = OpeningHours.of(config);
      const sheetOf = (hotline: string) => hours.sheet(hotline, at, opts.days);
      const organization = config.organization.name;

      if (opts.flyer) {
        const { mkdir, writeFile } = await import("node:fs/promises");
        const { join, resolve } = await import("node:path");
        const out = resolve(opts.out ?? ".");
        await mkdir(out, { recursive: true });
        for (const n of config.numbers) {
          if (opts.hotline && n.hotline !== opts.hotline) continue;
          const language = hoursLanguage(opts.lang, n.language, config.organization.defaultLanguage);
          const text = hoursText(await sheetOf(n.hotline), language, at);
          const file = join(out, `flyer-${n.did.replace(/\D/g, "")}.html`);
          await writeFile(
            file,
            render.hoursFlyer({ organization, number: n.did, campaign: n.campaign, language, text }),
          );
          process.stdout.write(`wrote ${file}\n`);
        }
        return;
      }

      const language = hoursLanguage(opts.lang, config.organization.defaultLanguage);
      const hotlines = opts.hotline ? [opts.hotline] : Object.keys(config.hotlines);
      const results = [];
      for (const hotline of hotlines) {
        const sheet = await sheetOf(hotline);
        results.push({ hotline, sheet, text: hoursText(sheet, language, at) });
      }
      if (opts.format === "json") {
        const json = results.map((r) => render.hoursJson(r.hotline, r.sheet, r.text));
        process.stdout.write(`${JSON.stringify(opts.hotline ? json[0] : json, null, 2)}\n`);
      } else if (opts.format === "ics") {
        if (results.length !== 1) throw new UsageError("--format ics is one hotline's feed: name it with --hotline");
        const [r] = results;
        if (r) process.stdout.write(render.hoursIcs({ organization, hotline: r.hotline, language }, r.sheet, at));
      } else {
        const many = results.length > 1;
        for (const r of results) {
          if (opts.format === "html") process.stdout.write(render.hoursHtml(r.text, language, r.sheet));
          else {
            if (many) process.stdout.write(`${r.hotline}\n`);
            for (const line of hoursLines(r.text)) process.stdout.write(`${many ? "  " : ""}${line}\n`);
          }
        }
      }
    });
}

function instant(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--at: "${text}" is not an ISO 8601 instant`);
  return d;
}

function days(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 400) throw new UsageError(`--days: expected 1 to 400, got "${text}"`);
  return n;
}
