/** Checks of the console: who each user is, and that a console off loopback is protected. */
import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import type { ParsedConfig } from "./schema.ts";

type Report = (path: ConfigPath, message: string, at?: PathIssue["at"]) => void;

export function checkWeb(config: ParsedConfig, error: Report, warn: Report): void {
  const web = config.web;
  if (web) {
    const host = web.listen.slice(0, web.listen.lastIndexOf(":")).replace(/^\[|\]$/g, "");
    const loopback = host === "localhost" || host === "::1" || /^127\./.test(host);
    if (!loopback && !web.tls && !web.behindProxy)
      error(
        ["web", "listen"],
        `the console would send passwords unencrypted on ${host}: add web.tls, or web.behindProxy: true when a TLS proxy is in front`,
      );
    if (Object.keys(config.users).length === 0)
      warn(["web"], "no users: nobody can sign in (add users: and run `hotline user passwd NAME`)", "key");
  }
  for (const [key, u] of Object.entries(config.users)) {
    const path: ConfigPath = ["users", key];
    if (u.role === "operator") {
      const operator = u.operator ?? key;
      if (!(operator in config.operators))
        error(
          u.operator ? [...path, "operator"] : path,
          `operator "${operator}" is not in operators:${u.operator ? "" : ` (set users.${key}.operator)`}`,
          u.operator ? undefined : "key",
        );
      if (u.supervisor !== undefined) error([...path, "supervisor"], "an operator user names no supervisor");
    } else {
      if (u.supervisor !== undefined && !(u.supervisor in config.supervisors))
        error([...path, "supervisor"], `supervisor "${u.supervisor}" is not in supervisors:`);
      if (u.operator !== undefined) error([...path, "operator"], "a supervisor user names no operator");
    }
    if (u.language !== undefined && !config.organization.languages.includes(u.language))
      error([...path, "language"], `"${u.language}" is not in organization.languages`);
  }
}
