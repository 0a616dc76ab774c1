import { FALLBACK_QUEUE } from "./plan.ts";

/**
 * app_queue's queue for the native fallback (queues_hotline.conf, in the sandbox and in the export).
 * Its members are dynamic: the app adds and removes them over AMI as operators log in and out.
 */
export function renderFallbackQueue(header: string): string {
  return [
    header,
    `[${FALLBACK_QUEUE}]`,
    // Whoever rang least recently first, as the app's own ACD does by default.
    "strategy = rrmemory",
    "timeout = 15",
    "retry = 2",
    "wrapuptime = 5",
    // A desk phone on a call (the app's, or another line) is skipped, never rung twice.
    "ringinuse = no",
    // Nobody logged in, or everyone on a pause: the caller is told at once rather than held.
    "joinempty = paused,unavailable,invalid",
    "leavewhenempty = paused,unavailable,invalid",
    "announce-frequency = 0",
    "periodic-announce-frequency = 0",
    "announce-position = no",
    "reportholdtime = no",
    "autopause = no",
    "musicclass = default",
    "",
  ].join("\n");
}
