/**
 * One exec session's view of the container (a ContainerSystem): program lookup through PATH,
 * dispatch of executables to their implementations, PIDs, and cooperative interruption.
 */
import { COMMANDS, SHELLS } from '../commands/registry.ts';
import type { CommandRuntime } from '../commands/command-kit.ts';
import type { ContainerFs } from '../fs/container-fs.ts';
import { isFsError } from '../fs/fs-errors.ts';
import { baseName } from '../fs/fs-path.ts';
import { isElf } from '../image/fake-binaries.ts';
import { DEFAULT_PATH } from '../image/image-profile.ts';
import type { TerminalInput } from '../shell/line-discipline.ts';
import { InterruptError } from '../shell/line-discipline.ts';
import { ShellExit } from '../shell/signals.ts';
import type {
  CommandIO,
  ContainerSystem,
  ProcessInfo,
  ProgramResolution,
  RunProgramOptions,
  ShellFlavor,
  Toolset,
} from '../shell/system.ts';
import { runShellProgram } from './shell-program.ts';

/** The session was cancelled from outside (the client went away). */
export class SessionAborted extends Error {}

export interface SessionOptions {
  fs: ContainerFs;
  hostname: string;
  user: string;
  now: () => Date;
  processes: () => ProcessInfo[];
  sleep?: (ms: number) => Promise<void>;
  terminalSize?: () => { cols: number; rows: number };
  terminal?: TerminalInput;
  signal?: AbortSignal;
}

const CHECKPOINT_EVERY = 64;

export class ExecSession implements ContainerSystem {
  readonly fs: ContainerFs;
  readonly hostname: string;
  readonly user: string;
  readonly toolset: Toolset;
  private readonly options: SessionOptions;
  private nextPid: number;
  private readonly running = new Map<number, { ppid: number; command: string }>();
  private readonly callerPids: number[] = [];
  private steps = 0;

  constructor(options: SessionOptions) {
    this.options = options;
    this.fs = options.fs;
    this.hostname = options.hostname;
    this.user = options.user;
    // Busybox images are recognisable by their multi-call binary.
    this.toolset = options.fs.tryStat('/bin/busybox')?.type === 'file' ? 'busybox' : 'gnu';
    const known = options.processes().map((p) => p.pid);
    this.nextPid = Math.max(1, ...known) + 6;
  }

  now(): Date {
    return this.options.now();
  }

  processes(): ProcessInfo[] {
    return this.options.processes();
  }

  sleep(ms: number): Promise<void> {
    if (this.options.sleep && Number.isFinite(ms)) return this.options.sleep(ms);
    return Promise.resolve();
  }

  terminalSize(): { cols: number; rows: number } | undefined {
    return this.options.terminalSize?.();
  }

  allocatePid(): number {
    return this.nextPid++;
  }

  runningPrograms(): { pid: number; ppid: number; command: string }[] {
    return [...this.running].map(([pid, p]) => ({ pid, ...p }));
  }

