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
  let block = 0;
  let indent = 0;
  const found = scanStructure(text, text.length, (c, _i, lineStart) => {
    if (c === "\n") {
      block = 0;
      indent = 0;
    } else if (lineStart && c === " ") {
      // Each block level is indented further: past this many columns it is too deep.
      if (++indent > 4 * MAX_DEPTH) return true;
    } else if (lineStart) {
      if (++block > MAX_DEPTH) return true;
    } else if (c === "[" || c === "{") {
      if (++flow + block > MAX_DEPTH) return true;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
    return false;
  });
  return found === undefined ? undefined : { offset: found, message: deepMessage() };
}

/** Offset of the innermost flow bracket still open at `end` (where yaml says one is not closed). */
export function openBracketBefore(text: string, end: number): number | undefined {
  const open: number[] = [];
  scanStructure(text, end, (c, i) => {
    if (c === "[" || c === "{") open.push(i);
    else if (c === "]" || c === "}") open.pop();
    return false;
  });
  return open.at(-1);
}

/**
 * Call `visit` for each character of YAML structure before `end`: newlines, indentation spaces and
 * "- " / "? " at a line's start (with lineStart true), and everything else outside quoted scalars and
 * comments. Stops at, and returns the offset of, the first character `visit` returns true for.
 */
function scanStructure(
  text: string,
  end: number,
  visit: (c: string, i: number, lineStart: boolean) => boolean,
): number | undefined {
  let lineStart = true;
  let prev = "\n";
  for (let i = 0; i < end; i++) {
    const c = text[i] as string;
    if (c === "\n") lineStart = true;
    else if (lineStart && c !== " " && !((c === "-" || c === "?") && /[ \t]/.test(text[i + 1] ?? ""))) {
      lineStart = false;
    }
    if (!lineStart && c === "#" && /\s/.test(prev)) {
      const eol = text.indexOf("\n", i);
      i = (eol === -1 ? text.length : eol) - 1;
      continue;
    }
    if (!lineStart && (c === '"' || c === "'") && /[\s[{,:]/.test(prev)) {
      i = quoteEnd(text, i);
      prev = c;
      continue;
    }
    if (visit(c, i, lineStart && c !== "\n")) return i;
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
