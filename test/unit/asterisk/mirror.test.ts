import { describe, expect, it } from "vitest";
import { parseDeb822, parseOneLine } from "../../../src/asterisk/sandbox/mirror.ts";

describe("Debian mirror discovery from the host's APT sources", () => {
  it("reads deb822 .sources blocks, keeping suites, components and the keyring", () => {
    const entries = parseDeb822(
      [
        "Types: deb",
        "URIs: http://mirror.example/debian",
        "Suites: bookworm bookworm-updates",
        "Components: main",
        "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg",
        "",
        "Types: deb-src",
        "URIs: http://mirror.example/debian",
        "Suites: bookworm",
        "Components: main",
        "",
        "Types: deb",
        "URIs: http://mirror.example/debian-security",
        "Suites: bookworm-security",
        "Components: main",
      ].join("\n"),
    );
    expect(entries).toEqual([
      {
        uri: "http://mirror.example/debian",
        suites: ["bookworm", "bookworm-updates"],
        components: ["main"],
        keyring: "/usr/share/keyrings/debian-archive-keyring.gpg",
      },
      {
        uri: "http://mirror.example/debian-security",
        suites: ["bookworm-security"],
        components: ["main"],
        keyring: undefined,
      },
    ]);
  });

  it("reads one-line sources.list entries with options and comments", () => {
    const entries = parseOneLine(
      "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://m.example/debian bookworm main contrib\ndeb-src http://x bookworm main\n",
    );
    expect(entries).toEqual([
      { uri: "http://m.example/debian", suites: ["bookworm"], components: ["main", "contrib"], keyring: "/k.gpg" },
    ]);
  });
});
