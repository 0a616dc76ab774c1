import { CommanderError } from "commander";

/**
 * The CLI's exit codes, one convention for every command:
 * 0 done; 1 a runtime failure (Asterisk or the running hotline unreachable, a file that could not be
 * written); 2 the command cannot run as asked: a usage mistake, bad input (a missing file, an
 * unknown operator, a malformed date) or a configuration with errors.
 */
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** A mistake in what was asked (command line, input file, configuration): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
}

/**
 * Commander's own complaints (unknown option, missing argument, bad choice) are usage mistakes;
 * help and --version exit 0. Thrown, so the entry's one catch decides the exit code.
 */
export function usageExit(err: CommanderError): never {
  throw err;
}

/** The exit code for an error that ended a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  if (err instanceof UsageError) return EXIT_USAGE;
  return EXIT_RUNTIME;
}
