import pino, { type Logger } from "pino";

export type { Logger };

/** JSON logs for machines; pretty lines when a person watches a terminal. */
export function createLogger(
  options: { level?: string; name?: string; pretty?: boolean; buffered?: boolean } = {},
): Logger {
  const level = options.level ?? process.env.HOTLINE_LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !process.env.CI);
  if (pretty) {
    return pino({
      level,
      name: options.name,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  // A long-running app under load writes lines as they pile up, not one system call each; pino
  // flushes what is left when the process exits.
  if (options.buffered) return pino({ level, name: options.name }, pino.destination({ dest: 1, sync: false }));
  return pino({ level, name: options.name });
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
