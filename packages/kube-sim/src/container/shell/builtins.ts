/**
 * Shell builtins: the commands that must run inside the shell because they change its state
 * (cd, export, set, read, exit …), plus the utilities every shell builds in (echo, printf,
 * test), which run from the shared command table but without a PATH lookup.
 */
import { FsError, isFsError } from '../fs/fs-errors.ts';
import { normalizePath } from '../fs/fs-path.ts';
import { readLine } from './byte-io.ts';
import type { Shell } from './interpreter.ts';
import { FunctionReturn, LoopControl, ShellExit } from './signals.ts';
import { parseShell } from './parser.ts';
import type { CommandIO, ShellFlavor } from './system.ts';

type Builtin = (
  shell: Shell,
  args: string[],
  io: CommandIO,
  assigns: [string, string][],
) => Promise<number> | number;

/** Utilities shells implement internally; they run from the command table. */
const UTILITY_BUILTINS = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'kill']);

const quoteValue = (v: string) => `'${v.replace(/'/g, `'"'"'`)}'`;

const BUILTINS: Record<string, Builtin> = {
  ':': () => 0,
  cd: (shell, args, io) => changeDirectory(shell, args, io),
  exit: (shell, args, io) => {
    const arg = args[0];
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      io.stderr(`${shell.messages.prefix(shell.line)}exit: Illegal number: ${arg}\n`);
      throw new ShellExit(2);
    }
    if (shell.flavor === 'bash' && shell.interactive) io.stderr('exit\n');
    throw new ShellExit(arg === undefined ? shell.state.lastStatus : Number(arg) & 0xff);
  },
  export: (shell, args, io) => declare(shell, args, io, true),
  readonly: (shell, args, io) => declare(shell, args, io, false),
  local: (shell, args, io) => declare(shell, args, io, false),
  unset: (shell, args) => {
    for (const name of args.filter((a) => !a.startsWith('-'))) {
      shell.state.unset(name);
      shell.state.functions.delete(name);
    }
    return 0;
  },
  set: (shell, args, io) => setOptions(shell, args, io),
  shift: (shell, args) => {
    const n = args[0] === undefined ? 1 : Number(args[0]);
    if (n > shell.state.positional.length) return 1;
    shell.state.positional = shell.state.positional.slice(n);
    return 0;
  },
  read: (shell, args, io) => readBuiltin(shell, args, io),
  eval: async (shell, args, io) => shell.runList(parseShell(args.join(' ')), io),
  '.': (shell, args, io) => sourceFile(shell, args, io),
  source: (shell, args, io) => sourceFile(shell, args, io),
  exec: async (shell, args, io) => {
    if (args.length === 0) return 0;
    const status = await shell.runCommand(
      {
        type: 'simple',
        assigns: [],
        words: args.map((a) => [{ type: 'lit', text: a, quoted: true }]),
        redirects: [],
        line: shell.line,
      },
      io,
    );
    throw new ShellExit(status);
  },
  return: (shell, args) => {
    throw new FunctionReturn(args[0] === undefined ? shell.state.lastStatus : Number(args[0]));
  },
  break: (shell, args) => loopControl(shell, 'break', args),
  continue: (shell, args) => loopControl(shell, 'continue', args),
  type: (shell, args, io) => describe(shell, args, io, 'type'),
  command: async (shell, args, io) => {
    if (args[0] === '-v' || args[0] === '-V')
      return describe(shell, args.slice(1), io, args[0] === '-v' ? 'short' : 'type');
    if (args.length === 0) return 0;
    const name = args[0] as string;
    const resolution = shell.system.resolveProgram(name, shell.state.get('PATH'), shell.state.cwd);
    if (isBuiltin(name, shell.flavor)) return runBuiltin(shell, args, io, []);
    if (resolution.kind !== 'found') {
      io.stderr(shell.messages.notFound(name, shell.line));
      return 127;
    }
    return shell.system.runProgram(resolution.path, args, {
      env: shell.state.environment(),
      cwd: shell.state.cwd,
      io,
    });
  },
  umask: (_shell, args, io) => {
    if (args.length === 0) io.stdout('0022\n');
    return 0;
  },
  ulimit: (_shell, _args, io) => {
    io.stdout('unlimited\n');
    return 0;
  },
  wait: () => 0,
  trap: () => 0,
  alias: () => 0,
  unalias: () => 0,
  hash: () => 0,
};

export function isBuiltin(name: string, flavor: ShellFlavor): boolean {
  if (name === '[[') return flavor === 'bash';
  if (name === 'source') return flavor !== 'dash';
  return name in BUILTINS || UTILITY_BUILTINS.has(name);
}

export async function runBuiltin(
  shell: Shell,
  argv: string[],
  io: CommandIO,
  assigns: [string, string][],
): Promise<number> {
  const [name, ...args] = argv as [string, ...string[]];
  const builtin = BUILTINS[name];
  if (builtin) return builtin(shell, args, io, assigns);
  const env = { ...shell.state.environment(), ...Object.fromEntries(assigns) };
  return shell.system.runNamedCommand(name, argv, { env, cwd: shell.state.cwd, io, builtinOf: shell.flavor });
}

