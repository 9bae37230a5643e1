/**
 * Bad input, for the CLI and the language server alike: the message names the file (or argument) and the
 * reason, and quotes nothing from inside the file (a link may lead to a file of secrets).
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
