/**
 * Rendered prompts live in <sounds.dir>/<lang>/<file>.wav; the sandbox links each language folder as
 * sounds/<lang>/hotline, so ARI plays them as sound:hotline/<file> with Asterisk's language fallback.
 */
export type PromptKind = "greeting";

export function promptFile(kind: PromptKind, hotline: string): string {
  return `${kind}-${hotline}`;
}

export function promptSound(kind: PromptKind, hotline: string): string {
  return `sound:hotline/${promptFile(kind, hotline)}`;
}

/** Fill {organization} and similar placeholders in a prompt text. */
export function fillPromptText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