function changeDirectory(shell: Shell, args: string[], io: CommandIO): number {
  const state = shell.state;
  let target = args.filter((a) => a !== '-L' && a !== '-P')[0];
  let print = false;
  if (target === undefined || target === '') target = state.get('HOME') ?? '/';
  if (target === '-') {
    target = state.get('OLDPWD') ?? state.cwd;
    print = true;
  }
  const next = normalizePath(target, state.cwd);
  try {
    const st = shell.system.fs.stat(next);
    if (st.type !== 'dir') throw new FsError('ENOTDIR', target);
  } catch (err) {
    if (!isFsError(err)) throw err;
    io.stderr(shell.messages.cdFailed(target, err, shell.line));
    return shell.messages.builtinFailureStatus;
  }
  state.set('OLDPWD', state.cwd, state.exported.has('OLDPWD'));
  state.cwd = next;
  state.set('PWD', next, state.exported.has('PWD'));
  if (print) io.stdout(next + '\n');
  return 0;
}

function declare(shell: Shell, args: string[], io: CommandIO, exported: boolean): number {
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    for (const [name, value] of shell.state.vars) {
      if (!shell.state.exported.has(name)) continue;
      io.stdout(
        shell.flavor === 'bash' ? `declare -x ${name}="${value}"\n` : `export ${name}=${quoteValue(value)}\n`,
      );
    }
    return 0;
  }
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      io.stderr(`${shell.messages.prefix(shell.line)}export: bad variable name\n`);
      return 1;
    }
    if (eq >= 0) shell.state.set(name, arg.slice(eq + 1));
    else if (!shell.state.vars.has(name) && !exported) shell.state.set(name, '');
    if (exported) shell.state.exported.add(name);
  }
  return 0;
}

function setOptions(shell: Shell, args: string[], io: CommandIO): number {
  const state = shell.state;
  if (args.length === 0) {
    const names = [...state.vars.keys()].sort();
    for (const name of names)
      io.stdout(
        `${name}=${shell.flavor === 'bash' ? (state.get(name) ?? '') : quoteValue(state.get(name) ?? '')}\n`,
      );
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      state.positional = args.slice(i + 1);
      return 0;
    }
    const on = arg.startsWith('-');
    if (!on && !arg.startsWith('+')) {
      state.positional = args.slice(i);
      return 0;
    }
    if (arg.slice(1) === 'o') {
      const option = args[++i];
      if (option === 'pipefail') state.pipefail = on;
      else if (option === 'errexit') state.errexit = on;
      else if (option === 'xtrace') state.xtrace = on;
      else if (option === 'noglob') state.noglob = on;
      continue;
    }
    for (const flag of arg.slice(1)) {
      if (flag === 'e') state.errexit = on;
      else if (flag === 'x') state.xtrace = on;
      else if (flag === 'f') state.noglob = on;
    }
  }
  return 0;
}

async function readBuiltin(shell: Shell, args: string[], io: CommandIO): Promise<number> {
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-r') raw = true;
    else if (arg === '-p') io.stderr(args[++i] ?? '');
    else if (arg === '-t' || arg === '-n' || arg === '-d' || arg === '-u') i++;
    else if (!arg.startsWith('-')) names.push(arg);
  }
  const line = await readLine(io.stdin);
  let text = (line ?? '').replace(/\n$/, '');
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  const targets = names.length > 0 ? names : ['REPLY'];
  const fields = targets.length === 1 ? [text.replace(/^[ \t]+|[ \t]+$/g, '')] : text.trim().split(/[ \t]+/);
  targets.forEach((name, i) => {
    const value = i === targets.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '');
    shell.state.set(name, value);
  });
  return line === null ? 1 : 0;
}

async function sourceFile(shell: Shell, args: string[], io: CommandIO): Promise<number> {
  const file = args[0];
  if (!file) return 0;
  let text: string;
  try {
    text = shell.system.fs.readText(shell.resolvePath(file));
  } catch (err) {
    if (!isFsError(err)) throw err;
    io.stderr(`${shell.messages.prefix(shell.line)}.: can't open '${file}': ${err.message}\n`);
    return shell.messages.builtinFailureStatus;
  }
  try {
    return await shell.runList(parseShell(text), io);
  } catch (err) {
    if (err instanceof FunctionReturn) return err.status;
    throw err;
  }
}

function loopControl(shell: Shell, kind: 'break' | 'continue', args: string[]): number {
  if (!shell.insideLoop) return 0;
  throw new LoopControl(kind, Math.max(1, Number(args[0] ?? 1)));
}

function describe(shell: Shell, names: string[], io: CommandIO, style: 'type' | 'short'): number {
  let status = 0;
  for (const name of names) {
    if (shell.state.functions.has(name)) {
      io.stdout(style === 'short' ? `${name}\n` : `${name} is a function\n`);
    } else if (isBuiltin(name, shell.flavor)) {
      io.stdout(style === 'short' ? `${name}\n` : `${name} is a shell builtin\n`);
    } else {
      const found = shell.system.resolveProgram(name, shell.state.get('PATH'), shell.state.cwd);
      if (found.kind === 'found')
        io.stdout(style === 'short' ? `${found.path}\n` : `${name} is ${found.path}\n`);
      else {
        if (style === 'type')
          io.stderr(
            shell.flavor === 'bash'
              ? `${shell.messages.prefix(shell.line)}type: ${name}: not found\n`
              : `${name}: not found\n`,
          );
        status = 1;
      }
    }
  }
  return status;
}
