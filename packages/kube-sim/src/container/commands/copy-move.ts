/** cp and mv with coreutils semantics: "into the directory" targets, -r, -a/-p, self-copy checks. */
import type { ContainerFs } from '../fs/container-fs.ts';
import { FsError } from '../fs/fs-errors.ts';
import { baseName, normalizePath } from '../fs/fs-path.ts';
import {
  complain,
  fileError,
  isBusybox,
  parseArgs,
  resolvePath,
  withUsage,
  type Command,
  type CommandRuntime,
} from './command-kit.ts';

interface Target {
  /** Destination path for the fs. */
  path: string;
  /** Destination as the user would name it in messages. */
  display: string;
}

/** With several sources (or a directory target) each source lands inside the target directory. */
function targetsFor(rt: CommandRuntime, sources: string[], dest: string): Target[] | string {
  const destIsDir = rt.system.fs.tryStat(resolvePath(rt, dest))?.type === 'dir';
  if (sources.length > 1 && !destIsDir)
    return isBusybox(rt) ? `'${dest}' is not a directory` : `target '${dest}' is not a directory`;
  return sources.map((src) => {
    if (!destIsDir) return { path: resolvePath(rt, dest), display: dest };
    const display = `${dest.replace(/\/+$/, '')}/${baseName(src)}`;
    return { path: resolvePath(rt, display), display };
  });
}

function isInside(parent: string, child: string): boolean {
  const p = normalizePath(parent);
  const c = normalizePath(child);
  return c === p || c.startsWith(p === '/' ? '/' : p + '/');
}

function copyTree(fs: ContainerFs, from: string, to: string, preserve: boolean, now: Date): void {
  const st = fs.lstat(from);
  if (st.type === 'symlink' && st.linkTarget !== undefined) {
    if (fs.tryStat(to, false)) fs.unlink(to);
    fs.symlink(st.linkTarget, to);
    return;
  }
  if (st.type === 'dir') {
    if (!fs.exists(to)) fs.mkdir(to, { mode: preserve ? st.mode : st.mode & ~fs.umask });
    for (const name of fs.readdir(from)) copyTree(fs, `${from}/${name}`, `${to}/${name}`, preserve, now);
    if (preserve) fs.setMtime(to, st.mtime);
    return;
  }
  const existed = fs.tryStat(to);
  fs.writeFile(to, fs.readFile(from), {
    mode: preserve ? st.mode : st.mode & ~fs.umask,
    mtime: preserve ? st.mtime : now,
  });
  if (preserve || !existed) fs.chmod(to, preserve ? st.mode : st.mode & ~fs.umask & 0o777);
  if (preserve) fs.chown(to, st.uid, st.gid);
}

export const cp: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'rRapfvnidLPH',
      long: { recursive: 'r', archive: 'a', force: 'f', verbose: 'v', 'no-clobber': 'n' },
    });
    const recursive = args.flags.has('r') || args.flags.has('R') || args.flags.has('a');
    const preserve = args.flags.has('a') || args.flags.has('p');
    const operands = args.operands;
    if (operands.length < 2) {
      complain(
        rt,
        operands.length === 0
          ? 'missing file operand'
          : `missing destination file operand after '${operands[0]}'`,
      );
      return 1;
    }
    const dest = operands.pop() as string;
    const targets = targetsFor(rt, operands, dest);
    if (typeof targets === 'string') {
      complain(rt, targets);
      return 1;
    }
    const fs = rt.system.fs;
    let status = 0;
    operands.forEach((src, i) => {
      const target = targets[i] as Target;
      const from = resolvePath(rt, src);
      const st = fs.tryStat(from);
      if (!st) {
        fileError(rt, src, new FsError('ENOENT', src), { gnu: 'cannot stat', busybox: "can't stat" });
        status = 1;
        return;
      }
      if (st.type === 'dir' && !recursive) {
        complain(
          rt,
          isBusybox(rt) ? `omitting directory '${src}'` : `-r not specified; omitting directory '${src}'`,
        );
        status = 1;
        return;
      }
      if (st.type === 'dir' && isInside(from, target.path)) {
        complain(rt, `cannot copy a directory, '${src}', into itself, '${target.display}'`);
        status = 1;
        return;
      }
      if (args.flags.has('n') && fs.exists(target.path)) return;
      try {
        if (st.type === 'dir' && fs.tryStat(target.path) && fs.stat(target.path).type !== 'dir')
          throw new FsError('ENOTDIR', target.display);
        copyTree(fs, fs.realpath(from), target.path, preserve, rt.system.now());
        if (args.flags.has('v')) rt.io.stdout(`'${src}' -> '${target.display}'\n`);
      } catch (err) {
        fileError(rt, target.display, err, { gnu: 'cannot create regular file', busybox: "can't create" });
        status = 1;
      }
    });
    return status;
  });

export const mv: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'fivnT',
      long: { force: 'f', verbose: 'v', 'no-clobber': 'n' },
    });
    const operands = args.operands;
    if (operands.length < 2) {
      complain(
        rt,
        operands.length === 0
          ? 'missing file operand'
          : `missing destination file operand after '${operands[0]}'`,
      );
      return 1;
    }
    const dest = operands.pop() as string;
    const targets = targetsFor(rt, operands, dest);
    if (typeof targets === 'string') {
      complain(rt, targets);
      return 1;
    }
    const fs = rt.system.fs;
    let status = 0;
    operands.forEach((src, i) => {
      const target = targets[i] as Target;
      const from = resolvePath(rt, src);
      if (!fs.tryStat(from, false)) {
        fileError(rt, src, new FsError('ENOENT', src), { gnu: 'cannot stat', busybox: "can't rename" });
        status = 1;
        return;
      }
      if (
        fs.lstat(from).type === 'dir' &&
        isInside(from, target.path) &&
        normalizePath(from) !== normalizePath(target.path)
      ) {
        complain(rt, `cannot move '${src}' to a subdirectory of itself, '${target.display}'`);
        status = 1;
        return;
      }
      if (args.flags.has('n') && fs.exists(target.path)) return;
      try {
        fs.rename(from, target.path);
        if (args.flags.has('v')) rt.io.stdout(`renamed '${src}' -> '${target.display}'\n`);
      } catch (err) {
        fileError(rt, src, err, { gnu: 'cannot move', busybox: "can't rename" });
        status = 1;
      }
    });
    return status;
  });
