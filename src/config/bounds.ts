/**
 * Limits that keep a hostile or broken configuration from taking the app down: a real configuration
 * is a few kilobytes, a few thousand values and a dozen levels deep, so these are far above any real
 * one and far below what would stall the event loop or exhaust memory.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Values after expanding aliases, over all files: an alias bomb expands to billions. */
export const MAX_VALUES = 50_000;

export function tooLargeMessage(bytes: number): string {
  return `file is ${bytes} bytes, more than the ${MAX_FILE_BYTES} bytes a configuration file may have`;
}

export function tooManyValuesMessage(): string {
  return `expands to more than ${MAX_VALUES} values through aliases (an alias bomb?); use fewer or smaller aliases`;
}
