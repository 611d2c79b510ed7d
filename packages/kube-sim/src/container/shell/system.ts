/** What programs in one exec session share: the container, its clock and the terminal. */
import type { ContainerFs } from '../fs/container-fs.ts';
import type { ByteSource, Sink } from './byte-io.ts';

/** One process as `ps` shows it; the kubelet simulation supplies the container's processes. */
export interface ProcessInfo {
  pid: number;
  ppid?: number;
  user?: string;
  /** Full command line, e.g. `nginx: master process nginx -g daemon off;`. */
  command: string;
  startedAt?: Date;
  /** Accumulated CPU time. */
  cpuSeconds?: number;
  rssKb?: number;
  vszKb?: number;
  /** Process state letter(s) as ps shows them (S, Ss, R+ …). */
  stat?: string;
  tty?: string;
}

export type Toolset = 'busybox' | 'gnu';
export type ShellFlavor = 'ash' | 'dash' | 'bash';

/** The three standard streams of a program, and whether each end is the terminal. */
export interface CommandIO {
  stdin: ByteSource;
  stdout: Sink;
  stderr: Sink;
  stdinIsTty: boolean;
  stdoutIsTty: boolean;
}

export type ProgramResolution =
  | { kind: 'found'; path: string }
  | { kind: 'not-found' }
  | { kind: 'not-executable'; path: string; isDirectory: boolean };

export interface RunProgramOptions {
  env: Record<string, string>;
  cwd: string;
  io: CommandIO;
  /** Set when a shell runs one of its builtins through the command table (echo, printf, test). */
  builtinOf?: ShellFlavor;
}

export interface ContainerSystem {
  fs: ContainerFs;
  hostname: string;
  user: string;
  toolset: Toolset;
  now(): Date;
  processes(): ProcessInfo[];
  sleep(ms: number): Promise<void>;
  terminalSize(): { cols: number; rows: number } | undefined;
  /** Allocates a PID for a newly started program (so `ps` and `$$` look alive). */
  allocatePid(): number;
  /** The PIDs of programs currently running in this session (shown by `ps`). */
  runningPrograms(): { pid: number; ppid: number; command: string }[];
  /** Lets the event loop breathe during long loops; throws InterruptError after Ctrl-C. */
  checkpoint(): Promise<void>;
  resolveProgram(name: string, path: string | undefined, cwd: string): ProgramResolution;
  runProgram(path: string, argv: string[], options: RunProgramOptions): Promise<number>;
  /** Runs a command from the command table by name, without a PATH lookup (shell builtins). */
  runNamedCommand(name: string, argv: string[], options: RunProgramOptions): Promise<number>;
}
