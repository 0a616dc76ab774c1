import { showText } from "../../records/neutralise.ts";

/** Text for HTML: markup characters as entities, control and bidi characters (from caller ID) as escapes. */
export function escapeHtml(text: string): string {
  return showText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
