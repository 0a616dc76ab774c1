import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ExportInput,
  INCLUDED_FROM,
  renderExtensionsHotline,
  renderReadme,
  renderSnippets,
  requiredModules,
} from "../../../src/asterisk/export/render.ts";
import { PACKAGE_ROOT } from "../../../src/package-root.ts";

const template = await readFile(join(PACKAGE_ROOT, "dialplan/extensions.conf"), "utf8");

const input: ExportInput = {
  app: "northfield-line",
  trunks: [
    { name: "carrier-a", match: ["192.0.2.10"] },
    { name: "carrier-b", match: ["198.51.100.0/24"], contact: "sip:198.51.100.7:5060" },
  ],
  phones: [
    { endpoint: "op-maria", password: "pw-maria" },
    { endpoint: "sup-ana", password: "pw-ana", contact: "sip:sup-ana@127.0.0.1:5090" },
  ],
  ari: { username: "hotline-ari", password: "ari-secret" },
  ami: { username: "hotline-ami", password: "ami-secret" },
  dialplanTemplate: template,
};

const sections = (text: string) => [...text.matchAll(/^\[([^\]]+)\]/gm)].map((m) => m[1]);

describe("export-config snippets", () => {
  const files = renderSnippets(input);

  it("writes one snippet per main file, none with a [general] section", () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(INCLUDED_FROM).sort());
    for (const [name, text] of Object.entries(files)) {
      expect(sections(text), name).not.toContain("general");
      expect(sections(text), name).not.toContain("global");
      expect(text, name).not.toMatch(/\{\{/);
    }
  });

  it("prefixes every dialplan context and every Goto to them, and hands calls to the configured app", () => {
    const dialplan = files["extensions_hotline.conf"] ?? "";
    const contexts = sections(dialplan);
    expect(contexts).toEqual(
      expect.arrayContaining([
        "hotline-inbound",
        "hotline-from-trunk",
        "hotline-from-operators",
        "hotline-fallback",
        "hotline-fallback-end",
      ]),
    );
    // No app to take the call: the native queue the app keeps current, named as queues_hotline.conf has it.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${VAR} is dialplan syntax, not a template.
    expect(dialplan).toContain('GotoIf($["${STASISSTATUS}" = "FAILED"]?hotline-fallback,s,1)');
    expect(dialplan).toContain("Queue(hotline-fallback,");
    expect(sections(files["queues_hotline.conf"] ?? "")).toEqual(["hotline-fallback"]);
    for (const c of contexts) expect(c).toMatch(/^hotline-/);
    expect(dialplan).toContain("Goto(hotline-inbound,s,1)");
    expect(dialplan).not.toMatch(/Goto\((from-|inbound)/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${VAR} is dialplan syntax, not a template.
    expect(dialplan).toContain("Stasis(northfield-line,inbound,${HOTLINE_DID},${HOTLINE_TRUNK})");
    expect(dialplan).toContain("Stasis(northfield-line,feature,");
    expect(dialplan).not.toContain("Stasis(hotline,");
  });

  it("has every trunk by source address and every desk phone by digest user, in the prefixed contexts", () => {
    const pjsip = files["pjsip_hotline.conf"] ?? "";
    for (const t of input.trunks) expect(sections(pjsip).filter((s) => s === t.name)).toHaveLength(3);
    for (const p of input.phones) expect(sections(pjsip).filter((s) => s === p.endpoint)).toHaveLength(3);
    expect(pjsip).toContain("match = 192.0.2.10");
    expect(pjsip).toContain("match = 198.51.100.0/24");
    expect(pjsip).toContain("contact = sip:198.51.100.7:5060");
    expect(pjsip.match(/identify_by = ip/g)).toHaveLength(2);
    expect(pjsip.match(/identify_by = auth_username/g)).toHaveLength(2);
    expect(pjsip.match(/context = hotline-from-trunk/g)).toHaveLength(2);
    expect(pjsip.match(/context = hotline-from-operators/g)).toHaveLength(2);
    expect(pjsip).toContain("password = pw-maria");
    // The admin's transport, not the sandbox's.
    expect(pjsip).not.toContain("transport =");
  });

  it("has the ARI and AMI users with their passwords, AMI on loopback only", () => {
    expect(files["ari_hotline.conf"]).toMatch(/\[hotline-ari\]\ntype = user\nread_only = no\npassword = ari-secret/);
    const manager = files["manager_hotline.conf"] ?? "";
    expect(manager).toContain("[hotline-ami]\nsecret = ami-secret");
    expect(manager).toContain("permit = 127.0.0.1/255.255.255.255");
    expect(manager).toMatch(/write = .*originate/);
    expect(files["http_hotline.conf"]?.split("\n").every((l) => l === "" || l.startsWith(";"))).toBe(true);
  });

  it("README names each include line, every password and the YAML's env references", () => {
    const readme = renderReadme(input, ["res_pjsip", "res_ari"]);
    for (const [file, main] of Object.entries(INCLUDED_FROM))
      expect(readme).toMatch(new RegExp(`${main} +#include ${file}`));
    for (const pw of ["ari-secret", "ami-secret", "pw-maria", "pw-ana"]) expect(readme).toContain(pw);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${VAR} is configuration syntax, not a template.
    expect(readme).toContain('password: "${HOTLINE_ARI_PASSWORD}"');
    expect(readme).toContain("HOTLINE_AMI_PASSWORD=ami-secret");
    expect(readme).toContain("res_pjsip res_ari");
  });

  it("keeps a context that already has the prefix, and leaves other apps' contexts in Goto alone", () => {
    const text = renderExtensionsHotline(
      "[general]\nstatic = yes\n[hotline-x]\nexten => s,1,Goto(elsewhere,s,1)\n[y]\nexten => s,1,Goto(hotline-x,s,1)\n",
      "a",
    );
    expect(sections(text)).toEqual(["hotline-x", "hotline-y"]);
    expect(text).toContain("Goto(elsewhere,s,1)");
    expect(text).not.toContain("static");
  });

  it("reads the required modules from the sandbox's modules.conf", async () => {
    const modules = requiredModules(await readFile(join(PACKAGE_ROOT, "config/asterisk/modules.conf"), "utf8"));
    expect(modules).toEqual(expect.arrayContaining(["res_pjsip", "res_stasis", "res_ari", "app_stasis", "pbx_config"]));
    expect(modules).not.toContain("res_sorcery_memory"); // load =, not require =
  });
});
