/** find: a walk of the tree filtered by an expression of tests (-name, -type …) and actions. */
import type { FileStat } from '../fs/fs-nodes.ts';
import { matchPattern } from '../shell/glob.ts';
import { complain, isBusybox, resolvePath, type Command, type CommandRuntime } from './command-kit.ts';

interface Visit {
  display: string;
  path: string;
  stat: FileStat;
  depth: number;
}

type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'test'; run: (v: Visit) => boolean | Promise<boolean>; action: boolean };

class FindSyntaxError extends Error {}

const TYPE_CODES: Record<string, FileStat['type']> = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev' };

function sizeTest(spec: string): (st: FileStat) => boolean {
  const m = /^([+-]?)(\d+)([ckMGb]?)$/.exec(spec);
  if (!m) throw new FindSyntaxError(`invalid argument \`${spec}' to \`-size'`);
  const unit = { c: 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3, b: 512, '': 512 }[m[3] ?? ''] ?? 512;
  const n = Number(m[2]);
  return (st) => {
    const size = Math.ceil(st.size / unit);
    return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
  };
}

function parseExpression(
  rt: CommandRuntime,
  tokens: string[],
  print: (v: Visit) => void,
): { expr: Expr | undefined; maxDepth: number; minDepth: number } {
  let pos = 0;
  let maxDepth = Infinity;
  let minDepth = 0;
  const need = (name: string): string => {
    const value = tokens[pos++];
    if (value === undefined) throw new FindSyntaxError(`missing argument to \`${name}'`);
    return value;
  };
  const primary = (): Expr => {
    const tok = tokens[pos++] as string;
    const test = (run: (v: Visit) => boolean | Promise<boolean>, action = false): Expr => ({
      kind: 'test',
      run,
      action,
    });
    switch (tok) {
      case '(': {
        const inner = orExpr();
        if (tokens[pos++] !== ')')
          throw new FindSyntaxError(
            "invalid expression; I was expecting to find a ')' somewhere but did not see one.",
          );
        return inner;
      }
      case '!':
      case '-not':
        return { kind: 'not', expr: primary() };
      case '-name':
      case '-iname': {
        const pattern = need(tok);
        const fold = tok === '-iname';
        return test((v) =>
          matchPattern(
            fold ? pattern.toLowerCase() : pattern,
            fold ? v.stat.name.toLowerCase() : v.stat.name,
          ),
        );
      }
      case '-path':
      case '-wholename': {
        const pattern = need(tok);
        return test((v) => matchPattern(pattern, v.display));
      }
      case '-type': {
        const code = need(tok);
        const type = TYPE_CODES[code];
        if (!type) throw new FindSyntaxError(`Unknown argument to -type: ${code}`);
        return test((v) => v.stat.type === type);
      }
      case '-size':
        return ((check) => test((v) => check(v.stat)))(sizeTest(need(tok)));
      case '-empty':
        return test((v) =>
          v.stat.type === 'dir' ? rt.system.fs.readdir(v.path).length === 0 : v.stat.size === 0,
        );
      case '-maxdepth':
        maxDepth = Number(need(tok));
        return test(() => true);
      case '-mindepth':
        minDepth = Number(need(tok));
        return test(() => true);
      case '-print':
        return test((v) => (print(v), true), true);
      case '-print0':
        return test((v) => (rt.io.stdout(v.display + '\0'), true), true);
      case '-delete':
        return test((v) => (rt.system.fs.remove(v.path, { recursive: false }), true), true);
      case '-exec': {
        const command: string[] = [];
        for (let t = tokens[pos++]; t !== ';' && t !== '+'; t = tokens[pos++]) {
          if (t === undefined) throw new FindSyntaxError("missing argument to `-exec'");
          command.push(t);
        }
        return test(
          async (v) => (await rt.spawn(command.map((c) => c.replaceAll('{}', v.display)))) === 0,
          true,
        );
      }
      default:
        throw new FindSyntaxError(
          tok.startsWith('-') ? `unknown predicate \`${tok}'` : `paths must precede expression: \`${tok}'`,
        );
    }
  };
  const andExpr = (): Expr => {
    let left = primary();
    while (pos < tokens.length && tokens[pos] !== ')' && tokens[pos] !== '-o' && tokens[pos] !== '-or') {
      if (tokens[pos] === '-a' || tokens[pos] === '-and') pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Expr => {
    let left = andExpr();
    while (tokens[pos] === '-o' || tokens[pos] === '-or') {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const expr = tokens.length > 0 ? orExpr() : undefined;
  if (pos < tokens.length) throw new FindSyntaxError(`paths must precede expression: \`${tokens[pos]}'`);
  return { expr, maxDepth, minDepth };
}

function hasAction(expr: Expr): boolean {
  if (expr.kind === 'test') return expr.action;
  if (expr.kind === 'not') return hasAction(expr.expr);
  return hasAction(expr.left) || hasAction(expr.right);
}

async function evaluate(expr: Expr, v: Visit): Promise<boolean> {
  switch (expr.kind) {
    case 'test':
      return expr.run(v);
    case 'not':
      return !(await evaluate(expr.expr, v));
    case 'and':
      return (await evaluate(expr.left, v)) && evaluate(expr.right, v);
    case 'or':
      return (await evaluate(expr.left, v)) || evaluate(expr.right, v);
  }
}

export const find: Command = async (rt) => {
  const args = rt.argv.slice(1).filter((a) => a !== '-P' && a !== '-H' && a !== '-L');
  const firstExpr = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!');
  const roots = firstExpr < 0 ? args : args.slice(0, firstExpr);
  const exprTokens = firstExpr < 0 ? [] : args.slice(firstExpr);
  const print = (v: Visit) => rt.io.stdout(v.display + '\n');
  let parsed: ReturnType<typeof parseExpression>;
  try {
    parsed = parseExpression(rt, exprTokens, print);
  } catch (err) {
    if (!(err instanceof FindSyntaxError)) throw err;
    complain(rt, err.message);
    return 1;
  }
  const { expr, maxDepth, minDepth } = parsed;
  const autoPrint = !expr || !hasAction(expr);
  const fs = rt.system.fs;
  let status = 0;
  const walk = async (v: Visit): Promise<void> => {
    await rt.system.checkpoint();
    if (v.depth >= minDepth && (!expr || (await evaluate(expr, v))) && autoPrint) print(v);
    if (v.stat.type !== 'dir' || v.depth >= maxDepth) return;
    let names: string[];
    try {
      names = fs.readdir(v.path);
    } catch {
      return;
    }
    for (const name of names) {
      const path = `${v.path === '/' ? '' : v.path}/${name}`;
      const display = v.display.endsWith('/') ? v.display + name : `${v.display}/${name}`;
      await walk({ display, path, stat: fs.lstat(path), depth: v.depth + 1 });
    }
  };
  for (const root of roots.length > 0 ? roots : ['.']) {
    const path = resolvePath(rt, root);
    const stat = fs.tryStat(path, false);
    if (!stat) {
      complain(rt, `${isBusybox(rt) ? root : `'${root}'`}: No such file or directory`);
      status = 1;
      continue;
    }
    const followed = stat.type === 'symlink' && root.endsWith('/') ? (fs.tryStat(path) ?? stat) : stat;
    await walk({ display: root, path, stat: followed, depth: 0 });
  }
  return status;
};
