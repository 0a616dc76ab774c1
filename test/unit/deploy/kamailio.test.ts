import { describe, expect, it } from "vitest";
import { renderKamailio } from "../../../src/deploy/kamailio.ts";

const input = {
  edge: {
    listen: "10.0.0.10:5060",
    probeSeconds: 3,
    nodes: [
      { name: "a", sip: "10.0.0.11:5060" },
      { name: "b", sip: "10.0.0.12:5060" },
    ],
  },
  trunks: [
    { name: "carrier", match: ["203.0.113.5", "203.0.113.6:5070"] },
    { name: "backup", match: ["198.51.100.0/24"] },
  ],
};
const { "kamailio.cfg": cfg, "dispatcher.list": list } = renderKamailio(input, { dir: "/etc/hotline/edge" });

describe("the edge's Kamailio configuration", () => {
  it("listens on the edge's address only", () => {
    expect(cfg).toContain("listen=udp:10.0.0.10:5060");
  });
  it("lists every node in one dispatcher set, named", () => {
    expect(list).toContain("1 sip:10.0.0.11:5060 0 0 name=a");
    expect(list).toContain("1 sip:10.0.0.12:5060 0 0 name=b");
    expect(cfg).toContain('modparam("dispatcher", "list_file", "/etc/hotline/edge/dispatcher.list")');
  });
  it("probes the nodes at the configured interval; a timeout (tm's own 408) is not an answer", () => {
    expect(cfg).toContain('modparam("dispatcher", "ds_ping_interval", 3)');
    expect(cfg).toMatch(/ds_ping_reply_codes", "class=2;code=401/);
    expect(cfg).not.toMatch(/ds_ping_reply_codes"[^\n]*class=4/);
  });
  it("names a call's trunk by its source address: address, address:port, block", () => {
    expect(cfg).toContain('if ($si == "203.0.113.5") $var(trunk) = "carrier";');
    expect(cfg).toContain('if ($si == "203.0.113.6" && $sp == 5070) $var(trunk) = "carrier";');
    expect(cfg).toContain('if (is_in_subnet("$si", "198.51.100.0/24")) $var(trunk) = "backup";');
  });
  it("drops a trunk header the caller sent before stamping its own", () => {
    expect(cfg.indexOf('remove_hf("X-Hotline-Trunk")')).toBeLessThan(
      cfg.indexOf('append_hf("X-Hotline-Trunk: $var(trunk)'),
    );
  });
  it("takes anyone who is neither a trunk nor a node for a desk phone: challenged, feature codes only", () => {
    expect(cfg).toMatch(/if \(\$var\(trunk\) == ""\) \{\s*route\(PHONE_CALL\);\s*exit;/);
    const phoneCall = cfg.slice(cfg.indexOf("route[PHONE_CALL]"));
    expect(phoneCall).toMatch(/if \(!is_method\("INVITE"\)\) \{\s*sl_send_reply\("405"/);
    // Authenticated before the number is even looked at; then only *… goes on, naming the phone.
    expect(phoneCall.indexOf("route(PHONE_AUTH)")).toBeLessThan(
      phoneCall.indexOf('sl_send_reply("404", "Feature codes only")'),
    );
    expect(phoneCall.indexOf('remove_hf("X-Hotline-Phone")')).toBeLessThan(
      phoneCall.indexOf('append_hf("X-Hotline-Phone: $au'),
    );
  });
  it("knows no phone's password unless phones are configured", () => {
    expect(cfg).not.toContain("event_route[htable:mod-init]");
    expect(cfg).toContain('auth_challenge("hotline", "0")');
  });
  it("lets a desk phone register as itself only, with its own password", () => {
    const withPhones = renderKamailio(
      { ...input, phones: [{ endpoint: "op-luis", password: "s3cret-Pw" }] },
      { dir: "/tmp" },
    )["kamailio.cfg"];
    expect(withPhones).toMatch(/event_route\[htable:mod-init\] \{\s*\$sht\(phones=>op-luis\) = "s3cret-Pw";/);
    expect(withPhones).toMatch(
      /is_method\("REGISTER"\)\) \{\s*route\(PHONE_AUTH\);\s*# [^\n]*\n\s*if \(\$au != \$tU\)/,
    );
    expect(withPhones).toContain('pv_www_authenticate("hotline", "$sht(phones=>$au)", "0")');
  });
  it("refuses a phone name or password that would break out of kamailio.cfg", () => {
    expect(() =>
      renderKamailio({ ...input, phones: [{ endpoint: "op-x", password: 'a";exit;"' }] }, { dir: "/tmp" }),
    ).toThrow("desk phone op-x: its name or password cannot go into kamailio.cfg");
  });
  it("rings a phone where it registered when a node asks the edge for it; not registered → 480", () => {
    expect(cfg).toMatch(/if \(uri == myself\) \{\s*if \(!lookup\("location"\)\) \{\s*sl_send_reply\("480"/);
  });
  it("tries the next node when one fails or does not answer", () => {
    expect(cfg).toContain('t_on_failure("NEXT_NODE")');
    expect(cfg).toMatch(/failure_route\[NEXT_NODE\][\s\S]*ds_mark_dst\("ip"\)[\s\S]*ds_next_dst\(\)/);
  });
  it("refuses a trunk given by host name: Kamailio checks addresses", () => {
    expect(() =>
      renderKamailio({ ...input, trunks: [{ name: "x", match: ["sip.carrier.example"] }] }, { dir: "/tmp" }),
    ).toThrow('trunk x: match "sip.carrier.example" is a host name');
  });
});
