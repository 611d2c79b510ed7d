/** Non-local exits of shell control flow, thrown and caught by the interpreter. */

/** `exit n` (or a fatal error) unwinding to the top of the shell. */
export class ShellExit extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`exit ${status}`);
    this.status = status;
  }
}

/** `break n` / `continue n` / `return n` unwinding to the enclosing loop or function. */
export class LoopControl extends Error {
  readonly kind: 'break' | 'continue';
  levels: number;
  constructor(kind: 'break' | 'continue', levels: number) {
    super(kind);
    this.kind = kind;
    this.levels = levels;
  }
}

export class FunctionReturn extends Error {
  readonly status: number;
  constructor(status: number) {
    super('return');
    this.status = status;
  }
}
