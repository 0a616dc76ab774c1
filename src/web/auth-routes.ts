import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ConsoleContext, SESSION_COOKIE } from "./console.ts";
import { esc, page } from "./html.ts";
import { type ConsoleLanguage, isConsoleLanguage, pickLanguage, translate } from "./i18n.ts";
import { decoyHash, verifyPassword } from "./passwords.ts";

export const LANGUAGE_COOKIE = "hotline_lang";

/** The request's language: the user's cookie choice, the user's configured one, or the browser's. */
export function languageOf(request: FastifyRequest, configured?: string): ConsoleLanguage {
  const chosen = request.cookies[LANGUAGE_COOKIE];
  return pickLanguage(chosen ?? configured, request.headers["accept-language"]);
}

export function authRoutes(app: FastifyInstance, ctx: ConsoleContext, attemptsPerMinute: number): void {
  const cookie = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: "strict" as const,
    path: "/",
    secure: request.protocol === "https",
  });

  const loginPage = async (request: FastifyRequest, reply: FastifyReply, status: number, error?: string) => {
    const lang = languageOf(request);
    const csrf = reply.generateCsrf();
    const t = (key: Parameters<typeof translate>[1]) => esc(translate(lang, key));
    return reply
      .code(status)
      .type("text/html; charset=utf-8")
      .send(
        page({
          lang,
          title: "login.title",
          csrf,
          body: `<section class="login card">
<h1>${t("login.title")}</h1>
${error ? `<p class="error" role="alert" id="login-error">${esc(error)}</p>` : ""}
<form method="post" action="/login" id="login">
<input type="hidden" name="_csrf" value="${esc(csrf)}">
<label>${t("login.user")} <input name="user" autocomplete="username" required autofocus></label>
<label>${t("login.password")} <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${t("login.submit")}</button>
</form>
</section>`,
        }),
      );
  };

  app.get("/login", (request, reply) => loginPage(request, reply, 200));

  app.post<{ Body: { user?: string; password?: string } }>(
    "/login",
    {
      preHandler: app.csrfProtection,
      config: {
        rateLimit: {
          max: attemptsPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: () => ({
            statusCode: 429,
            error: "Too Many Requests",
            message: "too many sign-in attempts from this address: wait a minute",
          }),
        },
      },
    },
    async (request, reply) => {
      const name = String(request.body?.user ?? "").trim();
      const password = String(request.body?.password ?? "");
      const config = ctx.config();
      const user = Object.hasOwn(config.users, name) ? config.users[name] : undefined;
      // The same scrypt cost whether or not the user exists: the answer's timing tells nothing.
      const ok = await verifyPassword(password, user?.password ?? (await decoyHash()));
      if (!user || !ok) {
        ctx.audit({
          at: new Date(),
          user: user ? name : null,
          role: user?.role ?? null,
          action: "login",
          detail: user ? undefined : { name: name.slice(0, 64) },
          address: request.ip,
          result: "refused",
        });
        return loginPage(request, reply, 401, translate(languageOf(request), "login.wrong"));
      }
      const { token } = ctx.tokens.issue(name, user.password);
      ctx.audit({ at: new Date(), user: name, role: user.role, action: "login", address: request.ip, result: "ok" });
      return reply.setCookie(SESSION_COOKIE, token, cookie(request)).redirect("/", 303);
    },
  );

  app.post("/logout", { preHandler: app.csrfProtection }, async (request, reply) => {
    const config = ctx.config();
    const claims = ctx.tokens.verify(request.cookies[SESSION_COOKIE], (n) => config.users[n]?.password);
    if (claims) {
      ctx.tokens.revoke(claims);
      ctx.record(request, "logout", "ok");
    }
    return reply.clearCookie(SESSION_COOKIE, { path: "/" }).redirect("/login", 303);
  });

  // The language switch: a cookie only, so it is no write and needs no token.
  app.get<{ Params: { lang: string } }>("/language/:lang", async (request, reply) => {
    const lang = request.params.lang;
    if (isConsoleLanguage(lang)) reply.setCookie(LANGUAGE_COOKIE, lang, { ...cookie(request), maxAge: 365 * 86_400 });
    const back = request.headers.referer;
    let to = "/";
    if (back) {
      try {
        const url = new URL(back);
        if (url.host === request.headers.host) to = url.pathname + url.search;
      } catch {
        // A malformed referer: go home.
      }
    }
    return reply.redirect(to, 303);
  });
}
