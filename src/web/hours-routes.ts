import type { FastifyInstance } from "fastify";
import { OpeningHours } from "../calls/opening-hours.ts";
import { hoursHtml, hoursIcs, hoursJson } from "../hours/render.ts";
import { hoursLanguage, hoursText } from "../hours/words.ts";
import type { ConsoleContext } from "./console.ts";

/**
 * The hours for the organization's website, with `web.publicHours` on: open now or when it opens,
 * the week and the days that differ, and the calendar feed, from the schedule the calls use. No
 * sign-in (it is what the ads print), so rate-limited, cached a minute, and readable from any origin.
 */
export function hoursRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get<{ Params: { file: string }; Querystring: { lang?: string } }>(
    "/public/hours/:file",
    { config: { rateLimit: { max: 120, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const config = ctx.config();
      const m = /^([A-Za-z0-9_-]+)\.(json|ics|html)$/.exec(request.params.file);
      const hotline = m?.[1];
      if (!config.web?.publicHours || !m || !hotline || !config.hotlines[hotline])
        return reply.code(404).type("text/plain; charset=utf-8").send("not found");
      const language = hoursLanguage(request.query.lang, config.organization.defaultLanguage);
      const at = new Date();
      const sheet = await OpeningHours.of(config).sheet(hotline, at);
      const text = hoursText(sheet, language, at);
      void reply.header("cache-control", "public, max-age=60").header("access-control-allow-origin", "*");
      switch (m[2]) {
        case "json":
          return reply.type("application/json; charset=utf-8").send(hoursJson(hotline, sheet, text));
        case "ics":
          return reply
            .type("text/calendar; charset=utf-8")
            .send(hoursIcs({ organization: config.organization.name, hotline, language }, sheet, at));
        default:
          return reply.type("text/html; charset=utf-8").send(hoursHtml(text, language, sheet));
      }
    },
  );
}
