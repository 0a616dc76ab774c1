import { describe, expect, it } from "vitest";
import { confValue, fillTemplate, renderPjsipHotline } from "../../../src/asterisk/sandbox/render.ts";
import type { SandboxSpec } from "../../../src/asterisk/sandbox/spec.ts";

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
});
