import { type HotlinePrompt, hotlinePromptFile } from "./catalog.ts";

/**
 * Rendered prompts live in <sounds.dir>/<lang>/<file>.wav; the sandbox links each language folder as
 * sounds/<lang>/hotline, so ARI plays them as sound:hotline/<file> with Asterisk's language fallback.
 */
export function soundUri(file: string): string {
  return `sound:hotline/${file}`;
}

export function promptSound(name: HotlinePrompt, hotline: string): string {
  return soundUri(hotlinePromptFile(name, hotline));
}
