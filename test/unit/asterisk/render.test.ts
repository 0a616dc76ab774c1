import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { confValue, fillTemplate, renderPjsipHotline } from "../../../src/asterisk/sandbox/render.ts";
import type { SandboxSpec } from "../../../src/asterisk/sandbox/spec.ts";
import { PACKAGE_ROOT } from "../../../src/package-root.ts";

const spec: SandboxSpec = {
  dir: "/tmp/x",
  app: "hotline",
  bind: "127.0.0.1",
  sipPort: 5060,
  httpPort: 8088,
  amiPort: 5038,
  rtpStart: 10000,
  rtpEnd: 10999,
  ari: { username: "hotline", password: "p" },
  ami: { username: "hotline", password: "p" },
  trunks: [{ name: "main-trunk", match: ["127.0.0.1:5070", "10.0.0.0/8"] }],
  operators: [{ endpoint: "op-maria", password: "s3cret", contact: "sip:op-maria@127.0.0.1:5081" }],
  languages: ["en", "es"],
};

describe("Asterisk config rendering", () => {
  it("fills placeholders and refuses unknown ones", () => {
    expect(fillTemplate("port={{HTTP_PORT}}", { HTTP_PORT: 8088 })).toBe("port=8088");
    expect(() => fillTemplate("x={{NOPE}}", {}, "http.conf")).toThrow("http.conf: no value for {{NOPE}}");
  });

  it("rejects values that could break out of a config line", () => {
    expect(confValue(" ok ")).toBe("ok");
    expect(() => confValue("a\nb")).toThrow();
    expect(() => confValue("x;comment")).toThrow();
    expect(() => confValue("[section]")).toThrow();
  });

  it("identifies the trunk by source address and port, and gives desk phones digest auth", () => {
    const text = renderPjsipHotline(spec);
    expect(text).toContain(
      "[main-trunk]\ntype = identify\nendpoint = main-trunk\nmatch = 127.0.0.1:5070\nmatch = 10.0.0.0/8",
    );
    expect(text).toContain("context = from-trunk");
    expect(text).toContain("contact = sip:127.0.0.1:5070");
    expect(text).toContain("[op-maria]\ntype = auth\nauth_type = userpass\nusername = op-maria\npassword = s3cret");
    expect(text).toContain("context = from-operators");
    expect(text).toContain("contact = sip:op-maria@127.0.0.1:5081");
  });

  it("lets a trunk be known by its address only and a desk phone by its digest only", () => {
    const text = renderPjsipHotline(spec);
    const section = (name: string, type: string) =>
      text.split(/\n(?=\[)/).find((s) => s.startsWith(`[${name}]\ntype = ${type}\n`)) ?? "";
    expect(section("main-trunk", "endpoint")).toMatch(/^identify_by = ip$/m);
    expect(section("main-trunk", "endpoint")).not.toMatch(/^auth = /m);
    expect(section("op-maria", "endpoint")).toMatch(/^identify_by = auth_username$/m);
    expect(section("op-maria", "endpoint")).toMatch(/^allow_unauthenticated_options = no$/m);
    expect(section("op-maria", "endpoint")).toMatch(/^auth = op-maria$/m);
    expect(text).not.toMatch(/identify_by = .*username,|identify_by = username/);
  });

  it("behind the edge, rings a phone with no fixed contact through the edge, where it registered", () => {
    const text = renderPjsipHotline({
      ...spec,
      edge: "10.0.0.10:5060",
      operators: [...spec.operators, { endpoint: "op-luis", password: "p" }],
    });
    const aor = (name: string) => text.split(/\n(?=\[)/).find((s) => s.startsWith(`[${name}]\ntype = aor\n`)) ?? "";
    expect(aor("op-luis")).toMatch(/^contact = sip:op-luis@10\.0\.0\.10:5060$/m);
    expect(aor("op-maria")).toMatch(/^contact = sip:op-maria@127\.0\.0\.1:5081$/m);
  });
});

describe("the Asterisk templates' hardening", () => {
  const template = (name: string) => readFile(join(PACKAGE_ROOT, "config/asterisk", name), "utf8");

  it("identifies requests by source address and digest username, never by From, with no guest", async () => {
    const pjsip = await template("pjsip.conf");
    expect(pjsip).toMatch(/^endpoint_identifier_order = ip,auth_username$/m);
    expect(pjsip).not.toMatch(/^\s*endpoint_identifier_order = .*\b(username|anonymous|header|request_uri)\b.*$/m);
    expect(pjsip).toMatch(/^unidentified_request_count = \d+$/m);
    expect(pjsip).toMatch(/^unidentified_request_period = \d+$/m);
    expect(pjsip).toMatch(/^unidentified_request_prune_interval = \d+$/m);
    const modules = await template("modules.conf");
    expect(modules).not.toMatch(/^\s*(load|require) = res_pjsip_endpoint_identifier_anonymous\.so/m);
    expect(modules).toMatch(/^require = res_pjsip_endpoint_identifier_user\.so$/m);
  });

  it("writes Asterisk's security events to security.log in the log folder", async () => {
    expect(await template("logger.conf")).toMatch(/^security\.log => security$/m);
    expect(await template("modules.conf")).toMatch(/^require = res_security_log\.so$/m);
    expect(await template("asterisk.conf")).toMatch(/^astlogdir => \{\{LOG_DIR\}\}$/m);
  });
});
