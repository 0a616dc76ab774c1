import type { ConfigPath } from "./format.ts";
import type { PathIssue } from "./locate.ts";
import type { ParsedConfig } from "./schema.ts";
import { allowPatternRegex } from "./schema-callbacks.ts";

type Report = (path: ConfigPath, message: string, at?: PathIssue["at"]) => void;

/** `callbacks:`: patterns that compile, a trunk that exists, and a number to call from. */
export function checkCallbacks(
  config: ParsedConfig,
  report: { error: Report; warn: Report; unknown: (kind: string, value: string, known: string[]) => string },
): void {
  const cb = config.callbacks;
  if (!cb) return;
  const { error, warn } = report;
  cb.allow.forEach((pattern, i) => {
    const re = allowPatternRegex(pattern);
    if (typeof re === "string") error(["callbacks", "allow", i], re);
  });
  const trunks = config.trunks.map((t) => t.name);
  if (cb.trunk !== undefined && !trunks.includes(cb.trunk))
    error(["callbacks", "trunk"], report.unknown("trunk", cb.trunk, trunks));
  if (trunks.length === 0) error(["callbacks"], "calling back needs a trunk, and none is defined", "key");
  // The caller sees a number of ours: without any, they would be called from nobody.
  if (config.numbers.length === 0)
    warn(["callbacks"], "no numbers are defined: callbacks go out without caller ID", "key");
}
