import { escapeHtml } from "../room/markdown.ts";
import { type ConsoleLanguage, MESSAGES, type MessageKey, translate } from "./i18n.ts";
import type { ConsoleUser } from "./types.ts";

/** Text for HTML: every character that could open markup is escaped. */
export function esc(value: unknown): string {
  return escapeHtml(String(value ?? ""));
}

/**
 * A page: the shell is rendered here, the live parts by the page's script from the data in
 * #boot (JSON, not script: the content security policy allows no inline script).
 */
export function page(options: {
  lang: ConsoleLanguage;
  title: MessageKey;
  user?: ConsoleUser | undefined;
  csrf?: string;
  script?: string;
  body: string;
  boot?: object;
  bodyClass?: string;
}): string {
  const t = (key: MessageKey) => esc(translate(options.lang, key));
  const boot = JSON.stringify({
    lang: options.lang,
    messages: MESSAGES[options.lang],
    csrf: options.csrf ?? "",
    user: options.user ?? null,
    ...options.boot,
  }).replace(/</g, "\\u003c");
  const nav = options.user ? navigation(options.lang, options.user, options.csrf ?? "") : "";
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(options.title)} — ${t("app.title")}</title>
<link rel="stylesheet" href="/assets/console.css">
</head>
<body class="${esc(options.bodyClass ?? "")}">
<header class="top">${nav}</header>
<div id="connection" class="connection" hidden></div>
<main>
${options.body}
</main>
<script type="application/json" id="boot">${boot}</script>
${options.script ? `<script type="module" src="/assets/${esc(options.script)}"></script>` : ""}
</body>
</html>`;
}

function navigation(lang: ConsoleLanguage, user: ConsoleUser, csrf: string): string {
  const t = (key: MessageKey) => esc(translate(lang, key));
  const links =
    user.role === "supervisor"
      ? `<a href="/wallboard">${t("nav.wallboard")}</a> <a href="/wallboard?wall=1">${t("nav.wall")}</a>
<a href="/report" target="_blank">${t("nav.report")}</a> <a href="/export.csv">${t("nav.export")}</a> <a href="/export.xlsx">${t("nav.exportXlsx")}</a>`
      : `<a href="/desk">${t("nav.desk")}</a>`;
  const other = lang === "en" ? "es" : "en";
  return `<span class="brand">${t("app.title")}</span> <nav>${links}</nav>
<span class="who">${esc(user.name)}</span>
<a class="lang" href="/language/${other}" hreflang="${other}">${other === "es" ? "Español" : "English"}</a>
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${esc(csrf)}"><button type="submit" id="logout">${t("nav.logout")}</button></form>`;
}
