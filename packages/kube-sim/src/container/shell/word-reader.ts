/**
 * Reads one shell word into parts, keeping quoting apart from expansions ($VAR, ${…}, $(…),
 * $((…)), backquotes, ~) so the expander knows what to split and glob. Reaching the end
 * inside a quote raises IncompleteInputError so an interactive shell can ask for more.
 */
import type { ListNode, ParamOp, WordPart, Word } from './ast.ts';
import { IncompleteInputError, ShellSyntaxError } from './syntax-errors.ts';

/** Parses `$( … )` starting at `pos` (just after the parenthesis); returns the body and the index after `)`. */
export type SubstitutionParser = (
  src: string,
  pos: number,
  line: number,
) => { body: ListNode; end: number; line: number };
/** Parses a standalone script (backquote substitution bodies). */
export type ScriptParser = (src: string) => ListNode;

const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '-', '0']);
const PARAM_OPS: ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '-', '=', '+', '?', '#', '%'];

export class WordReader {
  readonly src: string;
  pos: number;
  line: number;
  protected readonly parseSubstitution: SubstitutionParser;
  protected readonly parseScript: ScriptParser;

  constructor(
    src: string,
    pos: number,
    line: number,
    parseSubstitution: SubstitutionParser,
    parseScript: ScriptParser,
  ) {
    this.src = src;
    this.pos = pos;
    this.line = line;
    this.parseSubstitution = parseSubstitution;
    this.parseScript = parseScript;
  }

  /**
   * Reads word parts until `isEnd` says stop. Outside double quotes, quotes open quoted
   * sections; inside (`inDquote`), only `$`, backquote and backslash are special.
   */
  readParts(isEnd: (c: string | undefined) => boolean, inDquote: boolean, atWordStart = false): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ type: 'lit', text: lit, quoted: inDquote });
      lit = '';
    };
    if (atWordStart && this.src[this.pos] === '~') this.readTilde(parts);
    for (;;) {
      const c = this.src[this.pos];
      if (isEnd(c)) break;
      if (c === undefined) throw new IncompleteInputError('unterminated quoted string');
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (next === undefined) {
          lit += '\\';
          this.pos++;
          continue;
        }
        if (inDquote && !'$`"\\'.includes(next)) {
          lit += '\\';
          this.pos++;
          continue;
        }
        flush();
        parts.push({ type: 'lit', text: next, quoted: true });
        this.pos += 2;
      } else if (c === "'" && !inDquote) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new IncompleteInputError('unterminated quoted string');
        flush();
        const text = this.src.slice(this.pos + 1, end);
        this.countLines(text);
        parts.push({ type: 'lit', text, quoted: true });
        this.pos = end + 1;
      } else if (c === '"' && !inDquote) {
        flush();
        this.pos++;
        const inner = this.readParts((ch) => ch === '"', true);
        this.pos++;
        parts.push(...(inner.length > 0 ? inner : [{ type: 'lit' as const, text: '', quoted: true }]));
      } else if (c === '$') {
        const part = this.readDollar(inDquote);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
        }
      } else if (c === '`') {
        flush();
        parts.push(this.readBackquote(inDquote));
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private readTilde(parts: WordPart[]): void {
    const match = /^~([A-Za-z0-9_.-]*)(?=\/|$|[\s;&|<>()])/.exec(this.src.slice(this.pos));
    if (!match) return;
    parts.push({ type: 'tilde', user: match[1] ?? '' });
    this.pos += match[0].length;
  }

  private readDollar(quoted: boolean): WordPart | undefined {
    const src = this.src;
    const next = src[this.pos + 1];
    if (next === '(' && src[this.pos + 2] === '(') {
      const close = matchingDoubleParen(src, this.pos + 3);
      if (close < 0) throw new IncompleteInputError('unterminated arithmetic');
      const exprText = src.slice(this.pos + 3, close);
      this.pos = close + 2;
      return {
        type: 'arith',
        expr: parseDquoteText(exprText, this.parseSubstitution, this.parseScript),
        quoted,
      };
    }
    if (next === '(') {
      const { body, end, line } = this.parseSubstitution(src, this.pos + 2, this.line);
      this.pos = end;
      this.line = line;
      return { type: 'cmdsub', body, quoted };
    }
    if (next === '{') return this.readBraceParam(quoted);
    if (next !== undefined && (SPECIAL_PARAMS.has(next) || /[0-9]/.test(next))) {
      this.pos += 2;
      return { type: 'param', name: next, quoted };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(this.pos + 1))?.[0];
    if (!name) {
      this.pos++;
      return undefined;
    }
    this.pos += 1 + name.length;
    return { type: 'param', name, quoted };
  }

  private readBraceParam(quoted: boolean): WordPart {
    this.pos += 2;
    const rest = this.src.slice(this.pos);
    const lengthMatch = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!])\}/.exec(rest);
    if (lengthMatch) {
      this.pos += lengthMatch[0].length;
      return { type: 'param', name: lengthMatch[1] ?? '', op: 'length', quoted };
    }
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(rest)?.[0];
    if (!name) throw new ShellSyntaxError(undefined, this.line, 'bad substitution');
    this.pos += name.length;
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { type: 'param', name, quoted };
    }
    const op = PARAM_OPS.find((candidate) => this.src.startsWith(candidate, this.pos));
    if (!op) throw new ShellSyntaxError(undefined, this.line, 'bad substitution');
    this.pos += op.length;
    const arg = this.readParts((c) => c === '}', quoted);
    this.pos++;
    return { type: 'param', name, op, arg, quoted };
  }

  private readBackquote(quoted: boolean): WordPart {
    let text = '';
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i];
      if (c === undefined) throw new IncompleteInputError('unterminated backquote');
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.src[i + 1] ?? '')) {
        text += this.src[i + 1];
        i += 2;
        continue;
      }
      text += c;
      i++;
    }
    this.countLines(text);
    this.pos = i + 1;
    return { type: 'cmdsub', body: this.parseScript(text), quoted };
  }

  protected countLines(text: string): void {
    for (const ch of text) if (ch === '\n') this.line++;
  }
}

/** Index of the `))` closing an arithmetic expansion whose text starts at `from`. */
function matchingDoubleParen(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return src[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** Parses text with double-quote rules (here-document bodies, arithmetic expressions). */
export function parseDquoteText(
  text: string,
  parseSubstitution: SubstitutionParser,
  parseScript: ScriptParser,
): Word {
  const lexer = new WordReader(text, 0, 1, parseSubstitution, parseScript);
  return lexer.readParts((c) => c === undefined, true);
}
