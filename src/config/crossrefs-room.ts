/** Checks of the supervisors' room: desk phones, operator codes, dispositions, recorded topics. */
import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import type { ParsedConfig } from "./schema.ts";

type Report = (path: ConfigPath, message: string, at?: PathIssue["at"]) => void;

export function checkRoom(config: ParsedConfig, error: Report, warn: Report): void {
  const languages = config.organization.languages;
  const operatorPhones = new Map(Object.entries(config.operators).map(([key, o]) => [o.endpoint, key]));
  const supervisorPhones = new Map<string, string>();
  for (const [key, s] of Object.entries(config.supervisors)) {
    const path: ConfigPath = ["supervisors", key];
    const operator = operatorPhones.get(s.endpoint);
    if (operator !== undefined)
      error([...path, "endpoint"], `endpoint "${s.endpoint}" is operator ${operator}'s desk phone`);
    const other = supervisorPhones.get(s.endpoint);
    if (other !== undefined)
      error([...path, "endpoint"], `endpoint "${s.endpoint}" is also used by supervisor ${other}`);
    else supervisorPhones.set(s.endpoint, key);
    s.languages.forEach((lang, i) => {
      if (!languages.includes(lang))
        error([...path, "languages", i], `"${lang}" is not in organization.languages (${languages.join(", ")})`);
    });
  }

  const codes = new Map<string, string>();
  for (const [key, o] of Object.entries(config.operators)) {
    if (o.code === undefined) continue;
    const first = codes.get(o.code);
    if (first !== undefined) error(["operators", key, "code"], `code "${o.code}" is also operator ${first}'s`);
    else codes.set(o.code, key);
  }
  if (Object.keys(config.supervisors).length > 0 && codes.size === 0 && Object.keys(config.operators).length > 0) {
    warn(["supervisors"], "no operator has a `code`, so supervisors can monitor only from the CLI or the API", "key");
  }

  const names = new Map<string, string>();
  for (const [digit, d] of Object.entries(config.dispositions)) {
    const path: ConfigPath = ["dispositions", digit];
    const first = names.get(d.name);
    if (first !== undefined) error([...path, "name"], `"${d.name}" is also disposition ${first}`);
    else names.set(d.name, digit);
  }

  for (const [key, t] of Object.entries(config.topics)) {
    if (t.sensitive && t.record === "always")
      error(["topics", key, "record"], "a sensitive topic's callers are told they are recorded: use announce or never");
  }
}
