/** Commands that create, remove and modify directory entries: mkdir, rmdir, rm, touch, ln, chmod, chown. */
import { FsError } from '../fs/fs-errors.ts';
import { normalizePath } from '../fs/fs-path.ts';
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
import { passwd } from './users.ts';

export const mkdir: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'pv',
      withValue: 'm',
      long: { parents: 'p', verbose: 'v', 'mode=': 'm' },
    });
    if (args.operands.length === 0) {
      complain(rt, 'missing operand');
      return 1;
    }
    const mode = args.values.has('m') ? parseInt(args.values.get('m') as string, 8) : undefined;
    let status = 0;
    for (const dir of args.operands) {
      try {
        rt.system.fs.mkdir(resolvePath(rt, dir), {
          parents: args.flags.has('p'),
          ...(mode !== undefined ? { mode } : {}),
        });
        if (args.flags.has('v')) rt.io.stdout(`mkdir: created directory '${dir}'\n`);
      } catch (err) {
        fileError(rt, dir, err, { gnu: 'cannot create directory', busybox: "can't create directory" });
        status = 1;
      }
    }
    return status;
  });

export const rmdir: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'pv',
      long: { parents: 'p', 'ignore-fail-on-non-empty': 'i' },
    });
    let status = 0;
    for (const dir of args.operands) {
      const targets = [dir];
      if (args.flags.has('p'))
        for (let d = dir.replace(/\/+$/, ''); d.includes('/');)
          targets.push((d = d.slice(0, d.lastIndexOf('/'))));
      for (const target of targets.filter((t) => t !== '')) {
        try {
          rt.system.fs.rmdir(resolvePath(rt, target));
        } catch (err) {
          if (args.flags.has('i') && err instanceof FsError && err.code === 'ENOTEMPTY') break;
          if (isBusybox(rt)) complain(rt, `'${target}': ${(err as Error).message}`);
          else fileError(rt, target, err, { gnu: 'failed to remove' });
          status = 1;
          break;
        }
      }
    }
    return status;
  });

