import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { MAX_FILE_BYTES, tooLargeMessage } from "./bounds.ts";

/** A file that cannot be configuration text, located at the first offending character. */
export class ConfigTextError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
    this.name = "ConfigTextError";
  }
}

/**
 * Read a configuration file as UTF-8 text, refusing what is not: a Latin-1 file would otherwise load
 * with its names silently mangled, and binary garbage would only get YAML errors at 1:1. The size is
 * checked before reading, so a huge file never reaches memory.
 */
export function readConfigText(file: string): string {
  const fd = openSync(file, "r");
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_FILE_BYTES) throw new ConfigTextError(tooLargeMessage(size), 1, 1);
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeConfigText(bytes.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

export function decodeConfigText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // The lossy decoding puts U+FFFD where the first bad byte is, which gives its line and column.
    const lossy = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const at = lossy.indexOf("\uFFFD");
    const byte = bytes[byteOffset(lossy, at)] ?? 0;
    const { line, col } = lineCol(lossy, at);
    throw new ConfigTextError(
      `not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}); save the file as UTF-8`,
      line,
      col,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    const { line, col } = lineCol(text, control.index);
    throw new ConfigTextError(`not text: control character U+${code} (is this a binary file?)`, line, col);
  }
  return text;
}

/** Byte offset of a character index, counting what precedes it as UTF-8 (replacements as one byte). */
function byteOffset(lossy: string, index: number): number {
  return Buffer.byteLength(lossy.slice(0, index).replaceAll("\uFFFD", "?"), "utf8");
}

/** 1-based line and column (in characters) of an index into the text. */
export function lineCol(text: string, index: number): { line: number; col: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, col: index - lineStart + 1 };
}
