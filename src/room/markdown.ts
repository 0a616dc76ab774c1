/**
 * A small Markdown → HTML renderer for the topics' guidance on the operator's desk. Pure, no
 * dependency, and safe by construction: every character of the input reaches the output escaped
 * unless it is one of the few marks below, so no HTML written in the YAML passes through.
 *
 * - `#`, `##`, `###` at a line's start: headings h1–h3 (more `#` stay text).
 * - Lines starting `- ` or `* `: a bullet list; `1. ` or `1) `: a numbered list. An indented line
 *   continues the item above.
 * - Other lines: paragraphs, split by blank lines; a single newline inside one is a line break.
 * - Inline: `code`, **bold**, *italic*, [text](https://…) and bare http(s):// addresses as links.
 *   Only http and https addresses ever become links; a backslash keeps the next mark literal.
 */

/** `text` with &, <, >, " and ' as entities: safe in element content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; lines: string[] }
  | { kind: "ul" | "ol"; items: string[][] };

const HEADING = /^(#{1,3})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$/;

export function renderMarkdown(markdown: string): string {
  return blocks(markdown).map(renderBlock).join("\n");
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      current = undefined;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ kind: "heading", level: (heading[1] as string).length, text: heading[2] as string });
      current = undefined;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const kind = bullet ? "ul" : "ol";
      if (current?.kind !== kind) {
        current = { kind, items: [] };
        out.push(current);
      }
      current.items.push([item[1] as string]);
      continue;
    }
    if ((current?.kind === "ul" || current?.kind === "ol") && /^[ \t]/.test(line)) {
      current.items.at(-1)?.push(line.trim());
      continue;
    }
    if (current?.kind !== "paragraph") {
      current = { kind: "paragraph", lines: [] };
      out.push(current);
    }
    current.lines.push(line.trim());
  }
  return out;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${inline(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p>${block.lines.map((l) => inline(l)).join("<br>\n")}</p>`;
    case "ul":
    case "ol":
      return `<${block.kind}>\n${block.items.map((lines) => `<li>${lines.map((l) => inline(l)).join("<br>\n")}</li>`).join("\n")}\n</${block.kind}>`;
  }
}

const LINK = /^\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"'`]+)\)/i;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/i;
const ESCAPABLE = /[\\`*_[\]()#+\-.!{}]/;

/** One line's inline marks; `links` false inside a link's own text. */
function inline(text: string, links = true): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\\" && ESCAPABLE.test(text[i + 1] ?? "")) {
      out += escapeHtml(text[i + 1] as string);
      i += 2;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        out += `<code>${escapeHtml(text.slice(i + 1, end))}</code>`;
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith("**", i)) {
      const end = text.indexOf("**", i + 2);
      if (end > i + 2) {
        out += `<strong>${inline(text.slice(i + 2, end), links)}</strong>`;
        i = end + 2;
        continue;
      }
      out += "**"; // unclosed: both stars are text, not an italic's opening
      i += 2;
      continue;
    }
    if (c === "*" && text[i + 1] !== " ") {
      const end = closingStar(text, i + 1);
      if (end > i + 1) {
        out += `<em>${inline(text.slice(i + 1, end), links)}</em>`;
        i = end + 1;
        continue;
      }
    }
    if (links && c === "[") {
      const m = LINK.exec(text.slice(i));
      if (m) {
        out += anchor(m[2] as string, inline(m[1] as string, false));
        i += m[0].length;
        continue;
      }
    }
    if (links && (c === "h" || c === "H") && !/\w/.test(text[i - 1] ?? "")) {
      const m = BARE_URL.exec(text.slice(i));
      if (m) {
        // Sentence punctuation after an address is not part of it.
        const url = m[0].replace(/[.,;:!?)]+$/, "");
        if (/^https?:\/\/./i.test(url)) {
          out += anchor(url, escapeHtml(url));
          i += url.length;
          continue;
        }
      }
    }
    out += escapeHtml(c);
    i++;
  }
  return out;
}

/** The single `*` closing an italic opened before `from` (not a `**`, not after a space); -1 when none. */
function closingStar(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if (text[j] !== "*") continue;
    if (text[j + 1] === "*") {
      j++;
      continue;
    }
    if (text[j - 1] !== " ") return j;
  }
  return -1;
}

function anchor(url: string, html: string): string {
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${html}</a>`;
}
