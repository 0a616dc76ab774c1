import type { FastifyInstance } from "fastify";
import { languageOf } from "./auth-routes.ts";
import type { ConsoleContext } from "./console.ts";
import { page } from "./html.ts";

/** The two pages: their shells here, their live content from the page scripts over /live. */
export function pageRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get("/", async (request, reply) => {
    const user = ctx.userOf(request);
    if (!user) return reply.redirect("/login");
    return reply.redirect(user.role === "supervisor" ? "/wallboard" : "/desk");
  });

  app.get("/desk", async (request, reply) => {
    const user = ctx.require(request, reply, "operator");
    if (!user) return;
    const lang = languageOf(request, user.language);
    const config = ctx.config();
    return reply.type("text/html; charset=utf-8").send(
      page({
        lang,
        title: "nav.desk",
        user,
        csrf: reply.generateCsrf(),
        script: "desk.js",
        bodyClass: "desk",
        boot: {
          pauseReasons: ["break", "lunch", "training", "other"],
          dispositions: Object.entries(config.dispositions).map(([code, d]) => ({
            code,
            name: d.name,
            label: d.label?.[lang] ?? d.name,
          })),
        },
        body: `<div class="grid">
<section class="card" id="me"></section>
<section class="card wide" id="call"></section>
<section class="card" id="directory"></section>
<section class="card" id="wrap"></section>
<section class="card" id="worklist"></section>
</div>`,
      }),
    );
  });

  app.get<{ Querystring: { wall?: string } }>("/wallboard", async (request, reply) => {
    const user = ctx.require(request, reply, "supervisor");
    if (!user) return;
    const lang = languageOf(request, user.language);
    const wall = request.query.wall === "1";
    const config = ctx.config();
    return reply.type("text/html; charset=utf-8").send(
      page({
        lang,
        title: "nav.wallboard",
        user,
        csrf: reply.generateCsrf(),
        script: "wallboard.js",
        bodyClass: wall ? "wallboard wall" : "wallboard",
        boot: {
          wall,
          hotlines: Object.keys(config.hotlines),
          operators: Object.fromEntries(Object.entries(config.operators).map(([k, o]) => [k, o.name])),
          pauseReasons: ["break", "lunch", "training", "other"],
          canMonitor: Boolean(user.supervisor),
        },
        body: `<section class="alerts" id="alerts"></section>
<section class="figures" id="hotlines"></section>
<section class="card" id="operators"></section>
<section class="card" id="trunks"></section>
<section class="card" id="callbacks"></section>
<section class="card" id="controls"></section>`,
      }),
    );
  });
}
