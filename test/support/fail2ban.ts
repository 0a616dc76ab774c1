import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../src/package-root.ts";

export const FILTER_FILE = join(PACKAGE_ROOT, "config/fail2ban/filter.d/hotline-asterisk.conf");

export interface Fail2banFilter {
  failregex: string[];
  ignoreregex: string[];
  datepattern: string;
  /** The address fail2ban would count a failure against for this log line, if any. */
  match(line: string): string | undefined;
}

/**
 * fail2ban's reading of a filter file, for the part the hotline's filter uses: the [Definition]
 * section's failregex / ignoreregex (one regex a line), %(name)s references to its other keys, its
 * datepattern (strftime codes), and <HOST>. Like fail2ban, the date the datepattern finds is cut
 * out before the regexes are tried.
 */
export function parseFilter(text: string): Fail2banFilter {
  const values = definition(text);
  const list = (key: string) =>
    interpolate(values, values.get(key) ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  const failregex = list("failregex");
  const ignoreregex = list("ignoreregex");
  const datepattern = (values.get("datepattern") ?? "").trim();
  if (failregex.length === 0) throw new Error("fail2ban filter: no failregex");
  if (!datepattern) throw new Error("fail2ban filter: no datepattern");
  const date = new RegExp(strftime(datepattern.replace(/^\{\^LN-BEG\}/, "^")));
  const fails = failregex.map((r) => new RegExp(python(r).replace("<HOST>", HOST)));
  const ignores = ignoreregex.map((r) => new RegExp(python(r).replace("<HOST>", HOST)));
  return {
    failregex,
    ignoreregex,
    datepattern,
    match(line) {
      const found = date.exec(line);
      if (!found) return undefined;
      const rest = line.slice(0, found.index) + line.slice(found.index + found[0].length);
      if (ignores.some((r) => r.test(rest))) return undefined;
      for (const r of fails) {
        const m = r.exec(rest);
        if (m?.groups?.host) return m.groups.host;
      }
      return undefined;
    },
  };
}

export async function loadFilter(file = FILTER_FILE): Promise<Fail2banFilter> {
  return parseFilter(await readFile(file, "utf8"));
}

/** ConfigParser's %(name)s, from the same section, nested at most a few levels. */
function interpolate(values: Map<string, string>, value: string, depth = 0): string {
  if (depth > 5) throw new Error(`fail2ban filter: %(…)s nested too deep in ${value}`);
  return value.replace(/%\((\w+)\)s/g, (_, key: string) => {
    const found = values.get(key);
    if (found === undefined) throw new Error(`fail2ban filter: no key ${key} for %(${key})s`);
    return interpolate(values, found, depth + 1);
  });
}

/** An IPv4 or IPv6 address, as fail2ban's <HOST> would take it. */
const HOST = "(?<host>(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)";

/** The [Definition] section's keys; an indented line continues the value above it (ConfigParser). */
function definition(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = "";
  let key: string | undefined;
  for (const raw of text.split("\n")) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") {
      if (raw.trim() === "") key = undefined;
      continue;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1] ?? "";
      key = undefined;
      continue;
    }
    if (section !== "Definition") continue;
    if (/^\s/.test(raw) && key) {
      values.set(key, `${values.get(key)}\n${raw.trim()}`);
      continue;
    }
    const kv = /^([\w.]+)\s*=\s?(.*)$/.exec(raw);
    if (!kv) throw new Error(`fail2ban filter: not a key = value line: ${raw}`);
    key = kv[1] ?? "";
    values.set(key, kv[2] ?? "");
  }
  return values;
}

/** ConfigParser's %% is a literal %; a regex that needs a Python-only construct is refused. */
function python(regex: string): string {
  if (/\(\?P[<=]|\(\?<[=!]/.test(regex)) throw new Error(`fail2ban filter: keep to regexes JS reads too: ${regex}`);
  return regex.replaceAll("%%", "%");
}

function strftime(pattern: string): string {
  const codes: Record<string, string> = {
    Y: "\\d{4}",
    m: "\\d{2}",
    d: "\\d{2}",
    H: "\\d{2}",
    M: "\\d{2}",
    S: "\\d{2}",
    f: "\\d{1,6}",
  };
  return python(pattern).replace(/%([A-Za-z])/g, (_, c: string) => {
    const code = codes[c];
    if (!code) throw new Error(`fail2ban filter: datepattern code %${c} not known here`);
    return code;
  });
}
