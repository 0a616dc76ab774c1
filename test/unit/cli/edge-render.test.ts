import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captured, externalConfigYaml, hotlineProgram } from "./program.ts";

let dir: string;
let config: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hotline-edge-render-"));
  config = join(dir, "hotline.yaml");
  await writeFile(
    config,
    `${externalConfigYaml(join(dir, "calls.sqlite"))}topics:
  general: { name: { en: General questions }, competence: general }
operators:
  luis: { name: Luis, endpoint: op-luis, languages: [en], competences: { general: 5 } }
edge:
  listen: "10.0.0.10:5060"
  nodes: [{ name: a, sip: "10.0.0.11:5060" }]
`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function render(out: string) {
  return captured(() =>
    hotlineProgram().then((p) => p.parseAsync(["node", "hotline", "edge", "render", "-o", out, "-c", config])),
  );
}

describe("hotline edge render", () => {
  it("gives each desk phone a password at the edge, kept from one render to the next, readable by owner and group only", async () => {
    const out = join(dir, "edge");
    const first = await render(out);
    expect(first.stdout).toContain(
      `desk phones register at 10.0.0.10:5060 with the passwords in ${join(out, "credentials.json")}`,
    );
    const credentials = JSON.parse(await readFile(join(out, "credentials.json"), "utf8")) as {
      deskPhones: Record<string, string>;
    };
    const password = credentials.deskPhones["op-luis"];
    expect(password).toMatch(/^[\w-]{20,}$/);
    const cfg = await readFile(join(out, "kamailio.cfg"), "utf8");
    expect(cfg).toContain(`$sht(phones=>op-luis) = "${password}";`);
    expect((await stat(join(out, "kamailio.cfg"))).mode & 0o777).toBe(0o640);

    await render(out);
    expect(await readFile(join(out, "kamailio.cfg"), "utf8")).toBe(cfg);
  });
});