  async checkpoint(): Promise<void> {
    if (this.options.signal?.aborted) throw new SessionAborted('exec session aborted');
    if (this.options.terminal?.pollInterrupt()) throw new InterruptError();
    if (++this.steps % CHECKPOINT_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  resolveProgram(name: string, path: string | undefined, cwd: string): ProgramResolution {
    const candidates = name.includes('/')
      ? [name.startsWith('/') ? name : `${cwd === '/' ? '' : cwd}/${name}`]
      : (path ?? DEFAULT_PATH).split(':').map((dir) => `${dir === '' ? cwd : dir}/${name}`);
    for (const candidate of candidates) {
      const st = this.fs.tryStat(candidate);
      if (!st) continue;
      const executable = st.type === 'file' && (st.mode & 0o111) !== 0;
      if (executable) return { kind: 'found', path: name.includes('/') ? name : candidate };
      if (name.includes('/'))
        return { kind: 'not-executable', path: candidate, isDirectory: st.type === 'dir' };
    }
    return { kind: 'not-found' };
  }

  async runProgram(path: string, argv: string[], options: RunProgramOptions): Promise<number> {
    const fsPath = path.startsWith('/') ? path : `${options.cwd === '/' ? '' : options.cwd}/${path}`;
    const real = this.fs.realpath(fsPath);
    const data = this.fs.readFile(real);
    let args = argv;
    let identity = baseName(real);
    if (identity === 'busybox') {
      identity = baseName(argv[0] ?? '');
      if (identity === 'busybox') {
        args = argv.slice(1);
        identity = baseName(args[0] ?? '');
      }
    }
    const text = new TextDecoder().decode(data.subarray(0, 128));
    if (text.startsWith('#!')) return this.runScript(fsPath, text, argv, options);
    if (!isElf(data))
      return this.withPid(argv, () =>
        runShellProgram(this, this.defaultShell(), ['sh', fsPath, ...argv.slice(1)], options),
      );
    if (SHELLS.has(identity))
      return this.withPid(args, () => runShellProgram(this, this.flavorOf(identity), args, options));
    return this.withPid(args, () => this.runCommand(identity, args, options));
  }

  async runNamedCommand(name: string, argv: string[], options: RunProgramOptions): Promise<number> {
    return this.runCommand(name, argv, options);
  }

  /** The pid of the program currently calling back into the session (for `$$` and ps). */
  currentPid(): number {
    return this.callerPids[this.callerPids.length - 1] ?? 1;
  }

  private async withPid(argv: string[], run: () => Promise<number>): Promise<number> {
    const pid = this.allocatePid();
    this.running.set(pid, { ppid: this.currentPid(), command: argv.join(' ') });
    this.callerPids.push(pid);
    try {
      return await run();
    } finally {
      this.callerPids.pop();
      this.running.delete(pid);
    }
  }

  private defaultShell(): ShellFlavor {
    return this.toolset === 'busybox' ? 'ash' : 'dash';
  }

  private flavorOf(identity: string): ShellFlavor {
    if (identity === 'bash') return 'bash';
    if (identity === 'dash') return 'dash';
    return this.toolset === 'busybox' ? 'ash' : 'dash';
  }

  private async runScript(
    path: string,
    head: string,
    argv: string[],
    options: RunProgramOptions,
  ): Promise<number> {
    const [interpreter = '', ...interpreterArgs] = (head.slice(2).split('\n')[0] ?? '').trim().split(/\s+/);
    let program = baseName(interpreter);
    let extra = interpreterArgs;
    if (program === 'env' && interpreterArgs[0]) {
      program = interpreterArgs[0];
      extra = interpreterArgs.slice(1);
    }
    if (!SHELLS.has(program)) {
      // Other interpreters (python, node) would run the script; the simulation only starts them.
      return COMMANDS.has(program) ? 0 : this.reportMissingInterpreter(path, options);
    }
    if (program === 'bash' && this.toolset === 'busybox') return this.reportMissingInterpreter(path, options);
    return this.withPid(argv, () =>
      runShellProgram(this, this.flavorOf(program), [program, ...extra, path, ...argv.slice(1)], options),
    );
  }

  private reportMissingInterpreter(path: string, options: RunProgramOptions): number {
    options.io.stderr(`sh: ${path}: not found\n`);
    return 127;
  }

  private async runCommand(identity: string, argv: string[], options: RunProgramOptions): Promise<number> {
    const command = COMMANDS.get(identity);
    // Unknown binaries (application servers) start and exit quietly.
    if (!command) return 0;
    const rt: CommandRuntime = {
      argv,
      name: identity,
      env: options.env,
      cwd: options.cwd,
      io: options.io,
      system: this,
      ...(options.builtinOf ? { builtinOf: options.builtinOf } : {}),
      spawn: (spawnArgv, spawnOptions) => this.spawn(rt, spawnArgv, spawnOptions),
    };
    try {
      return await command(rt);
    } catch (err) {
      if (isFsError(err)) {
        options.io.stderr(`${identity}: ${err.path}: ${err.message}\n`);
        return 1;
      }
      if (err instanceof InterruptError || err instanceof ShellExit || err instanceof SessionAborted)
        throw err;
      options.io.stderr(`${identity}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }

  private async spawn(
    caller: CommandRuntime,
    argv: string[],
    options: { io?: Partial<CommandIO>; env?: Record<string, string> } = {},
  ): Promise<number> {
    const env = options.env ?? caller.env;
    const name = argv[0];
    if (name === undefined) return 0;
    const found = this.resolveProgram(name, env.PATH, caller.cwd);
    if (found.kind !== 'found') {
      const busybox = this.toolset === 'busybox';
      caller.io.stderr(
        busybox
          ? `${caller.name}: can't execute '${name}': No such file or directory\n`
          : `${caller.name}: '${name}': No such file or directory\n`,
      );
      return 127;
    }
    return this.runProgram(found.path, argv, { env, cwd: caller.cwd, io: { ...caller.io, ...options.io } });
  }
}
