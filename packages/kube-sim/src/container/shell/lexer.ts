/**
 * Splits shell source into tokens: words (read by WordReader), operators, redirections and
 * newlines, and collects here-document bodies after the line that introduced them.
 */
import type { Redirect, Word } from './ast.ts';
import { IncompleteInputError } from './syntax-errors.ts';
import { WordReader } from './word-reader.ts';

export { IncompleteInputError, ShellSyntaxError } from './syntax-errors.ts';
export { parseDquoteText, type ScriptParser, type SubstitutionParser } from './word-reader.ts';

export type Token =
  | { kind: 'word'; word: Word; raw: string; line: number }
  | { kind: 'op'; op: string; line: number; end: number }
  | { kind: 'redir'; fd: number; op: Redirect['op']; stripTabs: boolean; line: number }
  | { kind: 'newline'; line: number }
  | { kind: 'eof'; line: number };

const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

export class Lexer extends WordReader {
  private readonly pendingHeredocs: { redirect: Redirect; delimiter: string }[] = [];

  /** Registers a here-document whose body starts after the next newline. */
  expectHeredoc(redirect: Redirect, delimiter: string): void {
    this.pendingHeredocs.push({ redirect, delimiter });
  }

  hasPendingHeredocs(): boolean {
    return this.pendingHeredocs.length > 0;
  }

  next(): Token {
    this.skipBlanksAndComments();
    const line = this.line;
    const c = this.src[this.pos];
    if (c === undefined) return { kind: 'eof', line };
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocBodies();
      return { kind: 'newline', line };
    }
    const redirect = this.tryRedirect();
    if (redirect) return redirect;
    for (const op of ['&&', '||', ';;', ';', '&', '|', '(', ')']) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', op, line, end: this.pos };
      }
    }
    const start = this.pos;
    const word = this.readParts((ch) => ch === undefined || METACHARS.has(ch), false, true);
    return { kind: 'word', word, raw: this.src.slice(start, this.pos), line };
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private tryRedirect(): Token | undefined {
    const match = /^(\d*)(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/.exec(
      this.src.slice(this.pos, this.pos + 8),
    );
    if (!match) return undefined;
    const [all, digits = '', rawOp = ''] = match;
    if (digits && rawOp.startsWith('&')) return undefined;
    this.pos += all.length;
    const op = (rawOp === '>|' ? '>' : rawOp === '<<-' ? '<<' : rawOp) as Redirect['op'];
    const defaultFd = op.startsWith('<') && op !== '<>' ? 0 : 1;
    return {
      kind: 'redir',
      fd: digits ? Number(digits) : defaultFd,
      op,
      stripTabs: rawOp === '<<-',
      line: this.line,
    };
  }

  private readHeredocBodies(): void {
    while (this.pendingHeredocs.length > 0) {
      const { redirect, delimiter } = this.pendingHeredocs.shift() as {
        redirect: Redirect;
        delimiter: string;
      };
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) throw new IncompleteInputError('here-document');
        const end = this.src.indexOf('\n', this.pos);
        const rawLine = this.src.slice(this.pos, end < 0 ? this.src.length : end);
        this.pos = end < 0 ? this.src.length : end + 1;
        this.line++;
        const lineText = redirect.heredoc?.stripTabs ? rawLine.replace(/^\t+/, '') : rawLine;
        if (lineText === delimiter) break;
        lines.push(lineText + '\n');
      }
      if (redirect.heredoc) redirect.heredoc.body = lines.join('');
    }
  }
}
