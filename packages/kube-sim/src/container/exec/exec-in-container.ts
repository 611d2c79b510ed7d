/**
 * The entry point behind `kubectl exec`, `kubectl cp` and the web terminal: runs argv in the
 * container the way the container runtime would, over the session's streams.
 */
import type { ContainerFs } from '../fs/container-fs.ts';
import { DEFAULT_PATH } from '../image/image-profile.ts';
import { StreamSource, translateNewlines } from '../shell/byte-io.ts';
import { InterruptError, TerminalInput } from '../shell/line-discipline.ts';
import { ShellExit } from '../shell/signals.ts';
import type { ProcessInfo } from '../shell/system.ts';
import { currentUser } from '../commands/users.ts';
import { ExecSession, SessionAborted } from './session.ts';

export interface ContainerContext {
  fs: ContainerFs;
  env: Record<string, string>;
  hostname: string;
  workingDir: string;
  processes(): ProcessInfo[];
  now(): Date;
  /** User the exec runs as (name or uid); root when absent. */
  user?: string;
  /** Timer behind `sleep`; without one, sleeps return at once (tests must not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Ends a running session (e.g. when the client disconnects). */
  signal?: AbortSignal;
}

export interface ExecIO {
  stdin: AsyncIterable<Uint8Array> | null;
  stdout(chunk: Uint8Array | string): void;
  stderr(chunk: Uint8Array | string): void;
  /**
   * With a tty, output has "\n" turned into "\r\n", stderr is written to stdout (a terminal
   * is one stream), input is edited and echoed as by a terminal's line discipline.
   */
  tty: boolean;
  terminalSize?: () => { cols: number; rows: number };
}

export interface ExecResult {
  exitCode: number;
  /** Set when the runtime could not start the program (what kubectl reports as an error). */
  message?: string;
}

function runtimeError(detail: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown`;
}

export async function execInContainer(
  argv: string[],
  ctx: ContainerContext,
  io: ExecIO,
): Promise<ExecResult> {
  const name = argv[0];
  if (name === undefined || name === '')
    return { exitCode: 127, message: runtimeError('exec: "": executable file not found in $PATH') };
  const stdout = io.tty ? translateNewlines(io.stdout) : io.stdout;
  const stderr = io.tty ? stdout : io.stderr;
  const raw = new StreamSource(io.stdin);
  const terminal = io.tty ? new TerminalInput(raw, stdout) : undefined;
  const session = new ExecSession({
    fs: ctx.fs,
    hostname: ctx.hostname,
    user: ctx.user ?? 'root',
    now: () => ctx.now(),
    processes: () => ctx.processes(),
    ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    ...(io.terminalSize ? { terminalSize: io.terminalSize } : {}),
    ...(terminal ? { terminal } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  // What runc adds to the process environment when the image did not set it.
  const env: Record<string, string> = { ...ctx.env };
  env.PATH ??= DEFAULT_PATH;
  env.HOSTNAME ??= ctx.hostname;
  if (io.tty) env.TERM ??= 'xterm';
  env.HOME ??= currentUser(session).home;
  const cwd = ctx.fs.tryStat(ctx.workingDir)?.type === 'dir' ? ctx.workingDir : '/';

  const found = session.resolveProgram(name, env.PATH, cwd);
  if (found.kind === 'not-found') {
    const detail = name.includes('/')
      ? `exec: "${name}": stat ${name}: no such file or directory`
      : `exec: "${name}": executable file not found in $PATH`;
    raw.close();
    return { exitCode: 127, message: runtimeError(detail) };
  }
  if (found.kind === 'not-executable') {
    raw.close();
    return { exitCode: 126, message: runtimeError(`exec: "${name}": permission denied`) };
  }
  try {
    const status = await session.runProgram(found.path, argv, {
      env,
      cwd,
      io: { stdin: terminal ?? raw, stdout, stderr, stdinIsTty: io.tty, stdoutIsTty: io.tty },
    });
    return { exitCode: status & 0xff };
  } catch (err) {
    if (err instanceof ShellExit) return { exitCode: err.status & 0xff };
    if (err instanceof InterruptError) return { exitCode: 130 };
    if (err instanceof SessionAborted) return { exitCode: 137 };
    throw err;
  } finally {
    raw.close();
  }
}
