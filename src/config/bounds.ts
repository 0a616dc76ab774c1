/**
 * Limits that keep a hostile or broken configuration from taking the app down: a real configuration
 * is a few kilobytes, a few thousand values and a dozen levels deep, so these are far above any real
 * one and far below what would stall the event loop or exhaust memory.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Values after expanding aliases, over all files: an alias bomb expands to billions. */
export const MAX_VALUES = 20_000;

export function tooLargeMessage(bytes: number): string {
  return `file is ${bytes} bytes, more than the ${MAX_FILE_BYTES} bytes a configuration file may have`;
}

export function tooManyValuesMessage(): string {
  return `expands to more than ${MAX_VALUES} values through aliases (an alias bomb?); use fewer or smaller aliases`;
}

/** Nesting levels: a real configuration has about ten; yaml's parser overflows the stack near a thousand. */
export const MAX_DEPTH = 64;

export interface TooDeep {
  /** Offset in the text where the limit is crossed. */
  offset: number;
  message: string;
}

/**
 * Find nesting deeper than MAX_DEPTH before yaml parses the text (its parser is recursive and would
 * fail with "Maximum call stack size exceeded" somewhere else). A lexical scan: flow brackets outside
 * quotes and comments, and block levels as the indentation and the "- " / "? " at a line's start.
 * It may miscount inside block text scalars, which only matters for text with dozens of open brackets.
 */
export function findTooDeep(text: string): TooDeep | undefined {
  let flow = 0;
  let lineStart = true;
  let block = 0;
  let indent = 0;
  let prev = "\n";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\n") {
      lineStart = true;
      block = 0;
      indent = 0;
      prev = c;
      continue;
    }
    if (lineStart) {
      if (c === " ") {
        // Each block level is indented further: past this many columns it is too deep.
        if (++indent > 4 * MAX_DEPTH) return { offset: i, message: deepMessage() };
        prev = c;
        continue;
      }
      if ((c === "-" || c === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
        if (++block > MAX_DEPTH) return { offset: i, message: deepMessage() };
        prev = c;
        continue;
      }
      lineStart = false;
    }
    if (c === "#" && (prev === " " || prev === "\t" || prev === "\n")) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
      continue;
    }
    if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) {
      i = quoteEnd(text, i);
      prev = c;
      continue;
    }
    if (c === "[" || c === "{") {
      if (++flow + block > MAX_DEPTH) return { offset: i, message: deepMessage() };
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
    prev = c;
  }
  return undefined;
}

function deepMessage(): string {
  return `nested more than ${MAX_DEPTH} levels deep; a configuration needs far fewer (is a bracket or an indentation wrong?)`;
}

/** Index of the closing quote of the quoted scalar starting at `start` (or the text's end). */
function quoteEnd(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === "\\") i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}