export const rm: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'rRfivd',
      long: { recursive: 'r', force: 'f', verbose: 'v', dir: 'd', 'no-preserve-root': 'P' },
    });
    const recursive = args.flags.has('r') || args.flags.has('R');
    const force = args.flags.has('f');
    if (args.operands.length === 0 && !force) {
      complain(rt, 'missing operand');
      return 1;
    }
    let status = 0;
    for (const target of args.operands) {
      const path = resolvePath(rt, target);
      if (recursive && normalizePath(path) === '/' && !args.flags.has('P')) {
        rt.io.stderr(
          `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`,
        );
        status = 1;
        continue;
      }
      if (/(^|\/)\.\.?\/*$/.test(target)) {
        complain(rt, `refusing to remove '.' or '..' directory: skipping '${target}'`);
        status = 1;
        continue;
      }
      const st = rt.system.fs.tryStat(path, false);
      if (!st) {
        if (!force) {
          fileError(rt, target, new FsError('ENOENT', target), {
            gnu: 'cannot remove',
            busybox: "can't remove",
          });
          status = 1;
        }
        continue;
      }
      if (st.type === 'dir' && !recursive && !args.flags.has('d')) {
        if (isBusybox(rt)) complain(rt, `'${target}' is a directory`);
        else fileError(rt, target, new FsError('EISDIR', target), { gnu: 'cannot remove' });
        status = 1;
        continue;
      }
      try {
        rt.system.fs.remove(path, { recursive });
        if (args.flags.has('v'))
          rt.io.stdout(isBusybox(rt) ? `removed '${target}'\n` : `removed '${target}'\n`);
      } catch (err) {
        fileError(rt, target, err, { gnu: 'cannot remove', busybox: "can't remove" });
        status = 1;
      }
    }
    return status;
  });

export const touch: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), {
      flags: 'cam',
      withValue: 'dtr',
      long: { 'no-create': 'c', 'date=': 'd' },
    });
    if (args.operands.length === 0) {
      complain(rt, 'missing file operand');
      return 1;
    }
    const when = args.values.has('d') ? new Date(args.values.get('d') as string) : rt.system.now();
    let status = 0;
    for (const file of args.operands) {
      const path = resolvePath(rt, file);
      try {
        if (rt.system.fs.exists(path)) rt.system.fs.setMtime(path, when);
        else if (!args.flags.has('c')) rt.system.fs.writeFile(path, new Uint8Array(0), { mtime: when });
      } catch (err) {
        fileError(rt, file, err, { gnu: 'cannot touch' });
        status = 1;
      }
    }
    return status;
  });

export const ln: Command = (rt) =>
  withUsage(rt, () => {
    const args = parseArgs(rt, rt.argv.slice(1), { flags: 'sfnvT', long: { symbolic: 's', force: 'f' } });
    const [target, linkArg] = args.operands;
    if (target === undefined) {
      complain(rt, 'missing file operand');
      return 1;
    }
    const fs = rt.system.fs;
    let link = linkArg ?? target.replace(/\/+$/, '').split('/').pop() ?? target;
    if (fs.tryStat(resolvePath(rt, link))?.type === 'dir' && !args.flags.has('n'))
      link = `${link.replace(/\/+$/, '')}/${target.split('/').pop()}`;
    const linkPath = resolvePath(rt, link);
    try {
      if (args.flags.has('f') && fs.tryStat(linkPath, false)) fs.unlink(linkPath);
      if (args.flags.has('s')) fs.symlink(target, linkPath);
      else fs.copy(resolvePath(rt, target), linkPath);
    } catch (err) {
      const verb = args.flags.has('s') ? 'failed to create symbolic link' : 'failed to create hard link';
      fileError(rt, link, err, { gnu: verb });
      return 1;
    }
    return 0;
  });

/** Applies an octal or symbolic (`u+x,go-w`, `a=r`) mode to an existing mode. */
export function applyMode(spec: string, current: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return undefined;
    const [, who = '', op, perms = ''] = m;
    const targets = who === '' || who.includes('a') ? 'ugo' : who;
    let bits = 0;
    for (const t of targets) {
      const shift = t === 'u' ? 6 : t === 'g' ? 3 : 0;
      if (perms.includes('r')) bits |= 4 << shift;
      if (perms.includes('w')) bits |= 2 << shift;
      if (perms.includes('x') || (perms.includes('X') && (isDir || current & 0o111))) bits |= 1 << shift;
      if (perms.includes('s') && t !== 'o') bits |= t === 'u' ? 0o4000 : 0o2000;
    }
    if (perms.includes('t')) bits |= 0o1000;
    if (op === '+') mode |= bits;
    else if (op === '-') mode &= ~bits;
    else {
      let mask = 0;
      for (const t of targets) mask |= 7 << (t === 'u' ? 6 : t === 'g' ? 3 : 0);
      mode = (mode & ~mask) | bits;
    }
  }
  return mode;
}

function forEachTarget(
  rt: CommandRuntime,
  operands: string[],
  recursive: boolean,
  apply: (path: string, isDir: boolean) => void,
): number {
  let status = 0;
  for (const operand of operands) {
    try {
      const path = resolvePath(rt, operand);
      const targets = recursive
        ? [...rt.system.fs.walk(path)].map((s) => ({ path: s.path, dir: s.type === 'dir' }))
        : [{ path, dir: rt.system.fs.stat(path).type === 'dir' }];
      for (const t of targets) apply(t.path, t.dir);
    } catch (err) {
      fileError(rt, operand, err, { gnu: 'cannot access' });
      status = 1;
    }
  }
  return status;
}

export const chmod: Command = (rt) =>
  withUsage(rt, () => {
    const argv = rt.argv.slice(1);
    const recursive = argv.includes('-R');
    const rest = argv.filter((a) => a !== '-R' && a !== '-v' && a !== '-f');
    const [spec, ...files] = rest;
    if (spec === undefined || files.length === 0) {
      complain(rt, 'missing operand');
      return 1;
    }
    if (applyMode(spec, 0, false) === undefined) {
      complain(rt, `invalid mode: '${spec}'`);
      return 1;
    }
    return forEachTarget(rt, files, recursive, (path, isDir) => {
      const current = rt.system.fs.stat(path).mode;
      rt.system.fs.chmod(path, applyMode(spec, current, isDir) ?? current);
    });
  });

export const chown: Command = (rt) =>
  withUsage(rt, () => {
    const argv = rt.argv.slice(1);
    const recursive = argv.includes('-R');
    const [owner, ...files] = argv.filter((a) => !a.startsWith('-'));
    if (owner === undefined || files.length === 0) {
      complain(rt, 'missing operand');
      return 1;
    }
    const [user = '', group] = owner.split(/[:.]/);
    const users = passwd(rt.system);
    const uid =
      user === '' ? undefined : /^\d+$/.test(user) ? Number(user) : users.find((u) => u.name === user)?.uid;
    if (user !== '' && uid === undefined) {
      complain(rt, `invalid user: '${owner}'`);
      return 1;
    }
    const gid =
      group === undefined || group === ''
        ? undefined
        : /^\d+$/.test(group)
          ? Number(group)
          : users.find((u) => u.name === group)?.gid;
    return forEachTarget(rt, files, recursive, (path) => {
      const st = rt.system.fs.stat(path);
      rt.system.fs.chown(path, uid ?? st.uid, gid ?? st.gid);
    });
  });
