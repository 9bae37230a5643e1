/**
 * Guards for the server's handlers: nothing a document contains may take the server down, and a handler
 * that holds the server's one thread too long is said in the log.
 */

/** A handler slower than this is reported in the log (the server has one thread: it held every request). */
export const SLOW_HANDLER_MS = 200;

/** An error as the log shows it: its stack when it has one. */
export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** ` for <uri>` when a handler's first argument names a document. */
function describeTarget(arg: unknown): string {
  const uri = typeof arg === 'string' ? arg : (arg as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? ` for ${uri}` : '';
}

export function handlerGuards(out: { log(message: string): void; error(message: string): void }) {
  /** A failing handler is logged and answers `fallback`; a slow one is logged with its time. */
  const safely =
    <A extends unknown[], R>(what: string, fallback: R, fn: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now();
      try {
        return fn(...args);
      } catch (e) {
        out.error(`internal error in ${what}: ${errorText(e)}`);
        return fallback;
      } finally {
        const ms = performance.now() - started;
        if (ms > SLOW_HANDLER_MS) out.log(`slow: ${what} took ${Math.round(ms)} ms${describeTarget(args[0])}`);
      }
    };
  /** A notification handler that the connection does not await: its failure is logged, never left unhandled. */
  const inBackground =
    <A extends unknown[]>(what: string, fn: (...args: A) => Promise<void>) =>
    (...args: A): void =>
      void fn(...args).catch((e: unknown) => out.error(`internal error in ${what}: ${errorText(e)}`));
  return { safely, inBackground };
}
