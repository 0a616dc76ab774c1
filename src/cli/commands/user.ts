import type { Command } from "commander";
import { print } from "../table.ts";

/**
 * `hotline user passwd NAME`: a console user's password, kept only as a scrypt hash in the YAML.
 * The password is read from the terminal without echo (twice) or from standard input; the hash is
 * written into users.NAME.password of the main file (its comments and layout kept), or printed
 * when the user is not in that file.
 */
export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("console users: passwords for the desk and the wallboard");
  user
    .command("passwd <name>")
    .description("set a console user's password (a scrypt hash in users.<name>.password)")
    .option("-c, --config <file>", "hotline configuration")
    .option("--role <role>", "add the user with this role (operator or supervisor) if the file has none")
    .option("--print", "only print the hash; change no file")
    .action(async (name: string, opts: { config?: string; role?: string; print?: boolean }) => {
      const { resolveConfigPath } = await import("../../config/index.ts");
      const { hashPassword } = await import("../../web/passwords.ts");
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) throw new Error(`"${name}": use lowercase letters, digits, - and _`);
      if (opts.role !== undefined && opts.role !== "operator" && opts.role !== "supervisor")
        throw new Error("--role is operator or supervisor");
      const password = await readPassword();
      const hash = await hashPassword(password);
      if (opts.print) return print(hash);
      const path = resolveConfigPath(opts.config);
      const written = await writeHash(path, name, hash, opts.role);
      if (written) print(`${path}: users.${name}.password set (the running app takes it on its next reload)`);
      else {
        print(`users.${name} is not in ${path}; add it there:`);
        print(`users:\n  ${name}:\n    role: operator   # or supervisor\n    password: "${hash}"`);
      }
    });
}

async function writeHash(path: string, name: string, hash: string, role: string | undefined): Promise<boolean> {
  const { readFile, writeFile } = await import("node:fs/promises");
  const { parseDocument, isMap } = await import("yaml");
  const doc = parseDocument(await readFile(path, "utf8"));
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message}`);
  const users = doc.get("users");
  const known = isMap(users) && users.has(name);
  if (!known && !role) return false;
  if (!known) doc.setIn(["users", name], doc.createNode({ role, password: hash }));
  else doc.setIn(["users", name, "password"], hash);
  await writeFile(path, doc.toString({ lineWidth: 0 }));
  return true;
}

/** From a terminal: asked twice without echo. Otherwise: the first line of standard input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!line) throw new Error("no password on standard input");
    return line;
  }
  const first = await ask("New password: ");
  const again = await ask("Again: ");
  if (first !== again) throw new Error("the two passwords differ; nothing changed");
  return first;
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = "";
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          done();
          return resolve(text);
        }
        if (ch === "\u0003") {
          done();
          return reject(new Error("cancelled"));
        }
        if (ch === "\u007f" || ch === "\b") text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}
