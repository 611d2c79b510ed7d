/** Variables, positional parameters, options and functions of one shell (cloned for subshells). */
import type { CommandNode } from './ast.ts';

export class ShellState {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  readonly functions = new Map<string, CommandNode>();
  cwd: string;
  positional: string[];
  arg0: string;
  lastStatus = 0;
  pid: number;
  errexit = false;
  xtrace = false;
  pipefail = false;
  noglob = false;

  constructor(cwd: string, arg0: string, positional: string[], pid: number) {
    this.cwd = cwd;
    this.arg0 = arg0;
    this.positional = positional;
    this.pid = pid;
  }

  static fromEnv(
    env: Record<string, string>,
    cwd: string,
    arg0: string,
    positional: string[],
    pid: number,
  ): ShellState {
    const state = new ShellState(cwd, arg0, positional, pid);
    for (const [name, value] of Object.entries(env)) {
      state.vars.set(name, value);
      state.exported.add(name);
    }
    return state;
  }

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  set(name: string, value: string, exported = false): void {
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  /** The environment handed to programs: exported variables in definition order. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, value] of this.vars) if (this.exported.has(name)) env[name] = value;
    return env;
  }

  /** `$-`: the option letters in effect. */
  optionFlags(interactive: boolean): string {
    return (
      (this.errexit ? 'e' : '') +
      (interactive ? 'i' : '') +
      (this.noglob ? 'f' : '') +
      (this.xtrace ? 'x' : '')
    );
  }

  clone(): ShellState {
    const copy = new ShellState(this.cwd, this.arg0, [...this.positional], this.pid);
    for (const [k, v] of this.vars) copy.vars.set(k, v);
    for (const k of this.exported) copy.exported.add(k);
    for (const [k, v] of this.functions) copy.functions.set(k, v);
    copy.lastStatus = this.lastStatus;
    copy.errexit = this.errexit;
    copy.xtrace = this.xtrace;
    copy.pipefail = this.pipefail;
    copy.noglob = this.noglob;
    return copy;
  }
}
