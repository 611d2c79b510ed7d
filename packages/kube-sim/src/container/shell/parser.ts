/**
 * Recursive-descent parser for the shell grammar subset: lists, and-or chains, pipelines,
 * simple commands with assignments and redirections, subshells, `{ }` groups, if/for/while/
 * until/case and function definitions. Keywords are only keywords in command position.
 */
import type {
  AndOrNode,
  Assignment,
  CaseNode,
  CommandNode,
  ForNode,
  IfNode,
  ListNode,
  PipelineNode,
  Redirect,
  SimpleCommand,
  Word,
} from './ast.ts';
import { IncompleteInputError, Lexer, ShellSyntaxError, parseDquoteText, type Token } from './lexer.ts';

const LIST_STOP_WORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

export class Parser {
  private readonly lexer: Lexer;
  private readonly lookahead: Token[] = [];

  constructor(src: string, pos = 0, line = 1) {
    this.lexer = new Lexer(src, pos, line, parseSubstitution, parseScript);
  }

  /** Parses a whole script; anything left over is a syntax error. */
  parseProgram(): ListNode {
    const list = this.parseList(new Set());
    const tok = this.peek();
    if (tok.kind !== 'eof') throw this.unexpected(tok);
    return list;
  }

  /** Used for `$( … )`: parses up to the closing parenthesis. */
  parseUntilParen(): { body: ListNode; end: number; line: number } {
    const body = this.parseList(new Set([')']));
    const close = this.take();
    if (close.kind !== 'op' || close.op !== ')') throw this.unexpected(close);
    return { body, end: close.end, line: close.line };
  }

