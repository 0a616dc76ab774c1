import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigSync } from "../../../src/config/index.ts";
import { PACKAGE_ROOT } from "../../../src/package-root.ts";
import { verifyPassword } from "../../../src/web/passwords.ts";

const YAML = `# our hotline
organization: { name: Org, timezone: Europe/Madrid, languages: [en], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello } }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [en] } # Ana's desk
`;

function passwd(args: string[], input: string) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", join(PACKAGE_ROOT, "src/cli/index.ts"), "user", "passwd", ...args],
    {
      input,
      encoding: "utf8",
      cwd: PACKAGE_ROOT,
    },
  );
}

describe("hotline user passwd", () => {
  it("writes only a hash into the file, keeps its comments, and the hash checks the password", async () => {
    const dir = await mkdtemp(join(tmpdir(), "user-passwd-"));
    const file = join(dir, "hotline.yaml");
    await writeFile(file, YAML);
    const added = passwd(["ana", "--role", "operator", "-c", file], "first-password\n");
    expect(added.stderr).toBe("");
    expect(added.status).toBe(0);
    const changed = passwd(["ana", "-c", file], "second-password\n");
    expect(changed.status).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text).toContain("# our hotline");
    expect(text).toContain("# Ana's desk");
    expect(text).not.toContain("password\n");
    expect(text).not.toContain("second-password");
    const result = loadConfigSync(file, { env: {} });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const hash = result.config.users.ana?.password ?? "";
    expect(result.config.users.ana?.role).toBe("operator");
    expect(await verifyPassword("second-password", hash)).toBe(true);
    expect(await verifyPassword("first-password", hash)).toBe(false);
  });

  it("prints what to add for a user the file does not have, and refuses a short password", async () => {
    const dir = await mkdtemp(join(tmpdir(), "user-passwd-"));
    const file = join(dir, "hotline.yaml");
    await writeFile(file, YAML);
    const printed = passwd(["zoe", "-c", file], "a-long-password\n");
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/users\.zoe is not in .*hotline\.yaml; add it there:\nusers:\n {2}zoe:\n/);
    expect(await readFile(file, "utf8")).toBe(YAML);
    const short = passwd(["ana", "--role", "operator", "-c", file], "short\n");
    expect(short.status).not.toBe(0);
    expect(short.stderr).toContain("at least 8 characters");
  });
});
