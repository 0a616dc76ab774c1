import { describe, expect, it } from "vitest";
import { escapeHtml, renderMarkdown } from "../../../src/room/markdown.ts";

describe("renderMarkdown: the guidance's Markdown as safe HTML", () => {
  it("renders headings #, ## and ###; a fourth # stays text", () => {
    expect(renderMarkdown("# Greeting\n## Facts\n### Closing ##\n#### Not one")).toBe(
      "<h1>Greeting</h1>\n<h2>Facts</h2>\n<h3>Closing</h3>\n<p>#### Not one</p>",
    );
  });

  it("splits paragraphs at blank lines and keeps single newlines as line breaks", () => {
    expect(renderMarkdown("Good morning,\nyou are speaking with Ana.\n\nHow can I help?")).toBe(
      "<p>Good morning,<br>\nyou are speaking with Ana.</p>\n<p>How can I help?</p>",
    );
  });

  it("renders - and * bullet lists and numbered lists, an indented line continuing the item", () => {
    expect(renderMarkdown("- fees\n* dates\n  and deadlines\n\n1. ask\n2) answer")).toBe(
      "<ul>\n<li>fees</li>\n<li>dates<br>\nand deadlines</li>\n</ul>\n<ol>\n<li>ask</li>\n<li>answer</li>\n</ol>",
    );
  });

  it("renders **bold**, *italic* (also nested) and `code`; marks inside code stay literal", () => {
    expect(renderMarkdown("**Never** promise *a **place** now*; say `**not**`")).toBe(
      "<p><strong>Never</strong> promise <em>a <strong>place</strong> now</em>; say <code>**not**</code></p>",
    );
  });

  it("leaves unmatched marks and a lone star as text, and a backslash keeps a mark literal", () => {
    expect(renderMarkdown("2 * 3 = 6, **open, `tick, \\*not italic\\*")).toBe(
      "<p>2 * 3 = 6, **open, `tick, *not italic*</p>",
    );
  });

  it("links [text](https://…) and bare http(s) addresses, without the sentence's punctuation", () => {
    expect(renderMarkdown("See [the fees](https://example.org/fees?a=1&b=2) or http://example.org/x.")).toBe(
      '<p>See <a href="https://example.org/fees?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">the fees</a>' +
        ' or <a href="http://example.org/x" rel="noopener noreferrer" target="_blank">http://example.org/x</a>.</p>',
    );
  });

  describe("hostile input", () => {
    it("escapes raw HTML: a script tag arrives as text", () => {
      const html = renderMarkdown("<script>alert(1)</script>\n\n# <img src=x onerror=alert(1)>");
      expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<h1>&lt;img src=x onerror=alert(1)&gt;</h1>");
      expect(html).not.toMatch(/<(script|img)/i);
    });

    it("never links javascript:, data: or other schemes: the text stays as it was written", () => {
      const html = renderMarkdown("[click](javascript:alert(1)) [x](data:text/html,hi) [y](JaVaScRiPt:alert(1))");
      expect(html).not.toContain("<a");
      expect(html).toBe("<p>[click](javascript:alert(1)) [x](data:text/html,hi) [y](JaVaScRiPt:alert(1))</p>");
    });

    it("cannot break out of an href with quotes: the address stops at the quote, which is escaped", () => {
      const html = renderMarkdown("https://x.org/\"onmouseover=\"alert(1) and [a](https://x.org/'onclick='y)");
      expect(html).toBe(
        '<p><a href="https://x.org/" rel="noopener noreferrer" target="_blank">https://x.org/</a>' +
          '&quot;onmouseover=&quot;alert(1) and [a](<a href="https://x.org/" rel="noopener noreferrer" target="_blank">' +
          "https://x.org/</a>&#39;onclick=&#39;y)</p>",
      );
    });

    it("escapes markup inside bold, italic, code and link text", () => {
      expect(renderMarkdown('**<b>** *"q"* `<i>` [<u>](https://x.org)')).toBe(
        "<p><strong>&lt;b&gt;</strong> <em>&quot;q&quot;</em> <code>&lt;i&gt;</code> " +
          '<a href="https://x.org" rel="noopener noreferrer" target="_blank">&lt;u&gt;</a></p>',
      );
    });

    it("does not nest a link inside a link's text", () => {
      expect(renderMarkdown("[https://a.org](https://b.org)")).toBe(
        '<p><a href="https://b.org" rel="noopener noreferrer" target="_blank">https://a.org</a></p>',
      );
    });
  });

  it("escapeHtml turns &, <, >, \" and ' into entities", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });

  it("renders empty input as nothing", () => {
    expect(renderMarkdown("\n  \n")).toBe("");
  });
});
