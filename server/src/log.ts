/**
 * The server's log. Lines are plain text on stdout/stderr. Nothing that could hold a token goes in: requests are
 * logged by method and path only (tokens travel in the query string, the Authorization header or the fragment).
 */

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Logs to the console with a timestamp. */
export const consoleLogger: Logger = {
  info(message) {
    console.log(`${new Date().toISOString()} ${message}`);
  },
  error(message, error) {
    console.error(`${new Date().toISOString()} ${message}${error === undefined ? '' : `\n${describeError(error)}`}`);
  },
};

/** Logs nothing (tests). */
export const silentLogger: Logger = { info() {}, error() {} };
