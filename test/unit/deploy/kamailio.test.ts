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
  it("refuses requests from anyone who is neither a trunk nor a node", () => {
    expect(cfg).toMatch(/if \(\$var\(trunk\) == ""\) \{[^}]*sl_send_reply\("403", "Forbidden"\)/);
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
