export const ROOT: string;
export const DIST_ENTRY: string;
export const BUILD_STAMP: string;
export function buildState(): "fresh" | "stale" | "missing";
