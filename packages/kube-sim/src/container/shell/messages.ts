/**
 * Error messages and prompts in the exact wording of each shell: busybox ash (Alpine),
 * dash (Debian's /bin/sh) and bash. Users recognise their shell by these.
 */
import type { FsError } from '../fs/fs-errors.ts';
import type { ShellFlavor } from './system.ts';

export class ShellMessages {
  readonly flavor: ShellFlavor;
  readonly name: string;
  readonly interactive: boolean;

  constructor(flavor: ShellFlavor, name: string, interactive: boolean) {
    this.flavor = flavor;
    this.name = name;
    this.interactive = interactive;
  }

  /** `sh: `, `sh: 3: ` (dash adds the line) or `bash: line 3: ` (bash -c). */
  prefix(line: number): string {
    if (this.flavor === 'dash') return `${this.name}: ${line}: `;
    if (this.flavor === 'bash' && !this.interactive) return `${this.name}: line ${line}: `;
    return `${this.name}: `;
  }

  notFound(command: string, line: number): string {
    if (this.flavor === 'bash') return `${this.prefix(line)}${command}: command not found\n`;
    return `${this.prefix(line)}${command}: not found\n`;
  }

  notExecutable(command: string, line: number, isDirectory: boolean): string {
    const reason = isDirectory && this.flavor === 'bash' ? 'Is a directory' : 'Permission denied';
    return `${this.prefix(line)}${command}: ${reason}\n`;
  }

  syntaxError(token: string | undefined, line: number, unterminatedQuote = false): string {
    const { name } = this;
    if (this.flavor === 'ash') {
      if (unterminatedQuote) return `${name}: syntax error: unterminated quoted string\n`;
      return `${name}: syntax error: ${token === undefined ? 'unexpected end of file' : `unexpected "${token}"`}\n`;
    }
    if (this.flavor === 'dash') {
      if (unterminatedQuote) return `${name}: ${line}: Syntax error: Unterminated quoted string\n`;
      return `${name}: ${line}: Syntax error: ${token === undefined ? 'end of file unexpected' : `"${token}" unexpected`}\n`;
    }
    const where = this.interactive ? `${name}: ` : `${name}: -c: line ${line}: `;
    if (unterminatedQuote) return `${where}unexpected EOF while looking for matching \`''\n`;
    if (token === undefined) return `${where}syntax error: unexpected end of file\n`;
    return `${where}syntax error near unexpected token \`${token}'\n`;
  }

  cdFailed(dir: string, err: FsError, line: number): string {
    if (this.flavor === 'ash') return `${this.name}: cd: can't cd to ${dir}: ${err.message}\n`;
    if (this.flavor === 'dash') return `${this.prefix(line)}cd: can't cd to ${dir}\n`;
    return `${this.prefix(line)}cd: ${dir}: ${err.message}\n`;
  }

  redirectFailed(path: string, err: FsError, forWriting: boolean, line: number): string {
    if (this.flavor === 'ash') {
      return forWriting
        ? `${this.name}: can't create ${path}: ${err.message}\n`
        : `${this.name}: can't open '${path}': ${err.message}\n`;
    }
    if (this.flavor === 'dash') {
      if (forWriting)
        return `${this.prefix(line)}cannot create ${path}: ${err.code === 'ENOENT' ? 'Directory nonexistent' : err.message}\n`;
      return `${this.prefix(line)}cannot open ${path}: ${err.code === 'ENOENT' ? 'No such file' : err.message}\n`;
    }
    return `${this.prefix(line)}${path}: ${err.message}\n`;
  }

  /** Status a failed redirection or `cd` leaves: dash uses 2, the others 1. */
  get builtinFailureStatus(): number {
    return this.flavor === 'dash' ? 2 : 1;
  }

  /** The default PS1 each shell shows root in a container. */
  defaultPs1(): string {
    if (this.flavor === 'ash') return '\\w \\$ ';
    if (this.flavor === 'bash') return '\\u@\\h:\\w\\$ ';
    return '\\$ ';
  }
}

/** Renders the PS1 escapes shells support (\u \h \H \w \W \$ \n \\). */
export function renderPrompt(
  ps1: string,
  facts: { user: string; hostname: string; cwd: string; home: string | undefined; root: boolean },
): string {
  const tildeCwd =
    facts.home && facts.home !== '/' && (facts.cwd === facts.home || facts.cwd.startsWith(facts.home + '/'))
      ? '~' + facts.cwd.slice(facts.home.length)
      : facts.cwd;
  return ps1.replace(/\\([uhHwW$n\\])/g, (_all, code: string) => {
    switch (code) {
      case 'u':
        return facts.user;
      case 'h':
        return facts.hostname.split('.')[0] ?? facts.hostname;
      case 'H':
        return facts.hostname;
      case 'w':
        return tildeCwd;
      case 'W':
        return tildeCwd === '/' ? '/' : (tildeCwd.split('/').pop() ?? tildeCwd);
      case '$':
        return facts.root ? '#' : '$';
      case 'n':
        return '\n';
      default:
        return '\\';
    }
  });
}
