/**
 * `sh`/`ash`/`dash`/`bash` as programs: `-c script [name [args]]`, a script file, or commands
 * read from stdin (interactive with prompts when stdin is the terminal).
 */
import { isFsError } from '../fs/fs-errors.ts';
import { Shell } from '../shell/interpreter.ts';
import { IncompleteInputError, ShellSyntaxError } from '../shell/lexer.ts';
import { parseShell } from '../shell/parser.ts';
import { ShellState } from '../shell/shell-state.ts';
import type { CommandIO, ContainerSystem, RunProgramOptions, ShellFlavor } from '../shell/system.ts';
import type { ExecSession } from './session.ts';
import { runInteractive } from './interactive.ts';

interface ShellArgs {
  command?: string;
  file?: string;
  positional: string[];
  arg0: string;
  forceInteractive: boolean;
  errexit: boolean;
  xtrace: boolean;
}

function parseShellArgs(argv: string[]): ShellArgs | { error: string } {
  const name = argv[0] ?? 'sh';
  const out: ShellArgs = {
    positional: [],
    arg0: name,
    forceInteractive: false,
    errexit: false,
    xtrace: false,
  };
  let wantCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) continue; // --login, --norc, --noprofile …
    if (!/^[-+][a-zA-Z]+$/.test(arg)) break;
    for (const flag of arg.slice(1)) {
      if (flag === 'c') wantCommand = true;
      else if (flag === 'i') out.forceInteractive = true;
      else if (flag === 'e') out.errexit = true;
      else if (flag === 'x') out.xtrace = true;
      else if (flag === 'o') i++;
    }
  }
  const rest = argv.slice(i);
  if (wantCommand) {
    const command = rest.shift();
    if (command === undefined) return { error: '-c requires an argument' };
    out.command = command;
    if (rest.length > 0) out.arg0 = rest.shift() as string;
    out.positional = rest;
  } else if (rest.length > 0) {
    out.file = rest.shift() as string;
    out.arg0 = out.file;
    out.positional = rest;
  }
  return out;
}

function syntaxErrorText(shell: Shell, err: unknown): string | undefined {
  if (err instanceof ShellSyntaxError) {
    if (err.message === 'bad substitution')
      return `${shell.messages.prefix(err.line)}syntax error: bad substitution\n`;
    return shell.messages.syntaxError(err.token, err.line);
  }
  if (err instanceof IncompleteInputError)
    return shell.messages.syntaxError(undefined, 1, err.message.startsWith('unterminated'));
  return undefined;
}

/** Parses and runs a whole script; syntax errors end the shell with status 2. */
export async function runShellScript(shell: Shell, source: string, io: CommandIO): Promise<number> {
  let list;
  try {
    list = parseShell(source);
  } catch (err) {
    const text = syntaxErrorText(shell, err);
    if (text === undefined) throw err;
    io.stderr(text);
    return 2;
  }
  return shell.runScript(list, io);
}

export async function runShellProgram(
  system: ContainerSystem,
  flavor: ShellFlavor,
  argv: string[],
  options: RunProgramOptions,
): Promise<number> {
  const io = options.io;
  const args = parseShellArgs(argv);
  const name = argv[0] ?? 'sh';
  if ('error' in args) {
    io.stderr(
      flavor === 'dash'
        ? `${name}: 0: ${args.error}\n`
        : flavor === 'bash'
          ? `${name}: -c: option requires an argument\n`
          : `${name}: ${args.error}\n`,
    );
    return 2;
  }
  const pid = (system as Partial<ExecSession>).currentPid?.() ?? system.allocatePid();
  const state = ShellState.fromEnv(options.env, options.cwd, args.arg0, args.positional, pid);
  state.set('PWD', options.cwd, true);
  if (flavor !== 'dash') state.set('SHLVL', String(Number(options.env.SHLVL ?? '0') + 1), true);
  state.errexit = args.errexit;
  state.xtrace = args.xtrace;
  const interactive =
    args.command === undefined && args.file === undefined && (io.stdinIsTty || args.forceInteractive);
  const shell = new Shell(system, state, flavor, interactive);
  if (args.command !== undefined) return runShellScript(shell, args.command, io);
  if (args.file !== undefined) {
    let source: string;
    try {
      source = system.fs.readText(shell.resolvePath(args.file));
    } catch (err) {
      if (!isFsError(err)) throw err;
      if (flavor === 'bash') io.stderr(`${name}: ${args.file}: ${err.message}\n`);
      else if (flavor === 'dash')
        io.stderr(
          `${name}: 0: cannot open ${args.file}: ${err.code === 'ENOENT' ? 'No such file' : err.message}\n`,
        );
      else io.stderr(`${name}: can't open '${args.file}': ${err.message}\n`);
      return flavor === 'bash' ? 127 : 2;
    }
    return runShellScript(shell, source, io);
  }
  return runInteractive(shell, io, interactive);
}
