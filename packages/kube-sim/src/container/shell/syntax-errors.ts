/** What the parser throws: input that is wrong, or input that is not finished yet. */

export class IncompleteInputError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'IncompleteInputError';
  }
}

export class ShellSyntaxError extends Error {
  /** The offending token as the shell quotes it, or undefined for "unexpected end of file". */
  readonly token: string | undefined;
  readonly line: number;

  constructor(token: string | undefined, line: number, message?: string) {
    super(message ?? (token === undefined ? 'unexpected end of file' : `unexpected "${token}"`));
    this.name = 'ShellSyntaxError';
    this.token = token;
    this.line = line;
  }
}
