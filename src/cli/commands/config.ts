import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ConfigIssue, HotlineConfig } from "../../config/index.ts";
import { EXIT_RUNTIME, EXIT_USAGE, UsageError } from "../errors.ts";

/** `hotline check` and `hotline schema`: validate the configuration, export its JSON Schema. */
export function registerConfigCommands(program: Command): void {
  program
    .command("check")
    .description("validate the configuration: every error as file:line:col, exit code 2 if any")
    .option("-c, --config <file>", "configuration file (default: $HOTLINE_CONFIG, config/hotline.yaml, the example)")
    .option(
      "--asterisk",
      "also ask Asterisk (ARI, AMI) what it lacks: modules, dialplan, endpoints, sounds; exit 1 if any",
    )
    .action(async (opts: { config?: string; asterisk?: boolean }) => {
      const { displayFile, formatIssue, loadConfig, resolveConfigPath } = await import("../../config/index.ts");
      const { understaffingWarnings } = await import("../../acd/staffing.ts");
      const { compileConfigSchedules } = await import("../../config/schedules.ts");
      const path = resolveConfigPath(opts.config);
      const result = await loadConfig(path);
      const cwd = process.cwd();
      const print = (issues: ConfigIssue[]) => {
        for (const issue of issues) process.stderr.write(`${formatIssue(issue, cwd)}\n`);
      };
      if (!result.ok) {
        print(result.errors);
        print(result.warnings);
        process.stderr.write(`${path}: ${plural(result.errors.length, "error")}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      print(result.warnings);
      // Rosters against opening hours, this week: when is a topic or language left without anyone?
      const file = displayFile(resolve(path), cwd);
      // Compiled with their .ics imports read, as `start` and `schedule` do.
      const schedules = compileConfigSchedules(result.config);
      const gaps = understaffingWarnings(result.config, new Date(), { schedules });
      for (const gap of gaps) process.stderr.write(`${file}: warning: understaffed this week: ${gap}\n`);
      const { looseFiles } = await import("../private-paths.ts");
      const loose = await looseFiles(result.config);
      for (const line of loose) process.stderr.write(`${line}\n`);
      const count = result.warnings.length + gaps.length + loose.length;
      const warned = count ? ` (${plural(count, "warning")})` : "";
      process.stdout.write(`${displayFile(resolve(path), cwd)}: OK — ${summary(result.config)}${warned}\n`);
      if (opts.asterisk) {
        const check = await import("../../asterisk/export/check.ts");
        const expected = await check.expectedFor(result.config);
        const facts = await check.gatherAsteriskFacts(await check.checkedConnection(result.config), expected);
        const findings = check.asteriskFindings(expected, facts);
        process.stdout.write(check.formatFindings(findings));
        const missing = findings.filter((f) => f.status === "missing").length;
        process.stdout.write(missing ? `Asterisk: ${missing} missing\n` : "Asterisk: everything present\n");
        if (missing) process.exitCode = EXIT_RUNTIME;
      }
    });

  program
    .command("schema")
    .description("print the configuration's JSON Schema (for editors: yaml-language-server)")
    .option("-o, --out <file>", "write it to a file instead, e.g. config/hotline.schema.json")
    .action(async (opts: { out?: string }) => {
      const { configJsonSchemaText } = await import("../../config/json-schema.ts");
      const text = configJsonSchemaText();
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    });
}

/**
 * The configuration for a command that needs a valid one: errors are printed as file:line:col lines
 * and the command fails with one summary line (the CLI entry prints thrown messages).
 */
export async function requireConfig(option?: string): Promise<HotlineConfig> {
  const { formatIssue, loadConfig, resolveConfigPath } = await import("../../config/index.ts");
  const path = resolveConfigPath(option);
  const result = await loadConfig(path);
  if (result.ok) return result.config;
  for (const issue of result.errors) process.stderr.write(`${formatIssue(issue, process.cwd())}\n`);
  throw new UsageError(`${path}: ${plural(result.errors.length, "error")}; run \`hotline check\` after fixing`);
}

/** "1 organization, 2 hotlines, 3 topics, 4 operators, 2 trunks, 3 numbers". */
export function summary(config: HotlineConfig): string {
  return [
    plural(1, "organization"),
    plural(Object.keys(config.hotlines).length, "hotline"),
    plural(Object.keys(config.topics).length, "topic"),
    plural(Object.keys(config.operators).length, "operator"),
    plural(config.trunks.length, "trunk"),
    plural(config.numbers.length, "number"),
  ].join(", ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
