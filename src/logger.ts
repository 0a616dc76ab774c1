import pino, { type DestinationStream, type Logger } from "pino";
import { showText } from "./records/neutralise.ts";

export type { Logger };

/** Log fields that may carry caller ID, which is the caller's to choose. */
const CALLER_FIELDS = new Set(["caller", "callerNumber", "callerName", "caller_number", "caller_name", "number"]);

/** A log line's fields with caller ID's control characters shown as escapes (a CR would forge a line). */
export function neutraliseCallerFields(fields: Record<string, unknown>): Record<string, unknown> {
  let out = fields;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (CALLER_FIELDS.has(key) && typeof value === "string") {
      const shown = showText(value);
      if (shown !== value) out = { ...out, [key]: shown };
    }
  }
  return out;
}

const formatters = { log: neutraliseCallerFields };

/** JSON logs for machines; pretty lines when a person watches a terminal. */
export function createLogger(
  options: { level?: string; name?: string; pretty?: boolean; buffered?: boolean; stream?: DestinationStream } = {},
): Logger {
  const level = options.level ?? process.env.HOTLINE_LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !process.env.CI);
  if (options.stream) return pino({ level, name: options.name, formatters }, options.stream);
  if (pretty) {
    return pino({
      level,
      name: options.name,
      formatters,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  // A long-running app under load writes lines as they pile up, not one system call each; pino
  // flushes what is left when the process exits.
  if (options.buffered)
    return pino({ level, name: options.name, formatters }, pino.destination({ dest: 1, sync: false }));
  return pino({ level, name: options.name, formatters });
}

/** A logger that drops everything: for tests and library callers that bring none. */
export const silentLogger: Logger = pino({ level: "silent" });

/**
 * A clean-up that may fail without harm to the call (hanging up a leg, clearing a mark): its failure
 * is logged as a warning, never thrown. A channel already gone is no failure: the handles say so.
 */
export async function bestEffort(work: Promise<unknown>, log: Logger, what: string): Promise<void> {
  try {
    await work;
  } catch (err) {
    log.warn({ err: (err as Error).message }, `could not ${what}`);
  }
}
