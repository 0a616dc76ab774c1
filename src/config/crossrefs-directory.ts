/**
 * The directory's references: each entry reached exactly one way (desk phone, outside number over a
 * known trunk, a known hotline's queue), topics, competences, languages and schedules that exist,
 * and codes an operator can dial unambiguously (unique; the # that ends them makes prefixes safe).
 */
import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import { normalizeNumber } from "./routing.ts";
import type { ParsedConfig } from "./schema.ts";

type Report = (path: ConfigPath, message: string, at?: PathIssue["at"]) => void;

export interface DirectoryCheckContext {
  error: Report;
  warn: Report;
  unknown: (kind: string, value: string, known: string[]) => string;
  competences: readonly string[];
}

export function checkDirectory(config: ParsedConfig, { error, warn, unknown, competences }: DirectoryCheckContext) {
  const languages = config.organization.languages;
  const hotlines = Object.keys(config.hotlines);
  const topics = Object.keys(config.topics);
  const trunks = config.trunks.map((t) => t.name);
  const schedules = Object.keys(config.schedules);
  const ownNumbers = new Set(config.numbers.map((n) => normalizeNumber(n.did)));
  const codes = new Map<string, string>();

  for (const [key, d] of Object.entries(config.directory)) {
    const at = (...rest: (string | number)[]): ConfigPath => ["directory", key, ...rest];
    const ways = [d.endpoint, d.number, d.queue].filter((w) => w !== undefined).length;
    if (ways !== 1) error(at(), `give exactly one of endpoint, number or queue (how to reach ${d.name})`, "key");
    const first = codes.get(d.code);
    if (first !== undefined) error(at("code"), `code ${d.code} is also directory.${first}'s; codes must be unique`);
    else codes.set(d.code, key);
    if (d.number !== undefined) {
      if (ownNumbers.has(normalizeNumber(d.number)))
        error(at("number"), `${d.number} is one of this hotline's own numbers; use queue: { hotline } instead`);
      if (d.trunk === undefined && trunks.length === 0)
        error(at("number"), "calling an outside number needs a trunk, and none is defined");
    }
    if (d.trunk !== undefined) {
      if (!trunks.includes(d.trunk)) error(at("trunk"), unknown("trunk", d.trunk, trunks));
      if (d.number === undefined) warn(at("trunk"), "only used with number");
    }
    if (d.queue) {
      if (!config.hotlines[d.queue.hotline])
        error(at("queue", "hotline"), unknown("hotline", d.queue.hotline, hotlines));
      if (d.queue.topic !== undefined && !config.topics[d.queue.topic])
        error(at("queue", "topic"), unknown("topic", d.queue.topic, topics));
    }
    d.topics.forEach((t, i) => {
      if (!config.topics[t]) error(at("topics", i), unknown("topic", t, topics));
    });
    d.competences.forEach((c, i) => {
      if (!competences.includes(c)) error(at("competences", i), unknown("competence", c, [...competences]));
    });
    (d.languages ?? []).forEach((lang, i) => {
      if (!languages.includes(lang))
        error(at("languages", i), `"${lang}" is not in organization.languages (${languages.join(", ")})`);
    });
    if (typeof d.hours === "string" && !config.schedules[d.hours])
      error(at("hours"), unknown("schedule", d.hours, schedules));
  }
}

/** Schedules the directory refers to by name (so they don't count as unused). */
export function directorySchedules(config: ParsedConfig): string[] {
  return Object.values(config.directory).flatMap((d) => (typeof d.hours === "string" ? [d.hours] : []));
}
