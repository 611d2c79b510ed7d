/**
 * Applies `>`, `>>`, `<`, `2>&1`, here-documents … to a command's streams, left to right like
 * a real shell. Output to files is buffered and written when the command finishes; `>`
 * truncates up front so `cmd > f` behaves as expected even when cmd reads f.
 */
import type { ContainerFs } from '../fs/container-fs.ts';
import { FsError, isFsError } from '../fs/fs-errors.ts';
import type { Redirect } from './ast.ts';
import { BufferSource, CollectSink, type ByteSource, type Sink } from './byte-io.ts';
import type { CommandIO } from './system.ts';

/** A redirection that could not be set up; the shell prints it in its own wording. */
export class RedirectError extends Error {
  readonly path: string;
  readonly fsError: FsError;
  readonly forWriting: boolean;

  constructor(path: string, fsError: FsError, forWriting: boolean) {
    super(fsError.message);
    this.name = 'RedirectError';
    this.path = path;
    this.fsError = fsError;
    this.forWriting = forWriting;
  }
}

export class BadFdError extends Error {}

export interface RedirectHost {
  fs: ContainerFs;
  /** Path as the fs should see it (relative paths joined to the shell's cwd). */
  resolve(path: string): string;
  expandTarget(redirect: Redirect): Promise<string>;
  heredocText(redirect: Redirect): Promise<string>;
}

const discard: Sink = () => {};

type Fd =
  | { kind: 'out'; sink: Sink; tty: boolean }
  | { kind: 'in'; source: ByteSource; tty: boolean }
  | { kind: 'closed' };

/** Where writes to a path really go when it is one of the standard-stream device aliases. */
function streamAlias(
  fs: ContainerFs,
  absPath: string,
): 'null' | 'stdin' | 'stdout' | 'stderr' | 'tty' | undefined {
  let path = absPath;
  for (let hop = 0; hop < 8; hop++) {
    switch (path) {
      case '/dev/null':
        return 'null';
      case '/dev/stdin':
      case '/proc/self/fd/0':
        return 'stdin';
      case '/dev/stdout':
      case '/proc/self/fd/1':
        return 'stdout';
      case '/dev/stderr':
      case '/proc/self/fd/2':
        return 'stderr';
      case '/dev/tty':
        return 'tty';
    }
    const st = fs.tryStat(path, false);
    if (st?.type !== 'symlink' || st.linkTarget === undefined) return undefined;
    path = st.linkTarget.startsWith('/')
      ? st.linkTarget
      : `${path.slice(0, path.lastIndexOf('/'))}/${st.linkTarget}`;
  }
  return undefined;
}

export async function applyRedirects(
  redirects: readonly Redirect[],
  io: CommandIO,
  host: RedirectHost,
): Promise<{ io: CommandIO; finish: () => void }> {
  const fds = new Map<number, Fd>([
    [0, { kind: 'in', source: io.stdin, tty: io.stdinIsTty }],
    [1, { kind: 'out', sink: io.stdout, tty: io.stdoutIsTty }],
    [2, { kind: 'out', sink: io.stderr, tty: false }],
  ]);
  const pendingWrites: (() => void)[] = [];

  const openOutput = (target: string, append: boolean): Fd => {
    const path = host.resolve(target);
    const alias = streamAlias(host.fs, path);
    if (alias === 'null') return { kind: 'out', sink: discard, tty: false };
    if (alias === 'stdout' || alias === 'stderr')
      return fds.get(alias === 'stdout' ? 1 : 2) ?? { kind: 'closed' };
    if (alias === 'tty') return { kind: 'out', sink: io.stdout, tty: true };
    try {
      if (!append) host.fs.writeFile(path, new Uint8Array(0));
      else host.fs.writeFile(path, new Uint8Array(0), { append: true });
    } catch (err) {
      if (isFsError(err)) throw new RedirectError(target, err, true);
      throw err;
    }
    const collected = new CollectSink();
    pendingWrites.push(() => {
      const bytes = collected.bytes();
      if (bytes.length > 0) host.fs.writeFile(path, bytes, { append: true });
    });
    return { kind: 'out', sink: collected.sink, tty: false };
  };

  const openInput = (target: string): Fd => {
    const path = host.resolve(target);
    const alias = streamAlias(host.fs, path);
    if (alias === 'stdin') return fds.get(0) ?? { kind: 'closed' };
    try {
      return { kind: 'in', source: new BufferSource(host.fs.readFile(path)), tty: false };
    } catch (err) {
      if (isFsError(err)) throw new RedirectError(target, err, false);
      throw err;
    }
  };

  for (const r of redirects) {
    switch (r.op) {
      case '>':
      case '>>':
        fds.set(r.fd, openOutput(await host.expandTarget(r), r.op === '>>'));
        break;
      case '&>':
      case '&>>': {
        const fd = openOutput(await host.expandTarget(r), r.op === '&>>');
        fds.set(1, fd);
        fds.set(2, fd);
        break;
      }
      case '<':
      case '<>':
        fds.set(r.fd, openInput(await host.expandTarget(r)));
        break;
      case '>&':
      case '<&': {
        const target = await host.expandTarget(r);
        if (target === '-') fds.set(r.fd, { kind: 'closed' });
        else if (/^\d+$/.test(target)) {
          const source = fds.get(Number(target));
          if (!source) throw new BadFdError(`${target}: Bad file descriptor`);
          fds.set(r.fd, source);
        } else if (r.op === '>&') {
          // bash: `>& file` is `&> file`
          const fd = openOutput(target, false);
          fds.set(1, fd);
          fds.set(2, fd);
        }
        break;
      }
      case '<<':
      case '<<<':
        fds.set(r.fd, { kind: 'in', source: new BufferSource(await host.heredocText(r)), tty: false });
        break;
    }
  }

  const out = (n: number): { sink: Sink; tty: boolean } => {
    const fd = fds.get(n);
    return fd?.kind === 'out' ? { sink: fd.sink, tty: fd.tty } : { sink: discard, tty: false };
  };
  const stdinFd = fds.get(0);
  const stdout = out(1);
  const stderr = out(2);
  return {
    io: {
      stdin: stdinFd?.kind === 'in' ? stdinFd.source : new BufferSource(),
      stdinIsTty: stdinFd?.kind === 'in' ? stdinFd.tty : false,
      stdout: stdout.sink,
      stdoutIsTty: stdout.tty,
      stderr: stderr.sink,
    },
    finish: () => {
      for (const write of pendingWrites) write();
    },
  };
}
