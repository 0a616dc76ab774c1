import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import { vi } from "vitest";

const CLI = resolve(import.meta.dirname, "../../../src/cli");

/**
 * The `hotline` program as src/cli/index.ts assembles it, built in-process: every `registerX(program)`
 * that file calls, imported from where it imports it. A command added there is found here too.
 */
export async function hotlineProgram(): Promise<Command> {
  const index = readFileSync(resolve(CLI, "index.ts"), "utf8");
  const program = new Command().name("hotline").exitOverride();
  const imports = new Map(
    [...index.matchAll(/^import \{ (register\w+) \} from "(\.\/commands\/[^"]+)";$/gm)].map((m) => [m[1], m[2]]),
  );
  const calls = [...index.matchAll(/^(register\w+)\(program\);$/gm)].map((m) => m[1] as string);
  if (calls.length === 0) throw new Error("src/cli/index.ts registers no commands (has its shape changed?)");
  for (const name of calls) {
    const from = imports.get(name);
    if (!from) throw new Error(`src/cli/index.ts calls ${name} but imports it from nowhere this test knows`);
    const module = (await import(pathToFileURL(resolve(CLI, from)).href)) as Record<string, (p: Command) => void>;
    module[name]?.(program);
  }
  return program;
}

/** Every command below the program, as its full name: "report", "asterisk install", … */
export function allCommands(command: Command, prefix: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return [{ path, command: c }, ...allCommands(c, path)];
  });
}

/** Run `work` with standard output and error captured: what it printed. */
export async function captured<T>(work: () => Promise<T>): Promise<{ stdout: string; stderr: string; value: T }> {
  let stdout = "";
  let stderr = "";
  const spy = (stream: NodeJS.WriteStream, add: (text: string) => void) =>
    vi.spyOn(stream, "write").mockImplementation((chunk) => {
      add(String(chunk));
      return true;
    });
  const out = spy(process.stdout, (t) => {
    stdout += t;
  });
  const err = spy(process.stderr, (t) => {
    stderr += t;
  });
  try {
    const value = await work();
    return { stdout, stderr, value };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A configuration whose external Asterisk is not there: commands load it, the app runs without one. */
export function externalConfigYaml(database: string): string {
  return [
    "organization: { name: Test College, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }",
    "asterisk:",
    "  mode: external",
    '  ari: { url: "http://127.0.0.1:1", username: a, password: b }',
    "  ami: { host: 127.0.0.1, port: 1, username: a, password: b }",
    `database: { filename: ${database} }`,
    "sounds: { dir: ./sounds }",
    "state: { dir: ./state }",
    "hotlines:",
    "  main: { languageChoice: false, greeting: { en: Hello. } }",
    "",
  ].join("\n");
}