  private parseList(stopOps: Set<string>, stopWords: Set<string> = LIST_STOP_WORDS): ListNode {
    const items: AndOrNode[] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.kind === 'eof' || this.isStop(tok, stopOps, stopWords)) break;
      items.push(this.parseAndOr());
      const after = this.peek();
      if (after.kind === 'op' && (after.op === ';' || after.op === '&')) {
        this.take();
        continue;
      }
      if (after.kind === 'newline' || after.kind === 'eof' || this.isStop(after, stopOps, stopWords))
        continue;
      throw this.unexpected(after);
    }
    return { type: 'list', items };
  }

  private isStop(tok: Token, stopOps: Set<string>, stopWords: Set<string>): boolean {
    if (tok.kind === 'op') return stopOps.has(tok.op) || tok.op === ';;';
    return tok.kind === 'word' && stopWords.has(tok.raw);
  }

  private parseAndOr(): AndOrNode {
    const first = this.parsePipeline();
    const rest: AndOrNode['rest'] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== 'op' || (tok.op !== '&&' && tok.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: tok.op, pipeline: this.parsePipeline() });
    }
    return { type: 'andor', first, rest };
  }

  private parsePipeline(): PipelineNode {
    let negate = false;
    const first = this.peek();
    if (first.kind === 'word' && first.raw === '!') {
      this.take();
      negate = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== 'op' || tok.op !== '|') break;
      this.take();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { type: 'pipeline', negate, commands };
  }

  private parseCommand(): CommandNode {
    const tok = this.peek();
    if (tok.kind === 'eof') throw new IncompleteInputError('command expected');
    if (tok.kind === 'op' && tok.op === '(') {
      this.take();
      const body = this.parseList(new Set([')']));
      this.expectOp(')');
      return { type: 'subshell', body, redirects: this.parseRedirects() };
    }
    if (tok.kind === 'word') {
      switch (tok.raw) {
        case '{': {
          this.take();
          const body = this.parseList(new Set());
          this.expectWord('}');
          return { type: 'group', body, redirects: this.parseRedirects() };
        }
        case 'if':
          return this.parseIf();
        case 'for':
          return this.parseFor();
        case 'while':
        case 'until': {
          this.take();
          const cond = this.parseList(new Set());
          this.expectWord('do');
          const body = this.parseList(new Set());
          this.expectWord('done');
          return { type: 'while', until: tok.raw === 'until', cond, body, redirects: this.parseRedirects() };
        }
        case 'case':
          return this.parseCase();
      }
      const second = this.peek(1);
      const third = this.peek(2);
      if (
        /^[A-Za-z_][A-Za-z0-9_]*$/.test(tok.raw) &&
        second.kind === 'op' &&
        second.op === '(' &&
        third.kind === 'op' &&
        third.op === ')'
      ) {
        this.take();
        this.take();
        this.take();
        this.skipNewlines();
        return { type: 'function', name: tok.raw, body: this.parseCommand() };
      }
    }
    return this.parseSimple();
  }

  private parseIf(): IfNode {
    this.take();
    const clauses: IfNode['clauses'] = [];
    let elseBody: ListNode | undefined;
    for (;;) {
      const cond = this.parseList(new Set());
      this.expectWord('then');
      const body = this.parseList(new Set());
      clauses.push({ cond, body });
      const tok = this.take();
      if (tok.kind === 'word' && tok.raw === 'elif') continue;
      if (tok.kind === 'word' && tok.raw === 'else') {
        elseBody = this.parseList(new Set());
        this.expectWord('fi');
        break;
      }
      if (tok.kind === 'word' && tok.raw === 'fi') break;
      throw this.unexpected(tok);
    }
    return { type: 'if', clauses, ...(elseBody ? { elseBody } : {}), redirects: this.parseRedirects() };
  }

  private parseFor(): ForNode {
    this.take();
    const nameTok = this.take();
    if (nameTok.kind !== 'word') throw this.unexpected(nameTok);
    let items: Word[] | null = null;
    this.skipNewlines();
    const next = this.peek();
    if (next.kind === 'word' && next.raw === 'in') {
      this.take();
      items = [];
      for (let tok = this.peek(); tok.kind === 'word'; tok = this.peek())
        items.push((this.take() as { word: Word }).word);
    }
    const sep = this.peek();
    if (sep.kind === 'op' && sep.op === ';') this.take();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseList(new Set());
    this.expectWord('done');
    return { type: 'for', name: nameTok.raw, items, body, redirects: this.parseRedirects() };
  }

  private parseCase(): CaseNode {
    this.take();
    const subjectTok = this.take();
    if (subjectTok.kind !== 'word') throw this.unexpected(subjectTok);
    this.skipNewlines();
    this.expectWord('in');
    const arms: CaseNode['arms'] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.kind === 'word' && tok.raw === 'esac') {
        this.take();
        break;
      }
      if (tok.kind === 'op' && tok.op === '(') this.take();
      const patterns: Word[] = [];
      for (;;) {
        const pat = this.take();
        if (pat.kind !== 'word') throw this.unexpected(pat);
        patterns.push(pat.word);
        const sep = this.take();
        if (sep.kind === 'op' && sep.op === '|') continue;
        if (sep.kind === 'op' && sep.op === ')') break;
        throw this.unexpected(sep);
      }
      const body = this.parseList(new Set(), new Set(['esac']));
      arms.push({ patterns, body });
      const end = this.peek();
      if (end.kind === 'op' && end.op === ';;') this.take();
    }
    return { type: 'case', subject: subjectTok.word, arms, redirects: this.parseRedirects() };
  }

  private parseSimple(): SimpleCommand {
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === 'redir') {
        redirects.push(this.parseRedirect());
      } else if (tok.kind === 'word') {
        this.take();
        const assignment = words.length === 0 ? asAssignment(tok.raw, tok.word) : undefined;
        if (assignment) assigns.push(assignment);
        else words.push(tok.word);
      } else break;
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0)
      throw this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirects, line };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek().kind === 'redir') redirects.push(this.parseRedirect());
    return redirects;
  }

  private parseRedirect(): Redirect {
    const tok = this.take();
    if (tok.kind !== 'redir') throw this.unexpected(tok);
    const target = this.take();
    if (target.kind !== 'word') throw this.unexpected(target);
    const redirect: Redirect = { fd: tok.fd, op: tok.op, target: target.word };
    if (tok.op === '<<') {
      const quoted = /['"\\]/.test(target.raw);
      redirect.heredoc = { body: '', expand: !quoted, stripTabs: tok.stripTabs };
      this.lexer.expectHeredoc(redirect, target.raw.replace(/['"\\]/g, ''));
    }
    return redirect;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  private expectOp(op: string): void {
    const tok = this.take();
    if (tok.kind !== 'op' || tok.op !== op) throw this.unexpected(tok);
  }

  private expectWord(word: string): void {
    this.skipNewlines();
    const tok = this.take();
    if (tok.kind !== 'word' || tok.raw !== word) throw this.unexpected(tok);
  }

  private unexpected(tok: Token): Error {
    if (tok.kind === 'eof') return new IncompleteInputError('unexpected end of file');
    const text =
      tok.kind === 'word' ? tok.raw : tok.kind === 'op' ? tok.op : tok.kind === 'redir' ? tok.op : 'newline';
    return new ShellSyntaxError(text, tok.line);
  }

  private peek(offset = 0): Token {
    while (this.lookahead.length <= offset) this.lookahead.push(this.lexer.next());
    return this.lookahead[offset] as Token;
  }

  private take(): Token {
    const tok = this.peek();
    this.lookahead.shift();
    return tok;
  }
}

function asAssignment(raw: string, word: Word): Assignment | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(raw);
  const first = word[0];
  if (!match?.[1] || first?.type !== 'lit' || first.quoted || !first.text.startsWith(match[0]))
    return undefined;
  const rest = first.text.slice(match[0].length);
  const value: Word = rest ? [{ ...first, text: rest }, ...word.slice(1)] : word.slice(1);
  return { name: match[1], value };
}

function parseSubstitution(
  src: string,
  pos: number,
  line: number,
): { body: ListNode; end: number; line: number } {
  return new Parser(src, pos, line).parseUntilParen();
}

function parseScript(src: string): ListNode {
  return new Parser(src).parseProgram();
}

/** Parses a complete script. Throws IncompleteInputError or ShellSyntaxError. */
export function parseShell(src: string, firstLine = 1): ListNode {
  return new Parser(src, 0, firstLine).parseProgram();
}

/** Parses a here-document body or similar text with double-quote expansion rules. */
export function parseExpandableText(text: string): Word {
  return parseDquoteText(text, parseSubstitution, parseScript);
}
