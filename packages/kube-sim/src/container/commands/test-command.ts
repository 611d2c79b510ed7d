/** test / [ / [[: file tests, string and integer comparisons, ! -a -o and parentheses. */
import type { FileStat } from '../fs/fs-nodes.ts';
import { matchPattern } from '../shell/glob.ts';
import { resolvePath, type Command, type CommandRuntime } from './command-kit.ts';

class TestError extends Error {}

const UNARY = new Set([
  '-e',
  '-f',
  '-d',
  '-L',
  '-h',
  '-s',
  '-r',
  '-w',
  '-x',
  '-z',
  '-n',
  '-b',
  '-c',
  '-p',
  '-S',
  '-t',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
]);
const BINARY = new Set([
  '=',
  '==',
  '!=',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '<',
  '>',
  '=~',
]);

function evaluate(rt: CommandRuntime, tokens: string[], extended: boolean): boolean {
  let pos = 0;
  const fs = rt.system.fs;
  const stat = (path: string, follow = true): FileStat | undefined =>
    fs.tryStat(resolvePath(rt, path), follow);
  const integer = (text: string): number => {
    if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new TestError(`${text}: integer expected`);
    return Number(text);
  };
  const unary = (op: string, arg: string): boolean => {
    switch (op) {
      case '-z':
        return arg === '';
      case '-n':
        return arg !== '';
      case '-e':
        return stat(arg) !== undefined;
      case '-f':
        return stat(arg)?.type === 'file';
      case '-d':
        return stat(arg)?.type === 'dir';
      case '-L':
      case '-h':
        return stat(arg, false)?.type === 'symlink';
      case '-s':
        return (stat(arg)?.size ?? 0) > 0;
      case '-c':
        return stat(arg)?.type === 'chardev';
      case '-x':
        return ((stat(arg)?.mode ?? 0) & 0o111) !== 0;
      case '-r':
      case '-w':
        return stat(arg) !== undefined;
      case '-t':
        return arg === '0' ? rt.io.stdinIsTty : arg === '1' ? rt.io.stdoutIsTty : false;
      default:
        return false;
    }
  };
  const binary = (left: string, op: string, right: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return extended ? matchPattern(right, left) : left === right;
      case '!=':
        return extended ? !matchPattern(right, left) : left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '=~':
        return new RegExp(right).test(left);
      case '-nt':
      case '-ot': {
        const a = stat(left)?.mtime.getTime() ?? -Infinity;
        const b = stat(right)?.mtime.getTime() ?? -Infinity;
        return op === '-nt' ? a > b : a < b;
      }
      default: {
        const a = integer(left);
        const b = integer(right);
        return (
          { '-eq': a === b, '-ne': a !== b, '-lt': a < b, '-le': a <= b, '-gt': a > b, '-ge': a >= b }[op] ??
          false
        );
      }
    }
  };
  const primary = (): boolean => {
    const tok = tokens[pos];
    if (tok === undefined) throw new TestError('argument expected');
    if (tok === '!' && pos + 1 < tokens.length && !BINARY.has(tokens[pos + 1] ?? '')) {
      pos++;
      return !primary();
    }
    if (tok === '(' && tokens.length - pos > 2) {
      pos++;
      const value = orExpr();
      if (tokens[pos++] !== ')') throw new TestError("')' expected");
      return value;
    }
    const next = tokens[pos + 1];
    if (next !== undefined && BINARY.has(next) && pos + 2 < tokens.length) {
      pos += 3;
      return binary(tok, next, tokens[pos - 1] as string);
    }
    if (UNARY.has(tok) && next !== undefined) {
      pos += 2;
      return unary(tok, next);
    }
    pos++;
    return tok !== '';
  };
  const andExpr = (): boolean => {
    let value = primary();
    while (tokens[pos] === '-a' || tokens[pos] === '&&') {
      pos++;
      const right = primary();
      value = value && right;
    }
    return value;
  };
  const orExpr = (): boolean => {
    let value = andExpr();
    while (tokens[pos] === '-o' || tokens[pos] === '||') {
      pos++;
      const right = andExpr();
      value = value || right;
    }
    return value;
  };
  if (tokens.length === 0) return false;
  const result = orExpr();
  if (pos < tokens.length) throw new TestError(`${tokens[pos]}: unexpected operator`);
  return result;
}

function errorPrefix(rt: CommandRuntime): string {
  if (rt.builtinOf === 'bash') return `bash: ${rt.name}: `;
  if (rt.builtinOf === 'dash') return `sh: 1: ${rt.name}: `;
  if (rt.builtinOf === 'ash') return `sh: `;
  return `${rt.name}: `;
}

export const test: Command = (rt) => {
  const name = rt.argv[0]?.split('/').pop() ?? 'test';
  let tokens = rt.argv.slice(1);
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (tokens[tokens.length - 1] !== close) {
      rt.io.stderr(`${errorPrefix(rt)}missing ${close}\n`);
      return 2;
    }
    tokens = tokens.slice(0, -1);
  }
  try {
    return evaluate(rt, tokens, name === '[[') ? 0 : 1;
  } catch (err) {
    if (!(err instanceof TestError)) throw err;
    rt.io.stderr(`${errorPrefix(rt)}${err.message}\n`);
    return 2;
  }
};
