/**
 * Checks that need the whole configuration: references between sections, duplicates and texts
 * missing in one of the organization's languages. Runs on schema-valid data and returns path
 * issues; the loader locates them in the YAML.
 */

import { overlaps } from "../schedule/intervals.ts";
import { pauseCoverage, type Roster, rosterPauses } from "../schedule/roster.ts";
import { MINUTES_PER_DAY, type MinuteRange } from "../schedule/syntax.ts";
import { checkCallbacks } from "./crossrefs-callbacks.ts";
import { checkDirectory, directorySchedules } from "./crossrefs-directory.ts";
import { checkRoom } from "./crossrefs-room.ts";
import { checkWeb } from "./crossrefs-web.ts";
import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import { normalizeNumber } from "./routing.ts";
import type { ParsedConfig } from "./schema.ts";
import { didYouMean } from "./suggest.ts";

export function checkCrossReferences(config: ParsedConfig): PathIssue[] {
  const issues: PathIssue[] = [];
  const error = (path: ConfigPath, message: string, at: PathIssue["at"] = "value") =>
    issues.push({ path, message, severity: "error", at });
  const warn = (path: ConfigPath, message: string, at: PathIssue["at"] = "value") =>
    issues.push({ path, message, severity: "warning", at });

  const languages = config.organization.languages;
  const hotlines = Object.keys(config.hotlines);
  const topics = Object.keys(config.topics);
  const schedules = Object.keys(config.schedules);
  const trunks = config.trunks.map((t) => t.name);
  const directory = Object.keys(config.directory);
  /** A competence is a name a topic asks for; operators and directory entries may only claim those. */
  const competences = [...new Set(Object.values(config.topics).map((t) => t.competence))];

  const unknown = (kind: string, value: string, known: string[]) =>
    `unknown ${kind} "${value}"${didYouMean(value, known)}${known.length ? ` — known: ${known.join(", ")}` : ` — no ${kind}s are defined`}`;

  /** Every spoken text must exist in every organization language; extra languages are likely typos. */
  const texts = (texts: Record<string, string> | undefined, path: ConfigPath, what: string) => {
    if (!texts) return;
    for (const lang of languages)
      if (texts[lang] === undefined) error([...path, lang], `${what} is missing in "${lang}"`);
    for (const lang of Object.keys(texts)) {
      if (!languages.includes(lang)) {
        warn(
          [...path, lang],
          `"${lang}" is not in organization.languages (${languages.join(", ")}); this text is never used`,
          "key",
        );
      }
    }
  };

  // Organization.
  if (!languages.includes(config.organization.defaultLanguage)) {
    error(
      ["organization", "defaultLanguage"],
      `"${config.organization.defaultLanguage}" is not in organization.languages (${languages.join(", ")})`,
    );
  }
  duplicates(languages, (i, first) =>
    error(["organization", "languages", i], `"${languages[i]}" is listed twice (also at [${first}])`),
  );

  // Asterisk connection.
  const nodes = config.asterisk.nodes;
  if (nodes) {
    if (config.asterisk.mode !== "external") error(["asterisk", "nodes"], "nodes need asterisk.mode: external");
    for (const key of ["ari", "ami"] as const)
      if (config.asterisk[key]) error(["asterisk", key], "give either nodes or ari and ami, not both");
    duplicates(
      nodes.map((n) => n.name),
      (i, first) => error(["asterisk", "nodes", i, "name"], `"${nodes[i]?.name}" is listed twice (also at [${first}])`),
    );
  } else if (config.asterisk.mode === "external") {
    for (const key of ["ari", "ami"] as const) {
      if (!config.asterisk[key]) error(["asterisk", key], `required when asterisk.mode is external`);
    }
  }
  const sb = config.asterisk.sandbox;
  if (sb.rtpEnd <= sb.rtpStart)
    error(["asterisk", "sandbox", "rtpEnd"], `must be greater than rtpStart (${sb.rtpStart})`);
  if (config.database.client === "pg" && !config.database.connection) {
    error(["database", "connection"], "required when database.client is pg");
  }

  // Trunks.
  duplicates(trunks, (i, first) =>
    error(["trunks", i, "name"], `trunk "${trunks[i]}" is defined twice (also trunks[${first}])`),
  );

  // Numbers.
  const dids = config.numbers.map((n) => normalizeNumber(n.did));
  duplicates(dids, (i, first) =>
    error(["numbers", i, "did"], `duplicate number ${config.numbers[i]?.did} (also numbers[${first}])`),
  );
  config.numbers.forEach((n, i) => {
    if (!config.hotlines[n.hotline]) error(["numbers", i, "hotline"], unknown("hotline", n.hotline, hotlines));
    if (n.language && !languages.includes(n.language)) {
      error(["numbers", i, "language"], `"${n.language}" is not in organization.languages (${languages.join(", ")})`);
    }
  });

  // Hotlines.
  for (const [key, h] of Object.entries(config.hotlines)) {
    const at = (...rest: (string | number)[]): ConfigPath => ["hotlines", key, ...rest];
    if (h.schedule !== undefined && !config.schedules[h.schedule]) {
      error(at("schedule"), unknown("schedule", h.schedule, schedules));
    }
    texts(h.greeting, at("greeting"), "the greeting");
    for (const [kind, prompt] of Object.entries(h.prompts ?? {}))
      texts(prompt, at("prompts", kind), `the ${kind} prompt`);
    if (h.menu) {
      texts(h.menu.prompt, at("menu", "prompt"), "the menu prompt");
      if (h.menu.default !== undefined && !config.topics[h.menu.default]) {
        error(at("menu", "default"), unknown("topic", h.menu.default, topics));
      }
      for (const [digit, option] of Object.entries(h.menu.options)) {
        const opt = (...rest: (string | number)[]) => at("menu", "options", digit, ...rest);
        if ((option.topic === undefined) === (option.menu === undefined)) {
          error(opt(), "give either topic or menu (a second-level menu), not both or neither");
        }
        if (option.topic !== undefined && !config.topics[option.topic])
          error(opt("topic"), unknown("topic", option.topic, topics));
        texts(option.label, opt("label"), "the label");
        if (option.menu) {
          texts(option.menu.prompt, opt("menu", "prompt"), "the menu prompt");
          if (option.menu.default !== undefined && !config.topics[option.menu.default]) {
            error(opt("menu", "default"), unknown("topic", option.menu.default, topics));
          }
          for (const [d2, leaf] of Object.entries(option.menu.options)) {
            if (!config.topics[leaf.topic])
              error(opt("menu", "options", d2, "topic"), unknown("topic", leaf.topic, topics));
            texts(leaf.label, opt("menu", "options", d2, "label"), "the label");
          }
        }
      }
    }
    if (h.overflow) {
      const { action, to, trunk } = h.overflow;
      if (action === "transfer" && to === undefined)
        error(at("overflow", "to"), "required when overflow.action is transfer");
      if (to !== undefined) {
        if (action !== "transfer") warn(at("overflow", "to"), `only used when action is transfer (it is ${action})`);
        const isNumber = /^\+?[0-9][0-9 ]*$/.test(to);
        if (!isNumber && !config.hotlines[to] && !config.directory[to]) {
          error(
            at("overflow", "to"),
            `"${to}" is not a phone number, a directory entry or a hotline${didYouMean(to, [...directory, ...hotlines])}`,
          );
        }
        if (to === key) error(at("overflow", "to"), "a hotline cannot overflow to itself");
        if (isNumber && trunks.length === 0 && trunk === undefined) {
          error(at("overflow", "to"), "a transfer to an outside number needs a trunk, and none is defined");
        }
      }
      if (trunk !== undefined && !trunks.includes(trunk))
        error(at("overflow", "trunk"), unknown("trunk", trunk, trunks));
    }
    if (h.survey?.enabled) {
      if (!h.survey.question) error(at("survey", "question"), "required when the survey is enabled");
      texts(h.survey.question, at("survey", "question"), "the survey question");
    }
  }

  // Topics.
  for (const [key, t] of Object.entries(config.topics)) {
    texts(t.name, ["topics", key, "name"], "the topic name");
    texts(t.answers, ["topics", key, "answers"], "the answer");
    const staffed = Object.values(config.operators).some((o) => o.competences[t.competence] !== undefined);
    if (!staffed && Object.keys(config.operators).length > 0) {
      warn(
        ["topics", key, "competence"],
        `no operator has competence "${t.competence}"; these calls go to any operator`,
      );
    }
  }

  // Operators.
  const endpoints = Object.entries(config.operators).map(([, o]) => o.endpoint);
  const operatorKeys = Object.keys(config.operators);
  duplicates(endpoints, (i, first) =>
    error(
      ["operators", operatorKeys[i] as string, "endpoint"],
      `endpoint "${endpoints[i]}" is also used by operator ${operatorKeys[first]}`,
    ),
  );
  for (const [key, o] of Object.entries(config.operators)) {
    o.languages.forEach((lang, i) => {
      if (!languages.includes(lang)) {
        error(
          ["operators", key, "languages", i],
          `"${lang}" is not in organization.languages (${languages.join(", ")})`,
        );
      }
    });
    for (const c of Object.keys(o.competences)) {
      if (!competences.includes(c))
        error(["operators", key, "competences", c], unknown("competence", c, competences), "key");
    }
    if (o.roster) checkRoster(o.roster, ["operators", key, "roster"], error, warn);
  }

  checkDirectory(config, { error, warn, unknown, competences });

  // Supervisors, recordings, dispositions.
  checkRoom(config, error, warn);

  // Schedules nobody uses are probably a typo in a hotline's schedule.
  const used = new Set([...Object.values(config.hotlines).map((h) => h.schedule), ...directorySchedules(config)]);
  for (const s of schedules)
    if (!used.has(s)) warn(["schedules", s], `schedule "${s}" is not used by any hotline`, "key");

  checkCallbacks(config, { error, warn, unknown });
  checkWeb(config, error, warn);
  return issues;
}

