import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadConfigSync } from "../../../src/config/index.ts";
import { CONSOLE_LANGUAGES, MESSAGES, pickLanguage, translate } from "../../../src/web/i18n.ts";
import { hashPassword, verifyPassword } from "../../../src/web/passwords.ts";
import { SessionTokens } from "../../../src/web/session.ts";

describe("console passwords", () => {
  it("are kept as scrypt hashes that verify only the same password", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct hors", hash)).toBe(false);
    expect(await hashPassword("correct horse")).not.toBe(hash); // salted
  });

  it("refuse short passwords and never throw on a malformed hash", async () => {
    await expect(hashPassword("short")).rejects.toThrow(/at least 8/);
    for (const bad of ["", "plain", "scrypt$1$8$1$aa$bb", "scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA", "md5$x$y$z$a$b"])
      expect(await verifyPassword("anything", bad)).toBe(false);
  });
});

describe("session tokens", () => {
  const tokens = new SessionTokens("a secret of enough length", 3_600_000);
  const hashes: Record<string, string> = { maria: "scrypt$hash-one", sam: "scrypt$hash-two" };
  const of = (u: string) => hashes[u];

  it("identify their user until they expire", () => {
    const { token } = tokens.issue("maria", "scrypt$hash-one", 1000);
    expect(tokens.verify(token, of, 2000)?.user).toBe("maria");
    expect(tokens.verify(token, of, 1000 + 3_600_001)).toBeUndefined();
  });

  it("cannot be altered: another user name, expiry or signature is refused", () => {
    const { token } = tokens.issue("maria", "scrypt$hash-one", 1000);
    const parts = token.split(".");
    expect(tokens.verify(["sam", ...parts.slice(1)].join("."), of, 2000)).toBeUndefined();
    expect(tokens.verify([parts[0], "99999999999999", ...parts.slice(2)].join("."), of, 2000)).toBeUndefined();
    expect(tokens.verify(`${token}x`, of, 2000)).toBeUndefined();
    expect(new SessionTokens("another secret entirely", 3_600_000).verify(token, of, 2000)).toBeUndefined();
  });

  it("end when the password changes, the user is removed, or the user signs out", () => {
    const { token, claims } = tokens.issue("maria", "scrypt$hash-one", 1000);
    expect(tokens.verify(token, () => "scrypt$new-hash", 2000)).toBeUndefined();
    expect(tokens.verify(token, () => undefined, 2000)).toBeUndefined();
    tokens.revoke(claims, 2000);
    expect(tokens.verify(token, of, 2000)).toBeUndefined();
  });
});

describe("the console's languages", () => {
  it("have the same words in every language", () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const lang of CONSOLE_LANGUAGES) expect(Object.keys(MESSAGES[lang]).sort()).toEqual(keys);
    for (const lang of CONSOLE_LANGUAGES)
      for (const [key, text] of Object.entries(MESSAGES[lang])) expect(text, `${lang} ${key}`).not.toBe("");
  });

  it("follow the user's choice, then the browser's preference, then English", () => {
    expect(pickLanguage("es", "en-GB,en;q=0.9")).toBe("es");
    expect(pickLanguage(undefined, "es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(pickLanguage(undefined, "fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4")).toBe("es");
    expect(pickLanguage(undefined, "de")).toBe("en");
    expect(pickLanguage("xx", undefined)).toBe("en");
    expect(translate("es", "wrap.countdown", { s: 7 })).toBe("Siguiente llamada en 7 s");
  });
});

const BASE = `organization: { name: Org, timezone: Europe/Madrid, languages: [en, es], defaultLanguage: en }
hotlines:
  main: { greeting: { en: Hello, es: Hola } }
topics:
  fees: { name: { en: Fees, es: Tasas }, competence: fees, guidance: { en: "Say **hello**" } }
operators:
  ana: { name: Ana, endpoint: op-ana, languages: [es], competences: { fees: 3 } }
supervisors:
  eva: { name: Eva, endpoint: sup-eva, languages: [es] }
`;

async function load(extra: string) {
  const dir = await mkdtemp(join(tmpdir(), "web-config-"));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, BASE + extra);
  const result = loadConfigSync(file, { env: {} });
  return { dir, result };
}

describe("the console's configuration", () => {
  it("accepts users with hashes, guidance per language, and defaults web to loopback", async () => {
    const hash = await hashPassword("operator-password");
    const { result } = await load(`web: {}
users:
  ana: { role: operator, password: "${hash}" }
  boss: { role: supervisor, supervisor: eva, password: "${hash}", language: es }
`);
    if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join("\n"));
    expect(result.config.web).toMatchObject({ listen: "127.0.0.1:8090", behindProxy: false, loginAttempts: 5 });
    expect(result.config.users.boss).toMatchObject({ role: "supervisor", supervisor: "eva" });
    expect(result.config.topics.fees?.guidance).toEqual({ en: "Say **hello**" });
  });

  it("locates its mistakes: a plain password, an unknown operator, an open address without TLS", async () => {
    const hash = await hashPassword("operator-password");
    const { dir, result } = await load(`web: { listen: "0.0.0.0:8090" }
users:
  ana: { role: operator, password: "secret123" }
  zoe: { role: operator, password: "${hash}" }
  boss: { role: supervisor, supervisor: nobody, password: "${hash}" }
`);
    if (result.ok) throw new Error("loaded");
    const errors = result.errors.map((e) => formatIssue(e, dir));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/hotline\.yaml:12:\d+: .*not a password hash: make one with `hotline user passwd NAME`/),
      ]),
    );
    const second = await load(`web: { listen: "0.0.0.0:8090" }
users:
  zoe: { role: operator, password: "${hash}" }
  boss: { role: supervisor, supervisor: nobody, password: "${hash}" }
`);
    if (second.result.ok) throw new Error("loaded");
    const more = second.result.errors.map((e) => formatIssue(e, second.dir));
    expect(more).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /hotline\.yaml:10:\d+: web.listen: the console would send passwords unencrypted on 0\.0\.0\.0: add web\.tls/,
        ),
        expect.stringMatching(/hotline\.yaml:12:\d+: users.zoe: operator "zoe" is not in operators:/),
        expect.stringMatching(
          /hotline\.yaml:13:\d+: users.boss.supervisor: supervisor "nobody" is not in supervisors:/,
        ),
      ]),
    );
  });
});
