/**
 * Word expansion in POSIX order: tilde, parameters, command substitution and arithmetic,
 * then field splitting of unquoted results on whitespace, then pathname globbing.
 */
import { ArithmeticError, evaluateArithmetic } from './arith.ts';
import type { ListNode, Word, WordPart } from './ast.ts';
import { escapeGlob, hasGlobChars, patternSource } from './glob.ts';

export interface ExpansionHost {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): string[];
  /** `$?`, `$$`, `$!`, `$-`, `$0`. */
  special(name: string): string;
  /** Home directory for `~` (empty user: $HOME). */
  homeOf(user: string): string | undefined;
  /** Runs a command substitution and returns its output. */
  substitute(body: ListNode): Promise<string>;
  glob(pattern: string): string[];
  /** Reports an expansion error (`${x:?}`, bad arithmetic) and aborts the command. */
  fail(message: string): never;
}

interface Field {
  text: string;
  /** The same text as a glob pattern: quoted characters are escaped. */
  pattern: string;
}

const IFS_WHITESPACE = /[ \t\n]+/;

export async function expandWords(words: readonly Word[], host: ExpansionHost): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    for (const field of await expandToFields(word, host)) {
      const matches = hasGlobChars(field.pattern) ? host.glob(field.pattern) : [];
      if (matches.length > 0) out.push(...matches);
      else out.push(field.text);
    }
  }
  return out;
}

/** Expansion without splitting or globbing (assignments, redirection targets, here-documents). */
export async function expandToString(word: Word, host: ExpansionHost): Promise<string> {
  let text = '';
  for (const part of word)
    text += (await partValues(part, host)).join(part.type === 'param' && part.name === '*' ? ' ' : ' ');
  return text;
}

/** Expansion into a pattern for `case` and `${x#pattern}`: quoted characters match literally. */
export async function expandToPattern(word: Word, host: ExpansionHost): Promise<string> {
  let pattern = '';
  for (const part of word) {
    const value = (await partValues(part, host)).join(' ');
    pattern += isQuoted(part) ? escapeGlob(value) : value;
  }
  return pattern;
}

function isQuoted(part: WordPart): boolean {
  return part.type === 'tilde' ? true : part.quoted;
}

async function expandToFields(word: Word, host: ExpansionHost): Promise<Field[]> {
  const fields: Field[] = [];
  let current: Field | null = null;
  const ensure = (): Field => (current ??= { text: '', pattern: '' });
  const finish = () => {
    if (current) fields.push(current);
    current = null;
  };
  for (const part of word) {
    if (part.type === 'lit') {
      const f = ensure();
      f.text += part.text;
      f.pattern += part.quoted ? escapeGlob(part.text) : part.text;
      continue;
    }
    const values = await partValues(part, host);
    if (part.type === 'tilde' || part.quoted) {
      if (part.type === 'param' && part.name === '@' && part.quoted) {
        values.forEach((value, i) => {
          if (i > 0) finish();
          const f = ensure();
          f.text += value;
          f.pattern += escapeGlob(value);
        });
        continue;
      }
      const value = values.join(' ');
      const f = ensure();
      f.text += value;
      f.pattern += escapeGlob(value);
      continue;
    }
    for (const [i, value] of values.entries()) {
      if (i > 0) finish();
      const pieces = value.split(IFS_WHITESPACE).filter((p) => p !== '');
      if (/^[ \t\n]/.test(value)) finish();
      pieces.forEach((piece, j) => {
        if (j > 0) finish();
        const f = ensure();
        f.text += piece;
        f.pattern += piece;
      });
      if (/[ \t\n]$/.test(value)) finish();
    }
  }
  finish();
  return fields;
}

/** The value(s) of one part; `$@` yields one value per positional parameter. */
async function partValues(part: WordPart, host: ExpansionHost): Promise<string[]> {
  switch (part.type) {
    case 'lit':
      return [part.text];
    case 'tilde': {
      const home = host.homeOf(part.user);
      return [home ?? `~${part.user}`];
    }
    case 'cmdsub':
      return [(await host.substitute(part.body)).replace(/\n+$/, '')];
    case 'arith': {
      const expr = await expandToString(part.expr, host);
      try {
        return [
          String(evaluateArithmetic(expr, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) })),
        ];
      } catch (err) {
        if (err instanceof ArithmeticError)
          host.fail(`arithmetic expression: ${err.message}: "${expr.trim()}"`);
        throw err;
      }
    }
    case 'param':
      return paramValues(part, host);
  }
}

function rawParam(name: string, host: ExpansionHost): string | undefined {
  if (/^[1-9][0-9]*$/.test(name)) return host.positional()[Number(name) - 1];
  if (name === '#') return String(host.positional().length);
  if (name === '@' || name === '*') return host.positional().join(' ');
  if (['?', '$', '!', '-', '0'].includes(name)) return host.special(name);
  return host.getVar(name);
}

async function paramValues(
  part: Extract<WordPart, { type: 'param' }>,
  host: ExpansionHost,
): Promise<string[]> {
  const { name, op } = part;
  if (!op && name === '@') return host.positional();
  const value = rawParam(name, host);
  const arg = async () => (part.arg ? expandToString(part.arg, host) : '');
  switch (op) {
    case undefined:
      return [value ?? ''];
    case 'length':
      return [String((value ?? '').length)];
    case ':-':
      return [value ? value : await arg()];
    case '-':
      return [value !== undefined ? value : await arg()];
    case ':=':
    case '=': {
      if (op === ':=' ? value : value !== undefined) return [value as string];
      const assigned = await arg();
      host.setVar(name, assigned);
      return [assigned];
    }
    case ':+':
      return [value ? await arg() : ''];
    case '+':
      return [value !== undefined ? await arg() : ''];
    case ':?':
    case '?': {
      if (op === ':?' ? value : value !== undefined) return [value as string];
      const message = await arg();
      return host.fail(
        `${name}: ${message || (op === ':?' ? 'parameter not set or null' : 'parameter not set')}`,
      );
    }
    case '#':
    case '##':
    case '%':
    case '%%': {
      const pattern = part.arg ? await expandToPattern(part.arg, host) : '';
      return [removePattern(value ?? '', pattern, op)];
    }
  }
}

function removePattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const re = new RegExp(`^${patternSource(pattern)}$`);
  if (op === '#' || op === '##') {
    const lengths = [...Array(value.length + 1).keys()];
    if (op === '##') lengths.reverse();
    for (const n of lengths) if (re.test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (op === '%') starts.reverse();
  for (const start of starts) if (re.test(value.slice(start))) return value.slice(0, start);
  return value;
}