type Report = (path: ConfigPath, message: string, at?: PathIssue["at"]) => void;

/**
 * Lunch and breaks read as the ACD and the report read them (src/schedule/roster.ts): each applies
 * where a shift covers it, on whichever day that shift began, so a 02:00 break of a night shift does.
 */
function checkRoster(roster: Roster, path: ConfigPath, error: Report, warn: Report): void {
  const pauses = rosterPauses(roster).map((p) => ({
    ...p,
    path: p.index === undefined ? [...path, "lunch"] : [...path, "breaks", p.index],
  }));
  for (const p of pauses) {
    const minutes = p.range.end - p.range.start;
    if (p.state === "break" && (minutes < 10 || minutes > 15))
      error(p.path, `a short break lasts 10 to 15 minutes (${p.text} is ${minutes})`);
    const coverage = pauseCoverage(roster, p.range);
    if (coverage === "none") warn(p.path, `${p.text} is outside every shift, so it never applies`);
    if (coverage === "part") warn(p.path, `${p.text} is only partly inside a shift, so it is cut short`);
  }
  // Times of day: 23:55-00:10+1 and 00:05-00:15 overlap on the next day.
  const sameDay = (a: MinuteRange, b: MinuteRange) =>
    [-MINUTES_PER_DAY, 0, MINUTES_PER_DAY].some((d) => overlaps(a, { start: b.start + d, end: b.end + d }));
  const sorted = [...pauses].sort((a, b) => a.range.start - b.range.start);
  sorted.forEach((cur, i) => {
    const prev = sorted
      .slice(0, i)
      .reverse()
      .find((p) => sameDay(p.range, cur.range));
    if (prev) error(cur.path, `${cur.text} overlaps ${prev.text}`);
  });
}

/** Calls back for each repeated value with its index and the index of its first occurrence. */
function duplicates(values: readonly string[], report: (index: number, first: number) => void): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first === undefined) seen.set(v, i);
    else report(i, first);
  });
}
