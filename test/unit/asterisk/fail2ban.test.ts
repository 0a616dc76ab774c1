import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../../src/package-root.ts";
import { loadFilter, parseFilter } from "../../support/fail2ban.ts";

const FIXTURES = join(PACKAGE_ROOT, "test/fixtures/fail2ban");
const lines = async (name: string) => (await readFile(join(FIXTURES, name), "utf8")).split("\n").filter(Boolean);

describe("the fail2ban filter shipped in config/fail2ban", () => {
  it("finds the source address in every failure line of Asterisk's security log", async () => {
    const filter = await loadFilter();
    // Real Asterisk 22 lines (a probe from 127.0.0.1), then the other shapes: TCP, IPv6, an ACL refusal.
    expect((await lines("security-fail.txt")).map((l) => filter.match(l))).toEqual([
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1",
      "203.0.113.7",
      "2001:db8::7",
      "198.51.100.9",
    ]);
  });

  it("counts no challenge, success, banner, other log's line, or forged field against anyone", async () => {
    const filter = await loadFilter();
    const ignored = await lines("security-ignored.txt");
    expect(ignored.length).toBe(5);
    // The fourth names 192.0.2.55 inside a caller-chosen value: nobody is banned for it.
    expect(ignored.map((l) => filter.match(l))).toEqual(ignored.map(() => undefined));
  });

  it("reads a filter as fail2ban does: continued lines, %(name)s, %% and the date cut out first", () => {
    const filter = parseFilter(`[INCLUDES]
before = common.conf

[Definition]
_who = user '\\w+'
failregex = ^ login failed for %(_who)s from <HOST>$
            ^ bad key from <HOST>$
ignoreregex = ^ login failed for user 'probe'
datepattern = ^%%Y-%%m-%%d %%H:%%M:%%S
`);
    expect(filter.failregex).toEqual(["^ login failed for user '\\w+' from <HOST>$", "^ bad key from <HOST>$"]);
    expect(filter.match("2026-12-02 10:00:00 login failed for user 'bob' from 192.0.2.1")).toBe("192.0.2.1");
    expect(filter.match("2026-12-02 10:00:00 bad key from 2001:db8::1")).toBe("2001:db8::1");
    expect(filter.match("2026-12-02 10:00:00 login failed for user 'probe' from 192.0.2.1")).toBeUndefined();
    // No date, no match: fail2ban drops lines its datepattern does not find.
    expect(filter.match("login failed for user 'bob' from 192.0.2.1")).toBeUndefined();
    expect(() => parseFilter("[Definition]\nfailregex = (?P<x>a)<HOST>\ndatepattern = ^%%Y\n")).toThrow(/JS reads too/);
    expect(() => parseFilter("[Definition]\nfailregex = %(nope)s\ndatepattern = ^%%Y\n")).toThrow(/no key nope/);
  });

  it("ships a jail for that filter on the security log, banning every port, never the host itself", async () => {
    const jail = await readFile(join(PACKAGE_ROOT, "config/fail2ban/jail.d/hotline-asterisk.conf"), "utf8");
    expect(jail).toMatch(/^\[hotline-asterisk\]$/m);
    expect(jail).toMatch(/^enabled = true$/m);
    expect(jail).toMatch(/^filter = hotline-asterisk$/m);
    expect(jail).toMatch(/^logpath = \S+\/log\/security\.log$/m);
    expect(jail).toMatch(/^banaction = %\(banaction_allports\)s$/m);
    expect(jail).toMatch(/^protocol = tcp,udp$/m);
    expect(jail).toMatch(/^ignoreip = 127\.0\.0\.1\/8 ::1$/m);
  });
});
